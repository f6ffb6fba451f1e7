// Registers the service worker that keeps the pages a reader opens, for reading offline
// (docs/offline.md). No framework, no build step; browsers without service workers skip it.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) return;
  var workerUrl = script.getAttribute("data-worker");
  var homeUrl = script.getAttribute("data-home");

  // This page and the photos the browser chose for it (its srcset's pick): the worker keeps
  // them, since they were loaded before it could see them on a first visit.
  function shown() {
    var photos = performance.getEntriesByType("resource")
      .filter(function (entry) { return entry.initiatorType === "img"; })
      .map(function (entry) { return entry.name; });
    return { page: location.href, photos: photos, home: homeUrl };
  }

  window.addEventListener("load", function () {
    navigator.serviceWorker.register(workerUrl, { scope: "/", updateViaCache: "none" })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        if (registration.active) registration.active.postMessage({ keep: shown() });
      })
      .catch(function () { /* no worker: the site works as before, online only */ });
  });
})();
