"use strict";
// Keep the crisis page usable offline after one visit. The worker caches public crisis
// material only, never anything personal.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/crisis-sw.js").catch(function () { /* offline support is a bonus */ });
  });
}
