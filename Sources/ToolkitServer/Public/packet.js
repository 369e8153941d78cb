"use strict";
// Packets. On the library page: remembers for this tab which items are ticked, in the order they
// were ticked, so the ticks survive searching, filtering and a look at an item; keeps the count
// on "Print packet (N)" and sends the packet page the items in that order. On the packet page:
// copies the cover as it is typed onto the printed cover. Only item ids are kept (in
// sessionStorage); nothing typed on the cover is kept anywhere.
(function () {
  var KEY = "toolkit.packet";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

  function load() {
    try {
      var list = JSON.parse(window.sessionStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (id) { return typeof id === "string" && id; }) : [];
    } catch (e) { return []; }
  }
  function save(list) {
    try { window.sessionStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { /* storage may be blocked */ }
  }
  function orderOn(element) {
    var text = (element.getAttribute("data-packet-order") || "").trim();
    return text ? text.split(/\s+/) : [];
  }

  function setUpLibrary(form) {
    var button = form.querySelector("[data-packet-button]");
    if (!button) return;
    var count = form.querySelector("[data-packet-count]");
    var hint = form.querySelector("[data-packet-hint]");
    var clear = form.querySelector("[data-packet-clear]");
    var list = form.querySelector(".card-list");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][name=items]"));
    // The page's own ticks (from its address) win over what this tab remembers; the order
    // they were ticked in is kept for those still ticked.
    var fromPage = orderOn(form);
    var stored = load();
    var order = !fromPage.length ? stored : stored.filter(function (id) { return fromPage.indexOf(id) >= 0; })
      .concat(fromPage.filter(function (id) { return stored.indexOf(id) < 0; }));

    function sync() {
      form.querySelectorAll("input[type=hidden][name=items]").forEach(function (input) { input.parentNode.removeChild(input); });
      var shown = {};
      boxes.forEach(function (box) { shown[box.value] = true; box.checked = order.indexOf(box.value) >= 0; });
      order.forEach(function (id) {
        if (shown[id]) return;
        var carried = document.createElement("input");
        carried.type = "hidden"; carried.name = "items"; carried.value = id;
        form.insertBefore(carried, list);
      });
      count.textContent = String(order.length);
      hint.textContent = order.length
        ? order.length + " ticked. They print in the order you ticked them; you can change it on the next page."
        : "Tick items to add them.";
      clear.hidden = order.length === 0;
      save(order);
    }

    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var at = order.indexOf(box.value);
        if (box.checked && at < 0) order.push(box.value);
        if (!box.checked && at >= 0) order.splice(at, 1);
        sync();
      });
    });
    clear.addEventListener("click", function () { order = []; sync(); });
    form.addEventListener("submit", function (event) {
      if (event.submitter !== button) return;
      event.preventDefault();
      if (!order.length) { hint.textContent = "Tick at least one item first, then print."; return; }
      window.location.href = button.getAttribute("formaction") + "?" +
        order.map(function (id) { return "items=" + encodeURIComponent(id); }).join("&");
    });
    sync();
  }

  function dateText(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    if (!parts || Number(parts[2]) < 1 || Number(parts[2]) > 12) return "";
    return Number(parts[3]) + " " + MONTHS[Number(parts[2]) - 1] + " " + parts[1];
  }

  function setUpPacket(form) {
    save(orderOn(form));
    var name = document.getElementById("field-name");
    var date = document.getElementById("field-date");
    var note = document.getElementById("field-note");
    var nameOut = document.querySelector("[data-cover=name]");
    var dateOut = document.querySelector("[data-cover=date]");
    var noteBox = document.querySelector("[data-cover=note-box]");
    var noteOut = document.querySelector("[data-cover=note]");
    if (!name || !date || !note || !nameOut || !dateOut || !noteBox || !noteOut) return;
    function update() {
      var who = name.value.trim();
      nameOut.textContent = who;
      nameOut.classList.toggle("write-blank", !who);
      var when = dateText(date.value.trim());
      dateOut.textContent = when;
      dateOut.classList.toggle("write-blank", !when);
      var words = note.value.replace(/\r\n/g, "\n").trim();
      noteOut.textContent = words;
      noteBox.hidden = !words;
    }
    [name, date, note].forEach(function (field) {
      field.addEventListener("input", update);
      field.addEventListener("change", update);
    });
    window.addEventListener("pageshow", update);
    update();
  }

  var library = document.getElementById("library-form");
  if (library) setUpLibrary(library);
  var packet = document.getElementById("packet-form");
  if (packet) setUpPacket(packet);
})();
