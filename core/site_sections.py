"""The pages every reader page links to, loaded once per request in one query.

The header's menu, the language switch's fallback to the other language's home page, the
breadcrumbs and JSON-LD, the links to the stories section and the member-networks page: all
of them name the language homes (depth 2) and their sections (depth 3). Each used to look its
page up in its own query, several times per page. ``site_sections(request)`` loads the live
pages of those two levels once and keeps them on the request; callers pick what they need.

The route (``core.page_routing``) loads them in its own query, with the live translations of
the pages on the address for the language switch (``translations``).

The pages are plain ``Page`` rows; ``section()`` and ``home()`` return them in their specific
class without another query (``core.instances_from_the_database.in_own_class``, Wagtail's
``specific_deferred`` made faster): titles, addresses and a routable page's
``reverse_subpage`` need nothing more. A caller that reads a specific field (an introduction)
should load that page itself.
"""

from wagtail.models import Page

from .instances_from_the_database import in_own_class

REQUEST_ATTRIBUTE = "_siang_site_sections"


class SiteSections:
    def __init__(self, pages, translations=None):
        self.pages = pages
        # {translation_key: [live pages]} for the pages the route passed through (the language
        # switch reads them); a key not here was not loaded.
        self._translations = translations or {}
        self._sections = {}

    def translations(self, page):
        """The live pages sharing ``page``'s translation key (it included, if live) loaded
        with the route, or None when the route did not load them."""
        return self._translations.get(page.translation_key)

    def _home_row(self, language_code):
        for page in self.pages:
            if page.depth == 2 and page.locale.language_code == language_code:
                return page
        return None

    def _child_rows(self, home):
        return [
            page
            for page in self.pages
            if page.depth == home.depth + 1 and page.path.startswith(home.path)
        ]

    def home(self, language_code):
        """The live home page (depth 2) of a language, or None."""
        home = self._home_row(language_code)
        return in_own_class(home) if home is not None else None

    def homes(self):
        return [in_own_class(page) for page in self.pages if page.depth == 2]

    def children(self, home):
        """The live pages right below ``home``, in the tree's order."""
        if home is None:
            return []
        return [in_own_class(page) for page in self._child_rows(home)]

    def menu_pages(self, language_code):
        """The live home of a language and the live pages right below it, as the plain rows
        loaded (no copies in their own classes): for what reads only their common fields."""
        home = self._home_row(language_code)
        if home is None:
            return []
        return [home, *self._child_rows(home)]

    def section(self, language_code, model):
        """The first live page of ``model`` (a class) below a home of that language, or None;
        looked for once per request (a story page asks for its networks page per network)."""
        key = (language_code, model)
        if key not in self._sections:
            self._sections[key] = self._find_section(language_code, model)
        return self._sections[key]

    def _find_section(self, language_code, model):
        for page in self.pages:
            if (
                page.depth == 3
                and page.locale.language_code == language_code
                and page.specific_class is not None
                and issubclass(page.specific_class, model)
            ):
                return in_own_class(page)
        return None

    def ancestor(self, page, depth):
        """``page``'s ancestor at ``depth`` (2 or 3) if it is live, else None."""
        prefix = page.path[: depth * Page.steplen]
        for candidate in self.pages:
            if candidate.path == prefix:
                return in_own_class(candidate)
        return None


def site_sections(request):
    """The live pages at depth 2 and 3 (homes and their sections), once per request."""
    sections = getattr(request, REQUEST_ATTRIBUTE, None) if request is not None else None
    if sections is None:
        pages = list(
            Page.objects.live().filter(depth__in=(2, 3)).select_related("locale").order_by("path")
        )
        sections = SiteSections(pages)
        if request is not None:
            setattr(request, REQUEST_ATTRIBUTE, sections)
    return sections
