"""Pages the demo makes once: found again by slug on a second run, so load_demo is idempotent."""


def ensure_child(parent, page_factory, slug, locale, translation_of=None, **fields):
    """The child page ``slug`` of ``parent``, made by ``page_factory`` and published through a
    revision (as an editor would) the first time."""
    model = page_factory._meta.model
    page = model.objects.filter(locale=locale, slug=slug).child_of(parent).first()
    if page is not None:
        return page
    if translation_of is not None:
        fields["translation_key"] = translation_of.translation_key
    page = page_factory(parent=parent, slug=slug, locale=locale, live=False, **fields)
    page.save_revision().publish()
    return page
