/* Two-step sign-in pages: the Print button for recovery codes (an external file, so the
   admin's Content-Security-Policy needs no inline script for it). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print-page]")) { window.print(); }
  });
})();
