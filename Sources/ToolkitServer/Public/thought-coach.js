"use strict";
// The thought coach, as the client types: the thought again below the box with harsh words
// marked, and one sentence on each. The server does the analysis (the same one the next page
// uses); this file only asks, a moment after typing stops, and writes the answer as text.
(function () {
  var live = document.getElementById("thought-live");
  var field = document.getElementById("thought");
  if (!live || !field || !window.fetch) return;
  var form = field.form;
  var token = form ? form.querySelector('input[name="_csrf"]') : null;
  var quote = live.querySelector("blockquote");
  var notes = live.querySelector("ul");
  var timer = null;
  var asked = 0;

  function show(analysis) {
    quote.textContent = "";
    notes.textContent = "";
    (analysis.segments || []).forEach(function (segment) {
      if (segment.kind) {
        var mark = document.createElement("mark");
        mark.className = "harsh " + segment.kind;
        if (segment.title) mark.title = segment.title;
        mark.textContent = segment.text;
        quote.appendChild(mark);
      } else {
        quote.appendChild(document.createTextNode(segment.text));
      }
    });
    (analysis.notes || []).forEach(function (note) {
      var item = document.createElement("li");
      var mark = document.createElement("mark");
      mark.className = "harsh";
      mark.textContent = note.text;
      item.appendChild(mark);
      item.appendChild(document.createTextNode(" " + note.explanation));
      notes.appendChild(item);
    });
    live.hidden = !(analysis.notes && analysis.notes.length);
  }

  function ask() {
    var text = field.value;
    if (!text.trim()) { live.hidden = true; return; }
    var number = ++asked;
    fetch(live.getAttribute("data-analyze"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": token ? token.value : "",
                 "Accept": "application/json" },
      body: "thought=" + encodeURIComponent(text)
    }).then(function (response) { return response.ok ? response.json() : null; })
      .then(function (analysis) { if (analysis && number === asked) show(analysis); })
      .catch(function () { /* offline: the next page shows the same highlights */ });
  }

  field.addEventListener("input", function () {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(ask, 450);
  });
  if (field.value.trim()) ask();
})();
