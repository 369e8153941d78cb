"use strict";
// Service worker for the crisis path. It keeps public, anonymous copies only: Need help now,
// the stand-ins for My safety plan and I'm struggling, and their assets, all fetched without
// cookies, so nothing personal is ever cached. Those copies are served network first, falling
// back to the cache when there is no connection.
// The signed-in pages themselves (/safety-plan, /struggling) always go to the network and are
// never stored; only when the network fails does the worker answer with the stand-in, which
// fills itself from the copy of the plan the client chose to keep on the device, if any.
var CACHE = "toolkit-crisis-v2";
var PUBLIC_FILES = ["/crisis", "/offline/safety-plan", "/offline/struggling",
                    "/static/app.css", "/static/app.js", "/static/practice.js", "/static/crisis.js"];
var STAND_INS = { "/safety-plan": "/offline/safety-plan", "/struggling": "/offline/struggling" };
// Someone in crisis on a poor connection shouldn't wait long for a page that may never come.
var PUBLIC_WAIT = 3000;
var PAGE_WAIT = 10000;
var REFRESH_EVERY = 60 * 60 * 1000;
var lastRefresh = 0;

function refresh(cache, path) {
  return fetch(path, { credentials: "omit", cache: "no-cache" }).then(function (response) {
    if (response.ok) { return cache.put(path, response); }
  });
}

function refreshAll() {
  lastRefresh = Date.now();
  return caches.open(CACHE).then(function (cache) {
    return Promise.all(PUBLIC_FILES.map(function (path) { return refresh(cache, path); }));
  });
}

// The stand-in for a signed-in page: "/safety-plan" and everything under it, and the same for "/struggling".
function standInFor(path) {
  for (var page in STAND_INS) {
    if (path === page || path.indexOf(page + "/") === 0) return STAND_INS[page];
  }
  return null;
}

// Refreshes the copies once the page is answered, without holding it up.
function keepFresh(event) {
  try { event.waitUntil(refreshAll().catch(function () { /* next time */ })); } catch (e) { /* the event has ended */ }
}

function after(milliseconds, path) {
  return new Promise(function (resolve) {
    setTimeout(function () { caches.match(path).then(function (cached) { if (cached) resolve(cached); }); }, milliseconds);
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(refreshAll().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key !== CACHE; }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;

  var standIn = request.mode === "navigate" ? standInFor(url.pathname) : null;
  if (standIn) {
    // The person's own page, with their cookies, straight from the network; it is not stored.
    var page = fetch(request).then(function (response) {
      // A proxy that can't reach the app answers 502-504: as good as no connection.
      if (response.status >= 502 && response.status <= 504) {
        return caches.match(standIn).then(function (cached) { return cached || response; });
      }
      if (response.ok && Date.now() - lastRefresh > REFRESH_EVERY) { keepFresh(event); }
      return response;
    });
    event.respondWith(Promise.race([
      page.catch(function () { return caches.match(standIn).then(function (cached) { return cached || Response.error(); }); }),
      after(PAGE_WAIT, standIn)]));
    return;
  }

  if (PUBLIC_FILES.indexOf(url.pathname) === -1) return;
  var network = fetch(request).then(function (response) {
    // Keep the anonymous copies current (fetched without cookies), never the response itself.
    if (response.ok && request.mode === "navigate") { keepFresh(event); }
    return response;
  });
  event.respondWith(Promise.race([
    network.catch(function () { return caches.match(url.pathname); }),
    after(PUBLIC_WAIT, url.pathname).then(function (cached) { return cached || network; })]));
});
