from django import template

from networks.models import NetworkIndexPage
from thai_text.language import current_language

register = template.Library()


@register.simple_tag(takes_context=True)
def listing_url(context, kind, value):
    """The address of a story listing ("topic", "health") under the page's stories section."""
    index = context.get("story_index")
    if index is None or not value:
        return ""
    return index.listing_url(kind, value)


@register.simple_tag(takes_context=True)
def network_url(context, network):
    """A network's page in the current language, finding the networks page once per request.

    ``Network.url`` looks the networks page up on every call: one query per network shown.
    """
    request = context.get("request")
    language = current_language()
    cache = getattr(request, "_network_index_pages", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._network_index_pages = cache
    if language not in cache:
        cache[language] = NetworkIndexPage.for_language(language)
    index_page = cache[language]
    if index_page is None:
        return ""
    return index_page.get_url(request) + index_page.reverse_subpage(
        "network", kwargs={"slug": network.slug}
    )
