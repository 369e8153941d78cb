"use strict";
// Worksheets are filled in on screen and printed; nothing typed leaves the device.
// For paper, each answer is written out in full under its question as it is typed: a box would
// print only its visible lines. The chosen rating is circled and said in words (no background
// colour, which printers often leave out), and the chosen option is ticked.
(function () {
  var form = document.getElementById("worksheet-form");
  if (!form) return;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function (event) {
    if (!window.confirm("Clear everything you have typed on this worksheet?")) { event.preventDefault(); return; }
    window.setTimeout(writeAll, 0);
  });

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function writingLines(count) {
    var lines = element("span", "write-lines");
    for (var i = 0; i < count; i++) lines.appendChild(element("span", "write-line"));
    return lines;
  }

  function write(field) {
    var type = field.getAttribute("data-field-type");
    var out = field.querySelector(".print-answer");
    if (!out) { out = element("div", "print-answer"); field.appendChild(out); }
    out.textContent = "";
    if (type === "rating") {
      var chosen = field.querySelector("input[type=radio]:checked");
      var scale = element("p", "rating-scale");
      for (var number = 0; number <= 10; number++) {
        var isChosen = chosen && chosen.value === String(number);
        scale.appendChild(element("span", isChosen ? "rating-mark chosen" : "rating-mark", String(number)));
      }
      out.appendChild(scale);
      out.appendChild(element("p", "rating-words", chosen ? "Rating: " + chosen.value + " of 10" : "Circle one."));
    } else if (type === "choice") {
      var list = element("ul", "choice-answer");
      field.querySelectorAll("input[type=radio]").forEach(function (input) {
        list.appendChild(element("li", input.checked ? "chosen" : "", (input.checked ? "\u2611 " : "\u2610 ") + input.value));
      });
      out.appendChild(list);
    } else {
      var control = field.querySelector("textarea, input");
      var value = control ? control.value : "";
      if (value.trim()) {
        out.appendChild(element("p", "answer-text", value));
      } else {
        out.appendChild(writingLines(type === "short-text" ? 1 : Number(field.getAttribute("data-lines")) || 4));
      }
    }
  }

  function writeAll() { form.querySelectorAll("[data-field-type]").forEach(write); }

  function changed(event) {
    var field = event.target.closest && event.target.closest("[data-field-type]");
    if (field) write(field);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // Values the browser restores (going back to the page) arrive without input events.
  window.addEventListener("pageshow", writeAll);
  window.addEventListener("beforeprint", writeAll);
  writeAll();
  form.classList.add("print-ready");
})();
