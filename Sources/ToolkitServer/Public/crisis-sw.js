"use strict";
// Service worker for the crisis page. It answers only for the crisis page and its assets,
// fetches its copies without cookies (so nothing personal is ever cached), serves the network
// first and falls back to the cached copy when there is no connection.
var CACHE = "toolkit-crisis-v1";
var PUBLIC_CRISIS_FILES = ["/crisis", "/static/app.css", "/static/app.js", "/static/practice.js", "/static/crisis.js"];

function refresh(cache, path) {
  return fetch(path, { credentials: "omit", cache: "no-cache" }).then(function (response) {
    if (response.ok) { return cache.put(path, response); }
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(PUBLIC_CRISIS_FILES.map(function (path) { return refresh(cache, path); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) { return key !== CACHE; }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (PUBLIC_CRISIS_FILES.indexOf(url.pathname) === -1) return;
  var network = fetch(event.request).then(function (response) {
    // Keep the anonymous copies current (fetched without cookies), never the signed-in page itself.
    if (response.ok && url.pathname === "/crisis") {
      caches.open(CACHE).then(function (cache) {
        return Promise.all(PUBLIC_CRISIS_FILES.map(function (path) { return refresh(cache, path); }));
      });
    }
    return response;
  });
  // On a slow connection, don't keep someone in crisis waiting: after 3 seconds, use the copy.
  var slow = new Promise(function (resolve) {
    setTimeout(function () { caches.match(url.pathname).then(resolve); }, 3000);
  });
  event.respondWith(Promise.race([network.catch(function () { return caches.match(url.pathname); }),
                                  slow.then(function (cached) { return cached || network; })]));
});
