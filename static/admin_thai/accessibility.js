/* Names for controls that Wagtail 8.0.1's scripts create without one (admin_thai/accessibility.py).
   - Chooser dialogs: modal-workflow.js builds <div class="modal" role="dialog"> with no name;
     it is named by the heading of the chooser loaded into it (<h1 id="header-title">).
   - Tag boxes: jQuery tag-it hides the labelled <input data-controller="w-tag"> and types into a
     new input; that input is pointed at the field's visible label. */
(function () {
  "use strict";

  var dialogCount = 0;

  function nameDialogs(root) {
    root.querySelectorAll(".modal[role='dialog']").forEach(function (dialog) {
      var heading = dialog.querySelector(".modal-body h1, .modal-body h2");
      if (!heading) {
        return;
      }
      if (!heading.id || document.querySelectorAll("[id='" + heading.id + "']").length > 1) {
        dialogCount += 1;
        heading.id = "admin-thai-dialog-title-" + dialogCount;
      }
      if (dialog.getAttribute("aria-labelledby") !== heading.id) {
        dialog.setAttribute("aria-labelledby", heading.id);
      }
    });
  }

  function labelTagInputs(root) {
    root.querySelectorAll("ul.tagit input:not([aria-labelledby])").forEach(function (input) {
      var list = input.closest("ul.tagit");
      var field = list && list.parentElement.querySelector("input[data-controller~='w-tag']");
      var label = field && document.getElementById(field.id + "-label");
      if (label) {
        input.setAttribute("aria-labelledby", label.id);
      }
    });
  }

  function nameAll() {
    nameDialogs(document);
    labelTagInputs(document);
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();
