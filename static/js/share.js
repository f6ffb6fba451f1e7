/* Copy-link buttons (components/share_links.html). Without JavaScript the link simply opens the
   page, whose address the reader can copy; with it, a click copies the address instead. */
(function () {
  "use strict";
  if (window.siangShareReady || !navigator.clipboard) { return; }
  window.siangShareReady = true;
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-copy-link]");
    if (!link) { return; }
    event.preventDefault();
    var status = link.closest(".share-links").querySelector(".share-links__status");
    navigator.clipboard.writeText(link.href).then(function () {
      if (status) { status.textContent = link.getAttribute("data-copied-text"); }
    }, function () {
      window.location.href = link.href;
    });
  });
})();
