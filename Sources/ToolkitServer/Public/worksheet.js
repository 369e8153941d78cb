"use strict";
// Worksheets are filled in on screen and printed; nothing typed leaves the device.
(function () {
  var form = document.getElementById("worksheet-form");
  if (!form) return;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function (event) {
    if (!window.confirm("Clear everything you have typed on this worksheet?")) { event.preventDefault(); }
  });
})();
