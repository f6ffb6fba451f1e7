from urllib.parse import unquote

from django import template
from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.instances_from_the_database import in_own_class
from core.page_routing import site_root_paths
from core.site_sections import site_sections
from thai_text.language import current_language

register = template.Library()


def _home_urls(request):
    sections = site_sections(request)
    return {home.locale.language_code: home.get_url(request) for home in sections.homes()}


def _translation_urls(page, request):
    """{language: URL} of the page's live translations, itself included, once per request."""
    cached = getattr(request, "_siang_translation_urls", None) if request is not None else None
    if cached is not None and cached[0] == page.pk:
        return cached[1]
    translations = site_sections(request).translations(page) if request is not None else None
    if translations is None:
        # Not loaded with the route (a preview, a page served by its own view): asked of Page,
        # not the page's own class (a story's would join three tables), and only what
        # Page.get_url reads.
        translations = (
            Page.objects.filter(translation_key=page.translation_key)
            .live()
            .select_related("locale")
            .only("url_path", "locale__language_code")
        )
    # In their own classes (without a query), so that their addresses are the ones kept per
    # process and per request (core.pages.BasePage.get_url), as every other link's are.
    urls = {
        translation.locale.language_code: in_own_class(translation).get_url(request)
        for translation in translations
    }
    if request is not None:
        request._siang_translation_urls = (page.pk, urls)
    return urls


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per site language: where the TH | ENG switch leads and whether it is a translation.

    A page's translation keeps the part of the address a routable page serves below itself
    (/th/networks/media/ → /en/networks/media/); with no translation, the switch leads to that
    language's home page.
    """
    request = context.get("request")
    page = context.get("page")
    current = current_language()
    translations = {}
    suffix = ""
    if isinstance(page, Page) and page.pk:
        translations = _translation_urls(page, request)
        own_url = unquote(page.get_url(request) or "")
        if request is not None and own_url and request.path.startswith(own_url):
            suffix = request.path[len(own_url) :]
    homes = None
    versions = []
    for code, label in settings.LANGUAGES:
        url = translations.get(code)
        if url:
            url = url + suffix
        else:
            homes = homes if homes is not None else _home_urls(request)
            url = homes.get(code, f"/{code}/")
        versions.append(
            {
                "code": code,
                "label": label,
                "short_label": {"th": "TH", "en": "ENG"}.get(code, code.upper()),
                "url": url,
                "is_current": code == current,
                "is_translation": code in translations,
            }
        )
    return versions


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


@register.simple_tag(takes_context=True)
def main_navigation_key(context):
    """Everything the header's menu shows besides the code, for the key it is kept under
    (core.fragments): the language, each page's id, title, address and place in menus, which
    one is the page shown, and what a page's address is worked out from (the request's site,
    the sites' root paths)."""
    request = context.get("request")
    page = context.get("page")
    language = current_language()
    site = getattr(request, "_wagtail_site", None)
    return repr(
        (
            language,
            site.pk if site is not None else None,
            tuple(site_root_paths(request)) if request is not None else (),
            tuple(
                (menu_page.pk, menu_page.title, menu_page.url_path, menu_page.show_in_menus)
                for menu_page in site_sections(request).menu_pages(language)
            ),
            getattr(page, "pk", None),
        )
    )


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The header's links in the current language: the home page's live children shown in menus."""
    request = context.get("request")
    sections = site_sections(request)
    home = sections.home(current_language())
    if home is None:
        return []
    links = [{"title": _("Home"), "url": home.get_url(request), "page": home}]
    for child in sections.children(home):
        if child.show_in_menus:
            links.append({"title": child.title, "url": child.get_url(request), "page": child})
    return links
