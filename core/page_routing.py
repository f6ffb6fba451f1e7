"""Finding the page for an address in three queries, however deep it is.

Overrides Wagtail's routing (checked against Wagtail 8.0.1: ``wagtail.views.serve``,
``Page.route_for_request``, ``Page.route``, ``RoutablePageMixin.route``,
``Page.get_view_restrictions``; ``tests/test_wagtail_overrides.py`` fails when they change).
Wagtail walks the tree one level at a time: the site, the active locale, the site root's
translation and its specific form, then for each level the child by slug and the child again in
its specific form, then the view restrictions of the page and its ancestors: ten queries before
a story's own data. Here:

1. the site (Wagtail's ``Site.find_for_request``, kept on the request as Wagtail does);
2. one query for every page the address passes through (by ``url_path``, from the tree's root
   down), with the live homes and sections ``core.site_sections`` keeps for the request, the
   translations of the pages passed through (the language switch's links), and whether each
   page carries a view restriction;
3. the page found, in its specific class (with ``select_related_when_served``).

The language's root comes from Wagtail's own cached site root paths, as ``Page.url`` finds them.
Every page's own ``route()`` still decides where the address leads: a routable page still
serves its sub-addresses, a page that is not live is still a 404, and Wagtail's ``serve`` still
runs its hooks (view restrictions, ``before_serve_page``). Anything unusual (an alias on the
way, a page not found among those loaded) falls back to Wagtail's own code.
"""

import copy

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import In
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from . import every_page_entries
from .compiled_queries import evaluate
from .instances_from_the_database import in_own_class
from .site_sections import REQUEST_ATTRIBUTE, SiteSections

# {(hostname, port): Site} answers of Site.find_for_request (site_for_request).
SITES_CACHE_KEY = every_page_entries.read_on_every_page("siang:sites-by-host")
SITES_CACHE_SECONDS = 24 * 60 * 60
# {url_path: Page} of the pages loaded for this request's route (BasePage.route reads it).
ROUTE_PAGES = "_siang_route_pages"


def serve(request, path):
    """Wagtail's ``serve`` view, with the route found here first (Wagtail reads it back from
    ``request._wagtail_route_for_request``, where its own ``route_for_request`` keeps it)."""
    # Imported here: wagtail.views loads the page model, and core.pages imports this module.
    from wagtail import views

    if "\x00" in path:
        # No slug or route holds NUL, and PostgreSQL refuses it in a comparison.
        raise Http404
    if not hasattr(request, "_wagtail_route_for_request"):
        route = find_route(request, path)
        if route is not None:
            request._wagtail_route_for_request = route
    return views.serve(request, path)


def site_for_request(request):
    """Wagtail's ``Site.find_for_request``, the answer kept in the cache between requests.

    Wagtail asks the database on every request; the sites change only when an administrator
    edits them, and ``forget_sites`` (connected to Site's post_save and post_delete in
    CoreConfig.ready) drops the answers then. The cached copy leaves out its root page (a
    page whose title or address may change); code that reads it loads it as before.
    """
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port())
    known = every_page_entries.read(SITES_CACHE_KEY, request) or {}
    if key in known:
        site = known[key]
    else:
        site = Site.find_for_request(request)
        if site is not None:
            stored = copy.copy(site)
            stored._state = copy.copy(site._state)
            stored._state.fields_cache = {}
            every_page_entries.write(SITES_CACHE_KEY, {**known, key: stored}, SITES_CACHE_SECONDS)
        return site
    request._wagtail_site = site
    return site


def forget_sites(**kwargs):
    every_page_entries.forget(SITES_CACHE_KEY)
    transaction.on_commit(lambda: every_page_entries.forget(SITES_CACHE_KEY))


def site_root_paths(request):
    """Wagtail's ``Site.get_site_root_paths()`` (in the cache), kept on the request under the
    name ``Page.get_url(request)`` reads them by, so every address on the page reuses them."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = every_page_entries.site_root_paths(request)
    return request._wagtail_cached_site_root_paths


def _active_language():
    try:
        return get_supported_language_variant(translation.get_language())
    except LookupError:
        return None


def _prefixes(url_path):
    """'/home/stories/x/' → ['/', '/home/', '/home/stories/', '/home/stories/x/']."""
    parts = [part for part in url_path.split("/") if part]
    return ["/" + "".join(f"{part}/" for part in parts[:end]) for end in range(len(parts) + 1)]


def find_route(request, path):
    """The route (page, args, kwargs) for ``path``, or None to let Wagtail find it itself."""
    site = site_for_request(request)
    if site is None or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    components = [component for component in path.split("/") if component]
    language = _active_language()
    # The site's root page in every language (Wagtail's cached site root paths), the active
    # language's first.
    site_roots = sorted(
        (root_path for root_path in site_root_paths(request) if root_path.site_id == site.pk),
        key=lambda root_path: root_path.language_code != language,
    )
    tail = "".join(f"{component}/" for component in components)
    candidates = sorted(
        {prefix for root_path in site_roots for prefix in _prefixes(root_path.root_path + tail)}
    )
    pages = evaluate("route", _pages_on_the_way, candidates)
    by_url_path = {page.url_path: page for page in pages if page.url_path in candidates}
    translations = {page.translation_key: [] for page in by_url_path.values()}
    for page in pages:
        if page.live and page.translation_key in translations:
            translations[page.translation_key].append(page)
    setattr(
        request,
        REQUEST_ATTRIBUTE,
        SiteSections([page for page in pages if page.depth in (2, 3) and page.live], translations),
    )
    if any(page.alias_of_id for page in by_url_path.values()):
        return None
    # Wagtail's ``site.root_page.localized``: the root's live translation in this language,
    # else the site's root page itself.
    roots = [by_url_path.get(root_path.root_path) for root_path in site_roots]
    start = next(
        (
            root
            for root, root_path in zip(roots, site_roots, strict=True)
            if root is not None and root_path.language_code == language and root.live
        ),
        None,
    ) or next((root for root in roots if root is not None and root.pk == site.root_page_id), None)
    if start is None:
        return None
    setattr(request, ROUTE_PAGES, by_url_path)
    try:
        page, args, kwargs = in_own_class(start).route(request, components)
    except Exception:
        delattr(request, ROUTE_PAGES)
        raise
    delattr(request, ROUTE_PAGES)
    served = _load_served(page)
    if served is None:
        return None
    ancestors = [by_url_path.get(url_path) for url_path in _prefixes(page.url_path)]
    if all(ancestors) and not any(ancestor.has_view_restriction for ancestor in ancestors):
        served._no_view_restrictions = True
    return RouteResult(served, _rebound(request, args, served), kwargs)


def _pages_on_the_way(candidates):
    """The pages at these addresses, the live homes and sections (depths 2 and 3), and every
    translation of the pages at these addresses, each with whether it is view-restricted."""
    restricted = Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))
    on_the_way = Page.objects.filter(url_path__in=candidates).order_by().values("translation_key")
    return (
        Page.objects.filter(
            Q(url_path__in=candidates)
            | Q(depth__in=(2, 3), live=True)
            | InSubqueryFromIndex(F("translation_key"), on_the_way)
        )
        .select_related("locale")
        .annotate(has_view_restriction=restricted)
        .order_by("path")
    )


class InSubqueryFromIndex(In):
    """``IN (subquery)``, written for PostgreSQL as ``= ANY(ARRAY(subquery))``.

    Inside an OR, PostgreSQL (15) answers ``IN (subquery)`` by reading the whole page table
    (a hashed subplan filter); ``= ANY(ARRAY(...))`` is computed once first and looked up in
    the translation-key index, beside the other branches' indexes. Other databases read it
    as written.
    """

    def get_rhs_op(self, connection, rhs):
        if connection.vendor == "postgresql":
            return f"= ANY(ARRAY{rhs})"
        return super().get_rhs_op(connection, rhs)


def _rebound(request, args, page):
    """A routable page's view is bound to the instance that routed it: bind it to ``page``."""
    if args and len(args) == 3 and hasattr(args[0], "__func__"):
        view = args[0].__func__.__get__(page, type(page))
        match = getattr(request, "routable_resolver_match", None)
        if match is not None:
            match.func = view
        return (view, *args[1:])
    return args


def _load_served(page):
    """The routed page in its specific class, with what its template reads joined in."""
    model = page.specific_class
    if model is None:
        return None
    related = getattr(model, "select_related_when_served", ("locale",))
    found = evaluate(
        ("served page", model, related),
        lambda pk: model._default_manager.select_related(*related).filter(pk=pk)[:1],
        page.pk,
    )
    if not found:
        return None
    served = found[0]
    parent = getattr(page, "_cached_parent_obj", None)
    if parent is not None:
        served._cached_parent_obj = parent
    return served
