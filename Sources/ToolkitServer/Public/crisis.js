"use strict";
// Keep the crisis page usable offline after one visit. The worker caches public crisis
// material only, never anything personal.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/crisis-sw.js").catch(function () { /* offline support is a bonus */ });
  });
}

// A client who chose "keep my plan on this device" sees it here, even offline.
(function () {
  var text = null;
  try { text = window.localStorage.getItem("toolkit.safetyPlan"); } catch (e) { return; }
  var target = document.getElementById("device-plan");
  if (!text || !target) return;
  var copy;
  try { copy = JSON.parse(text); } catch (e) { return; }
  var heading = document.createElement("h2");
  heading.textContent = "My safety plan (kept on this device)";
  target.appendChild(heading);
  (copy.steps || []).forEach(function (step) {
    var title = document.createElement("h3");
    title.textContent = step.title;
    var list = document.createElement("ul");
    step.entries.forEach(function (entry) {
      var item = document.createElement("li");
      item.textContent = entry;
      list.appendChild(item);
    });
    target.appendChild(title);
    target.appendChild(list);
  });
  target.hidden = false;
})();

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
      var signIn = document.querySelector('.nav-list a[href="/login"]');
      if (signIn) {
        signIn.textContent = "Account";
        signIn.setAttribute("href", "/account");
      }
    })
    .catch(function () { /* offline: the page works as it is */ });
})();
