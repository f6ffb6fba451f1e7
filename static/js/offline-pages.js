// On the "you are offline" page: lists the pages this phone kept (docs/offline.md), newest
// first, so a reader without signal can still open them.
(function () {
  "use strict";
  if (!("caches" in window)) return;
  var section = document.querySelector(".kept-pages");
  if (!section) return;
  var list = section.querySelector("ul");
  var language = document.documentElement.lang;

  caches.keys().then(function (names) {
    var store = names.filter(function (name) { return name.indexOf("siang-pages-") === 0; })[0];
    if (!store) return;
    return caches.open(store).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.reverse().map(function (request) {
          return cache.match(request).then(function (response) {
            return { url: request.url, title: response && response.headers.get("X-Offline-Title") };
          });
        }));
      });
    }).then(function (pages) {
      pages.forEach(function (kept) {
        var path = new URL(kept.url).pathname;
        if (path.indexOf("/" + language + "/") !== 0) return;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = kept.url;
        link.textContent = kept.title ? decodeURIComponent(kept.title) : decodeURIComponent(path);
        item.appendChild(link);
        list.appendChild(item);
      });
      if (list.children.length) section.hidden = false;
    });
  }).catch(function () { /* nothing to list */ });
})();
