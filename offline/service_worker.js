// Siang Chumchon's service worker: keeps the pages a reader opened, and their photos at the size
// shown, so they can be read without signal (docs/offline.md). offline/views.py serves it at
// /sw.js with its settings (offline/worker.py) in self.OFFLINE above this line.
//
// Pages come from the network first, and from the store only when the network fails, so an
// online reader always sees today's news. Nothing from the admin, previews, documents or any
// response marked "private" or "no-store" (logged-in pages) is ever stored.
"use strict";

var CONFIG = self.OFFLINE;
var SHELL = "siang-shell-" + CONFIG.version; // the offline pages and their files, per release
var PAGES = "siang-pages-" + CONFIG.storeVersion; // kept pages (HTML), newest last
var PHOTOS = "siang-photos-" + CONFIG.storeVersion; // their photos, newest last
var ASSETS = "siang-assets-" + CONFIG.storeVersion; // styles, scripts and icons they use
var OURS = [SHELL, PAGES, PHOTOS, ASSETS];
var MAX_ASSETS = 40;
var BYTES = "X-Offline-Bytes";
var TITLE = "X-Offline-Title";
var HOME_PATHS = Object.keys(CONFIG.offlinePages).map(function (code) { return "/" + code + "/"; });

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL)
      .then(function (cache) { return cache.addAll(CONFIG.shell); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  // A new release's worker drops the stores of older ones (names it does not use).
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names
          .filter(function (name) { return name.indexOf("siang-") === 0 && OURS.indexOf(name) < 0; })
          .map(function (name) { return caches.delete(name); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

// --- what may be stored ---------------------------------------------------------------------

function neverStored(url) {
  if (url.origin !== self.location.origin) return true;
  if (CONFIG.neverStoredPaths.some(function (path) { return url.pathname.indexOf(path) === 0; })) {
    return true;
  }
  // Previews of drafts (Wagtail's live in the admin; any ?preview... address too).
  var preview = false;
  url.searchParams.forEach(function (_value, name) {
    if (name.toLowerCase().indexOf("preview") >= 0) preview = true;
  });
  return preview || url.pathname.indexOf("/preview/") >= 0;
}

function fromAdmin(request) {
  // Django sends the full referrer to the same site: requests made by admin pages say so.
  return request.referrer && neverStored(new URL(request.referrer));
}

function storable(response) {
  if (!response || response.status !== 200 || response.type !== "basic" || response.redirected) {
    return false;
  }
  // Logged-in, admin and preview responses say "private" or "no-store": never kept.
  var cacheControl = (response.headers.get("Cache-Control") || "").toLowerCase();
  return !/(^|[\s,])(no-store|private)(?=$|[\s,=])/.test(cacheControl);
}

// --- the stores -----------------------------------------------------------------------------

function keep(storeName, url, response, title) {
  return response.arrayBuffer().then(function (body) {
    var headers = new Headers(response.headers);
    // The body is stored as read (decoded); its length is counted against the cap.
    headers.delete("Content-Encoding");
    headers.delete("Content-Length");
    headers.set(BYTES, String(body.byteLength));
    if (title) headers.set(TITLE, encodeURIComponent(title));
    var copy = new Response(body, { status: 200, statusText: response.statusText, headers: headers });
    return caches.open(storeName).then(function (cache) {
      // Deleted first so that the new copy is the newest entry: the oldest are dropped first.
      return cache.delete(url, { ignoreVary: true })
        .then(function () { return cache.put(url, copy); })
        .then(function () { return trim(cache, storeName); });
    });
  });
}

function keepPage(url, response) {
  return response.text().then(function (html) {
    var found = /<title>([^<]*)<\/title>/i.exec(html);
    var title = found ? found[1].replace(/\s+/g, " ").trim() : "";
    return keep(PAGES, url, new Response(html, response), unescapeHtml(title));
  });
}

function unescapeHtml(text) {
  return text.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

// Drops the oldest entries until the store is within its cap (the home pages stay).
function trim(cache, storeName) {
  var maxEntries = storeName === PAGES ? CONFIG.maxPages : storeName === ASSETS ? MAX_ASSETS : Infinity;
  var maxBytes = storeName === PHOTOS ? CONFIG.maxPhotoBytes : Infinity;
  return cache.keys().then(function (requests) {
    return Promise.all(requests.map(function (request) {
      return cache.match(request, { ignoreVary: true }).then(function (response) {
        return Number((response && response.headers.get(BYTES)) || 0);
      });
    })).then(function (sizes) {
      var count = requests.length;
      var total = sizes.reduce(function (sum, size) { return sum + size; }, 0);
      var drops = [];
      for (var i = 0; i < requests.length && (count > maxEntries || total > maxBytes); i++) {
        if (storeName === PAGES && HOME_PATHS.indexOf(new URL(requests[i].url).pathname) >= 0) continue;
        drops.push(cache.delete(requests[i], { ignoreVary: true }));
        count -= 1;
        total -= sizes[i];
      }
      return Promise.all(drops);
    });
  });
}

function stored(storeName, url) {
  return caches.open(storeName).then(function (cache) {
    return cache.match(url, { ignoreVary: true });
  });
}

function offlinePage(url) {
  var language = url.pathname.split("/")[1];
  var address = CONFIG.offlinePages[language] || CONFIG.offlinePages[CONFIG.defaultLanguage];
  return caches.match(address, { ignoreVary: true }).then(function (page) {
    return page || Response.error();
  });
}

// --- answering the browser ------------------------------------------------------------------

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return; // POST and the rest go to the network, untouched
  var url = new URL(request.url);
  if (neverStored(url) || fromAdmin(request)) return; // the browser fetches it as if we were not here
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (request.destination === "image" && url.pathname.indexOf(CONFIG.mediaUrl) === 0) {
    event.respondWith(photo(event, url));
  } else if (["style", "script", "font", "manifest", "image"].indexOf(request.destination) >= 0) {
    event.respondWith(asset(event));
  }
});

// Pages: the network first; the kept copy, else the offline page, only when it fails.
function page(event, url) {
  var address = url.href;
  return fetch(event.request).then(function (response) {
    if (storable(response)) event.waitUntil(keepPage(address, response.clone()));
    return response;
  }, function () {
    return stored(PAGES, address).then(function (kept) { return kept || offlinePage(url); });
  });
}

// Photos: a rendition's address never changes what it shows, so a kept one saves the reader's data.
function photo(event, url) {
  return stored(PHOTOS, url.href).then(function (kept) {
    if (kept) return kept;
    return fetch(event.request).then(function (response) {
      if (storable(response)) event.waitUntil(keep(PHOTOS, url.href, response.clone()));
      return response;
    });
  });
}

// Styles and scripts: the network (the browser's own cache answers for the hashed files),
// else the stored copy.
function asset(event) {
  var request = event.request;
  return fetch(request).then(function (response) {
    if (storable(response)) event.waitUntil(keep(ASSETS, request.url, response.clone()));
    return response;
  }, function () {
    return caches.match(request.url, { ignoreVary: true }).then(function (kept) {
      return kept || Response.error();
    });
  });
}

// --- what a page reports it showed --------------------------------------------------------
// offline.js sends the page, the photos the browser chose for it and the home page: on a first
// visit they were fetched before this worker was running.

self.addEventListener("message", function (event) {
  var shown = event.data && event.data.keep;
  if (!shown) return;
  var pages = [shown.page, shown.home].filter(Boolean).map(function (address) {
    return new URL(address, self.location.href);
  });
  var photos = (shown.photos || []).map(function (address) { return new URL(address, self.location.href); });
  event.waitUntil(Promise.all([
    Promise.all(pages.map(function (url) { return keepIfMissing(PAGES, url, keepPage); })),
    Promise.all(photos.filter(function (url) { return url.pathname.indexOf(CONFIG.mediaUrl) === 0; })
      .map(function (url) {
        return keepIfMissing(PHOTOS, url, function (address, response) { return keep(PHOTOS, address, response); });
      })),
  ]));
});

function keepIfMissing(storeName, url, keeper) {
  if (neverStored(url)) return Promise.resolve();
  url.hash = "";
  return stored(storeName, url.href).then(function (kept) {
    if (kept) return null;
    return fetch(url.href, { credentials: "same-origin" }).then(function (response) {
      return storable(response) ? keeper(url.href, response) : null;
    });
  }).catch(function () { return null; });
}
