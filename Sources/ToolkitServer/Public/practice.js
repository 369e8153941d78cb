"use strict";
// The guided player: one step at a time with its timer, pause and resume, a gentle bell,
// a breathing pacer for breathing steps and optional read-aloud. Without JavaScript the
// steps stay a plain readable list.
(function () {
  var audioContext = null;

  function bell() {
    try {
      var AudioCtx = window.AudioContext || window.webkitAudioContext;
      if (!AudioCtx) return;
      audioContext = audioContext || new AudioCtx();
      var now = audioContext.currentTime;
      [528, 792].forEach(function (frequency, index) {
        var oscillator = audioContext.createOscillator();
        var gain = audioContext.createGain();
        oscillator.type = "sine";
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, now);
        gain.gain.exponentialRampToValueAtTime(index === 0 ? 0.18 : 0.06, now + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + 2.4);
        oscillator.connect(gain).connect(audioContext.destination);
        oscillator.start(now);
        oscillator.stop(now + 2.5);
      });
    } catch (e) { /* sound is optional */ }
  }

  function speak(text) {
    if (!("speechSynthesis" in window)) return;
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }

  function formatTime(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function setUp(root) {
    var name = root.getAttribute("data-practice");
    var list = document.getElementById(name + "-steps");
    var player = root.querySelector("[data-player]");
    if (!list || !player) return;
    var steps = Array.prototype.map.call(list.children, function (li) {
      return {
        title: li.querySelector(".step-title").textContent,
        text: li.querySelector(".step-text").textContent,
        stepBack: li.querySelector(".step-back-text") ? li.querySelector(".step-back-text").textContent : "",
        seconds: parseInt(li.getAttribute("data-seconds") || "0", 10),
        inhale: parseInt(li.getAttribute("data-inhale") || "0", 10),
        exhale: parseInt(li.getAttribute("data-exhale") || "0", 10),
        // The therapist's own recording of this step, when they made one.
        audio: li.getAttribute("data-audio") || ""
      };
    });
    var el = function (role) { return root.querySelector('[data-role="' + role + '"]'); };
    var button = function (action) { return root.querySelector('[data-action="' + action + '"]'); };
    var option = function (name) { var box = root.querySelector('[data-option="' + name + '"]'); return box && box.checked; };
    var index = 0, remaining = 0, paused = false, tick = null, breathTimer = null;
    // The practice log's minutes field, if this page has one: filled in from the time spent
    // (pauses left out) unless the person has typed their own number.
    var minutesField = document.querySelector('[data-practice-minutes="' + name + '"]');
    var minutesTyped = false, activeSeconds = 0, clock = null;
    if (minutesField) minutesField.addEventListener("input", function () { minutesTyped = true; });

    function startClock() {
      if (clock) return;
      clock = setInterval(function () { if (!paused) activeSeconds += 1; }, 1000);
    }

    function fillMinutes() {
      if (clock) { clearInterval(clock); clock = null; }
      if (!minutesField || minutesTyped) return;
      var minutes = Math.min(240, Math.max(1, Math.round(activeSeconds / 60)));
      minutesField.value = String(minutes);
      var hint = document.querySelector('[data-role="minutes-hint"]');
      if (hint) hint.textContent = "Filled in from the timer: about " + minutes + (minutes === 1 ? " minute" : " minutes") +
        ". Change it if you like (1 to 240).";
    }

    function stopTimers() {
      if (tick) { clearInterval(tick); tick = null; }
      if (breathTimer) { clearTimeout(breathTimer); breathTimer = null; }
    }

    function breathe(step, phase) {
      var pacer = el("pacer");
      if (paused) { breathTimer = setTimeout(function () { breathe(step, phase); }, 250); return; }
      var inhale = phase === "in";
      var seconds = inhale ? step.inhale : step.exhale;
      pacer.style.transitionDuration = seconds + "s";
      pacer.classList.toggle("inhale", inhale);
      pacer.textContent = inhale ? "Breathe in" : "Breathe out";
      breathTimer = setTimeout(function () { breathe(step, inhale ? "out" : "in"); }, seconds * 1000);
    }

    function show(i) {
      stopTimers();
      index = i;
      var step = steps[index];
      paused = false;
      button("pause").textContent = "Pause";
      el("progress").textContent = "Step " + (index + 1) + " of " + steps.length;
      el("title").textContent = step.title;
      el("text").textContent = step.text;
      var back = el("step-back");
      if (back) {
        back.textContent = step.stepBack ? "If it's too much: " + step.stepBack : "";
        back.hidden = !step.stepBack;
      }
      button("back").disabled = index === 0;
      button("next").textContent = index === steps.length - 1 ? "Finish" : "Next step";
      var pacer = el("pacer");
      if (step.inhale > 0 && step.exhale > 0) { pacer.hidden = false; breathe(step, "in"); } else { pacer.hidden = true; }
      remaining = step.seconds;
      el("timer").textContent = remaining > 0 ? formatTime(remaining) : "";
      button("pause").hidden = remaining <= 0;
      if (remaining > 0) {
        tick = setInterval(function () {
          if (paused) return;
          remaining -= 1;
          el("timer").textContent = formatTime(Math.max(remaining, 0));
          if (remaining <= 0) {
            clearInterval(tick); tick = null;
            if (option("bell")) bell();
            el("timer").textContent = "Time's up. Move on when you're ready.";
          }
        }, 1000);
      }
      el("title").focus();
      // A recording plays in place of read-aloud; its controls let the person pause and seek.
      var audio = el("audio"), voiced = false;
      if (audio) {
        audio.pause();
        if (step.audio) {
          audio.src = step.audio;
          audio.hidden = false;
          if (option("voice")) {
            voiced = true;
            var playing = audio.play();
            if (playing && playing.catch) playing.catch(function () { /* the person can press play */ });
          }
        } else {
          audio.removeAttribute("src");
          audio.hidden = true;
        }
      }
      if (option("speech") && !voiced) speak(step.title + ". " + step.text);
    }

    function pauseAudio() { var audio = el("audio"); if (audio) audio.pause(); }

    function finish() {
      stopTimers();
      fillMinutes();
      if ("speechSynthesis" in window) window.speechSynthesis.cancel();
      pauseAudio();
      player.hidden = true;
      var done = el("done");
      done.hidden = false;
      done.focus();
      if (option("bell")) bell();
      root.dispatchEvent(new CustomEvent("practice:finished", { bubbles: true }));
    }

    button("next").addEventListener("click", function () { if (index < steps.length - 1) show(index + 1); else finish(); });
    button("back").addEventListener("click", function () { if (index > 0) show(index - 1); });
    button("pause").addEventListener("click", function () {
      paused = !paused;
      button("pause").textContent = paused ? "Resume" : "Pause";
      if (paused && "speechSynthesis" in window) window.speechSynthesis.cancel();
      if (paused) pauseAudio();
    });
    button("restart").addEventListener("click", function () { el("done").hidden = true; player.hidden = false; startClock(); show(0); });
    var start = button("start");
    start.hidden = false;
    list.hidden = true;
    start.addEventListener("click", function () { start.hidden = true; player.hidden = false; startClock(); show(0); });
  }

  document.querySelectorAll("[data-practice]").forEach(setUp);
})();
