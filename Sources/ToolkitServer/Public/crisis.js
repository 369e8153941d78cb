"use strict";
// The crisis path: Need help now, and the stand-ins for My safety plan and I'm struggling that
// the service worker (registered by app.js) shows when the app can't be reached.

// A client who chose "keep my plan on this device" sees it here, even offline: the people to
// call first, as tap-to-call links, then (unless the page asks for contacts only) every step.
// The place for it, #device-plan, can say what to show:
//   data-plan-parts="contacts"  only the plan's phone numbers
//   data-plan-title="..."       the heading above the plan ("" for none)
//   data-plan-level="3"         the level of that heading (the ones below it go one deeper)
(function () {
  var text = null;
  try { text = window.localStorage.getItem("toolkit.safetyPlan"); } catch (e) { /* storage blocked: no copy */ }
  var copy = null;
  try { copy = text ? JSON.parse(text) : null; } catch (e) { copy = null; }
  var target = document.getElementById("device-plan");
  if (!copy || !target) return;

  var contactsOnly = target.getAttribute("data-plan-parts") === "contacts";
  var title = target.hasAttribute("data-plan-title") ? target.getAttribute("data-plan-title")
                                                      : "My safety plan (kept on this device)";
  var level = Math.min(Math.max(parseInt(target.getAttribute("data-plan-level") || "2", 10) || 2, 2), 5);
  var inner = title ? level + 1 : level;

  function add(parent, tag, content, className) {
    var element = document.createElement(tag);
    if (content) element.textContent = content;
    if (className) element.className = className;
    parent.appendChild(element);
    return element;
  }

  if (title) add(target, "h" + level, title);
  // Only plain numbers become links: the copy is the person's own text, never markup or a script.
  var contacts = (copy.contacts || []).filter(function (contact) {
    return contact && typeof contact.phone === "string" && /^\+?[0-9]{3,20}$/.test(contact.phone);
  });
  if (contacts.length) {
    add(target, "h" + inner, "Call someone from my plan");
    var calls = add(target, "ul", null, "crisis-lines");
    contacts.forEach(function (contact) {
      var item = add(calls, "li");
      add(item, "p", String(contact.label || ""));
      var call = add(item, "a", "Call " + contact.phone, "button primary");
      call.setAttribute("href", "tel:" + contact.phone);
    });
  }
  if (!contactsOnly) {
    (copy.steps || []).forEach(function (step) {
      add(target, "h" + inner, String(step.title || ""));
      var list = add(target, "ul");
      (step.entries || []).forEach(function (entry) { add(list, "li", String(entry)); });
    });
  }
  if (target.childNodes.length) target.hidden = false;
  // Whatever the page says only with, or only without, the copy.
  document.querySelectorAll("[data-if-device-copy]").forEach(function (element) {
    element.hidden = element.getAttribute("data-if-device-copy") !== "yes";
  });
})();

// A client's own answers to their critic, written as text (never markup) into #my-answers.
function showCriticScript(lines) {
  var target = document.getElementById("my-answers");
  if (!target || !lines.length) return;
  var heading = document.createElement("h2");
  heading.textContent = "Your answers to your critic";
  target.appendChild(heading);
  var list = document.createElement("ul");
  list.className = "critic-script";
  lines.forEach(function (line) {
    var item = document.createElement("li");
    item.className = "critic-line";
    [["critic-says", "When my critic says: ", line.critic], ["my-answer", "I answer: ", line.answer]].forEach(function (part) {
      var paragraph = document.createElement("p");
      paragraph.className = part[0];
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = part[1];
      paragraph.appendChild(label);
      paragraph.appendChild(document.createTextNode(String(part[2] || "")));
      item.appendChild(paragraph);
    });
    list.appendChild(item);
  });
  target.appendChild(list);
  target.hidden = false;
}

// The page is the same for everyone; a signed-in client's own links appear once the app says
// who is reading. Offline, or if this is slow, the page is already complete without them.
(function () {
  if (!window.fetch) return;
  fetch("/crisis/me", { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (me) {
      if (!me || !me.signedIn) return;
      var links = document.getElementById("client-links");
      if (links && me.role === "client") links.hidden = false;
      showCriticScript(me.criticScript || []);
      var signIn = document.querySelector('.nav-list a[href="/login"]');
      if (signIn) {
        signIn.textContent = "Account";
        signIn.setAttribute("href", "/account");
      }
    })
    .catch(function () { /* offline: the page works as it is */ });
})();
