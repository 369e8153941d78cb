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

  // Times written in UTC by the server, shown in the reader's own time zone.
  document.querySelectorAll('time[data-local]').forEach(function (element) {
    var date = new Date(element.getAttribute("datetime"));
    if (isNaN(date.getTime())) return;
    try {
      var options = { dateStyle: "medium", timeStyle: "short" };
      // A zone the person chose on the account page wins over the device's own.
      var zone = element.getAttribute("data-zone");
      if (zone) options.timeZone = zone;
      element.textContent = date.toLocaleString(undefined, options);
    } catch (e) { /* older browsers keep the UTC text */ }
  });

  // The browser's time zone: sent with the sign-in form as a first guess, and selected on the
  // account page while none has been chosen.
  var deviceZone = "";
  try { deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { deviceZone = ""; }
  if (deviceZone) {
    document.querySelectorAll("[data-guess-time-zone]").forEach(function (field) {
      if (field.getAttribute("data-guess-time-zone") === "value") {
        field.value = deviceZone;
      } else {
        for (var i = 0; i < field.options.length; i++) {
          if (field.options[i].value === deviceZone) { field.selectedIndex = i; break; }
        }
      }
    });
  }

  // After signing out, remove any copy of the safety plan kept on this device, and every copy
  // of typed text unsaved-form.js kept in this tab.
  var signedOut = /[?&]signed-out=1/.test(window.location.search);
  if (signedOut) {
    try { window.localStorage.removeItem("toolkit.safetyPlan"); } catch (e) { /* storage may be blocked */ }
    // The packet's ticks are library ids only, but what someone was printing is theirs too.
    try { window.sessionStorage.removeItem("toolkit.packet"); } catch (e) { /* storage may be blocked */ }
  }
  // A kept copy of a form is dropped once the form was sent and the next page says it was saved
  // (or has no such form), and always at sign-out.
  try {
    for (var i = window.sessionStorage.length - 1; i >= 0; i--) {
      var key = window.sessionStorage.key(i);
      if (!key || key.indexOf("toolkit.draft:") !== 0) continue;
      var draft = null;
      try { draft = JSON.parse(window.sessionStorage.getItem(key) || "null"); } catch (e) { draft = null; }
      var formHere = document.querySelector("form[data-idle-seconds]");
      var saved = /[?&]done=/.test(window.location.search);
      if (signedOut || !draft || (draft.sent && (!formHere || saved))) window.sessionStorage.removeItem(key);
    }
  } catch (e) { /* storage may be blocked */ }

  // Keep the crisis path usable without a connection: Need help now, and stand-ins for My safety
  // plan and I'm struggling. Registered from every page, so the worker is ready before the
  // connection drops; it keeps public pages only (see crisis-sw.js).
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/crisis-sw.js").catch(function () { /* offline support is a bonus */ });
    });
  }
})();
