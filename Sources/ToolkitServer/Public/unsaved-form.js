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

  // A copy of what is typed, kept in this tab only (sessionStorage), so a connection that drops
  // while saving loses nothing: coming back to the form offers the text again. app.js removes
  // the copy once the form has been sent and another page has loaded, and at sign-out.
  var draftKey = "toolkit.draft:" + (form.getAttribute("action") || window.location.pathname);
  function typedFields() {
    return Array.prototype.filter.call(form.elements, function (field) {
      if (!field.name || field.name.charAt(0) === "_" || field.disabled) return false;
      if (field.tagName === "TEXTAREA") return true;
      return field.tagName === "INPUT" && (field.type === "text" || field.type === "number" || field.type === "radio");
    });
  }
  function snapshot() {
    var values = {};
    typedFields().forEach(function (field) {
      if (field.type === "radio") { if (field.checked) values[field.name] = field.value; }
      else values[field.name + "#" + typedFields().filter(function (f) { return f.name === field.name; }).indexOf(field)] = field.value;
    });
    return values;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  var original = snapshot();
  var saveTimer = null;
  function keepDraft(sent) {
    var values = snapshot();
    try {
      if (same(values, original)) window.sessionStorage.removeItem(draftKey);
      else window.sessionStorage.setItem(draftKey, JSON.stringify({ values: values, sent: !!sent, page: window.location.pathname }));
    } catch (e) { /* storage blocked: the server still keeps what is sent */ }
  }
  form.addEventListener("input", function () {
    if (saveTimer) window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(function () { keepDraft(false); }, 400);
  });
  form.addEventListener("submit", function () { keepDraft(true); });

  var kept = null;
  try { kept = JSON.parse(window.sessionStorage.getItem(draftKey) || "null"); } catch (e) { kept = null; }
  if (kept && kept.values && !same(kept.values, original)) {
    var offer = document.createElement("div");
    offer.className = "notice draft-offer";
    offer.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = "This device still has what you typed here before it was saved.";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "button primary";
    restore.textContent = "Put it back in the form";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button";
    discard.textContent = "Discard it";
    offer.appendChild(text);
    offer.appendChild(restore);
    offer.appendChild(document.createTextNode(" "));
    offer.appendChild(discard);
    form.insertBefore(offer, form.firstChild);
    restore.addEventListener("click", function () {
      var counts = {};
      typedFields().forEach(function (field) {
        if (field.type === "radio") {
          if (Object.prototype.hasOwnProperty.call(kept.values, field.name)) field.checked = kept.values[field.name] === field.value;
          return;
        }
        var index = counts[field.name] = (counts[field.name] === undefined ? 0 : counts[field.name] + 1);
        var value = kept.values[field.name + "#" + index];
        if (typeof value === "string") field.value = value;
      });
      unsaved = true;
      offer.remove();
      var first = typedFields()[0];
      if (first) first.focus();
    });
    discard.addEventListener("click", function () {
      try { window.sessionStorage.removeItem(draftKey); } catch (e) { /* ignore */ }
      offer.remove();
    });
  }

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
