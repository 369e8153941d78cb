"use strict";
// Long forms (the safety plan, the journal): a warning before the session times out while
// something typed is unsaved, and the limits shown as they come near. Without this file the forms
// still work, and a form sent after the session ended still keeps what was typed (the server
// carries it through sign-in).
(function () {
  var form = document.querySelector("form[data-idle-seconds]");
  if (!form) return;
  var warning = form.querySelector(".idle-warning");
  var idleSeconds = parseInt(form.getAttribute("data-idle-seconds"), 10) || 1800;
  var keepAlivePath = form.getAttribute("data-keep-alive");
  // The server notes activity at most once a minute, so warn with room to spare.
  var warnAfter = Math.max(30, idleSeconds - 180) * 1000;
  var unsaved = false;
  var timer = null;

  function schedule() {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      if (unsaved && warning) {
        warning.hidden = false;
        var stay = warning.querySelector('[data-action="stay"]');
        if (stay) stay.focus();
      }
    }, warnAfter);
  }

  form.addEventListener("input", function () { unsaved = true; });
  form.addEventListener("change", function () { unsaved = true; });
  form.addEventListener("submit", function () { unsaved = false; });

  if (warning) {
    var stay = warning.querySelector('[data-action="stay"]');
    if (stay) {
      stay.addEventListener("click", function () {
        var token = form.querySelector('input[name="_csrf"]');
        fetch(keepAlivePath, {
          method: "POST", credentials: "same-origin",
          headers: { "X-CSRF-Token": token ? token.value : "" }
        }).then(function (response) {
          if (response.ok) {
            warning.hidden = true;
            schedule();
          }
        }).catch(function () { /* offline: saving still keeps the text (see above) */ });
      });
    }
  }
  schedule();

  // Each step's limits, said beside the field before they are reached.
  form.querySelectorAll("textarea[data-max-lines]").forEach(function (area) {
    var maxLines = parseInt(area.getAttribute("data-max-lines"), 10);
    var maxLength = parseInt(area.getAttribute("data-max-line-length"), 10);
    var note = document.getElementById(area.getAttribute("aria-describedby"));
    if (!note) return;
    var original = note.textContent;
    note.setAttribute("aria-live", "polite");
    function update() {
      var lines = area.value.split("\n").filter(function (line) { return line.trim() !== ""; });
      var longest = lines.reduce(function (most, line) { return Math.max(most, line.trim().length); }, 0);
      if (lines.length > maxLines) {
        note.textContent = lines.length + " lines: please keep to " + maxLines + ".";
      } else if (longest > maxLength) {
        note.textContent = "One line has " + longest + " characters: please keep each under " + maxLength + ".";
      } else if (lines.length >= maxLines - 2 || longest >= maxLength - 50) {
        note.textContent = lines.length + " of " + maxLines + " lines; the longest has " + longest + " of " + maxLength + " characters.";
      } else {
        note.textContent = original;
      }
    }
    area.addEventListener("input", update);
    update();
  });
})();
