/* Click to load for videos embedded from other websites (components/blocks/video_block.html).

   The other site's player waits in an inert <template>: the browser fetches nothing from it and
   that site sets no cookie until the reader taps "Play the video here". Then its HTML is copied
   into the page in place of the placeholder. Without JavaScript the button stays hidden and the
   link to the video is all there is. An external file, so a Content-Security-Policy without
   'unsafe-inline' lets it run. */
(function () {
  "use strict";
  if (window.siangClickToLoadReady) { return; }
  window.siangClickToLoadReady = true;

  function showButtons() {
    document.querySelectorAll("[data-click-to-load-button]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function load(box) {
    var template = box.querySelector("template[data-click-to-load-content]");
    var placeholder = box.querySelector(".story-embed__placeholder");
    if (!template) { return; }
    var player = document.importNode(template.content, true);
    var frame = player.querySelector("iframe");
    box.insertBefore(player, template);
    template.remove();
    if (placeholder) { placeholder.remove(); }
    box.removeAttribute("data-click-to-load");
    if (frame) {
      frame.setAttribute("tabindex", "-1");
      frame.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-click-to-load-button]");
    if (!button) { return; }
    var box = button.closest("[data-click-to-load]");
    if (box) { load(box); }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showButtons);
  } else {
    showButtons();
  }
})();
