// Keeps the page editor's title → slug sync, with slugs that keep Thai vowels and tone marks.
// Wagtail's own slugify drops combining marks (\p{M}); our slug field has no w-slug controller,
// so we answer the title field's w-sync:apply event ourselves. The server applies the same rule
// (thai_text.slugs.thai_slugify), so this is only a live preview.
(function () {
  function thaiSlugify(text) {
    return (text || "")
      .normalize("NFC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}_-]+/gu, " ")
      .trim()
      .replace(/[\s_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80);
  }
  document.addEventListener("w-sync:apply", function (event) {
    var input = event.target;
    if (!input || !input.hasAttribute || !input.hasAttribute("data-thai-slug")) return;
    event.preventDefault();
    input.value = thaiSlugify(event.detail && event.detail.value);
  });
  document.addEventListener("focusout", function (event) {
    var input = event.target;
    if (input && input.hasAttribute && input.hasAttribute("data-thai-slug")) {
      input.value = thaiSlugify(input.value);
    }
  });
})();
