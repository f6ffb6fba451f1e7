"""Pages the demo makes once: found again by slug on a second run, so load_demo is idempotent."""


def ensure_child(parent, model, slug, locale, translation_of=None, **fields):
    page = model.objects.filter(locale=locale, slug=slug).child_of(parent).first()
    if page is not None:
        return page
    page = model(slug=slug, locale=locale, **fields)
    if translation_of is not None:
        page.translation_key = translation_of.translation_key
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
