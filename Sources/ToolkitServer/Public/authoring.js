"use strict";
// The item editor: the preview follows what is typed (the server renders it, with the library's
// checks, so it is exactly what a client will see); the import page reads a chosen file into its
// text box; deleting asks first. Without JavaScript the editor's Preview button does the same.
(function () {
  var form = document.getElementById("authoring-form");
  var target = document.getElementById("preview-body");
  if (form && target && window.fetch && window.URLSearchParams && window.FormData) {
    var timer = null;
    var sent = 0;
    var refresh = function () {
      var number = ++sent;
      var body = new URLSearchParams(new FormData(form));
      window.fetch(form.getAttribute("data-preview"), {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: body.toString()
      }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        // Only the newest answer is shown; the server escapes everything typed in it.
        if (html !== null && number === sent) target.innerHTML = html;
      }).catch(function () { /* offline: the Preview button still works once back */ });
    };
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 600);
    });
    form.addEventListener("change", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 150);
    });
  }

  var picker = document.querySelector("input[type=file][data-fills]");
  if (picker && window.FileReader) {
    picker.addEventListener("change", function () {
      var file = picker.files && picker.files[0];
      var box = document.getElementById(picker.getAttribute("data-fills"));
      if (!file || !box) return;
      if (file.size > 200 * 1024) { window.alert("That file is larger than a library item can be (200 KB)."); return; }
      var reader = new FileReader();
      reader.onload = function () { box.value = String(reader.result || ""); };
      reader.readAsText(file);
    });
  }

  document.addEventListener("submit", function (event) {
    var button = event.submitter || (event.target && event.target.querySelector("[data-confirm]"));
    var question = button && button.getAttribute && button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
