"use strict";
// Small, page-wide helpers. Everything works without this file; it only adds shortcuts.
(function () {
  // "h" anywhere outside a text field opens Need help now (one keystroke).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "h" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
    var link = document.querySelector("[data-help-shortcut]");
    if (link) { window.location.href = link.getAttribute("href"); }
  });

  // Move focus to a form's problem summary so screen readers announce it.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }

  // Print buttons (inline handlers are not allowed by the content security policy).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // After signing out, remove any copy of the safety plan kept on this device.
  if (/[?&]signed-out=1/.test(window.location.search)) {
    try { window.localStorage.removeItem("toolkit.safetyPlan"); } catch (e) { /* storage may be blocked */ }
  }
})();
