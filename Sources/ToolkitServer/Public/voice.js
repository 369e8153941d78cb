"use strict";
// Recording a step in the therapist's own voice: the browser records (MediaRecorder) or reads a
// chosen file, and sends the audio as the request body with the page's form token in a header.
// Nothing leaves the browser except to this app.
(function () {
  var tokenInput = document.getElementById("voice-csrf");
  if (!tokenInput || !window.fetch) return;
  var token = tokenInput.value;
  var LIMIT = 5 * 1024 * 1024;

  function send(box, blob, status) {
    if (blob.size > LIMIT) { status.textContent = "That recording is over 5 MB. Please record a shorter one, or choose a smaller file."; return; }
    status.textContent = "Saving…";
    window.fetch(box.getAttribute("data-upload"), {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRF-Token": token, "Content-Type": blob.type || "application/octet-stream" }, body: blob
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (result) {
      if (result.ok) { window.location.reload(); return; }
      status.textContent = result.answer.error || "That recording could not be saved. Please try again.";
    }).catch(function () {
      status.textContent = "The connection dropped before the recording was saved. Please try again.";
    });
  }

  document.querySelectorAll("[data-recorder]").forEach(function (box) {
    var step = box.getAttribute("data-recorder");
    var status = document.querySelector('[data-role="status-' + step + '"]');
    var record = box.querySelector('[data-action="record"]');
    var stop = box.querySelector('[data-action="stop"]');
    var file = box.querySelector("input[type=file]");
    var recorder = null, chunks = [];

    if (!navigator.mediaDevices || !window.MediaRecorder) {
      record.hidden = true;
    } else {
      record.addEventListener("click", function () {
        navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
          var type = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"].filter(function (candidate) {
            return MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(candidate);
          })[0];
          recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
          chunks = [];
          recorder.addEventListener("dataavailable", function (event) { if (event.data && event.data.size) chunks.push(event.data); });
          recorder.addEventListener("stop", function () {
            stream.getTracks().forEach(function (track) { track.stop(); });
            send(box, new Blob(chunks, { type: (recorder.mimeType || "audio/webm").split(";")[0] }), status);
          });
          recorder.start();
          record.hidden = true;
          stop.hidden = false;
          stop.focus();
          status.textContent = "Recording… press Stop and keep when you have finished the step.";
        }).catch(function () {
          status.textContent = "The browser did not allow the microphone. Allow it in the address bar, or choose a file instead.";
        });
      });
      stop.addEventListener("click", function () {
        if (recorder && recorder.state !== "inactive") recorder.stop();
        stop.hidden = true;
        record.hidden = false;
      });
    }
    file.addEventListener("change", function () {
      if (file.files && file.files[0]) send(box, file.files[0], status);
    });
  });
})();
