from django import template

from core.site_sections import site_sections
from networks.models import NetworkIndexPage
from thai_text.language import current_language

register = template.Library()


@register.simple_tag(takes_context=True)
def listing_url(context, kind, value):
    """The address of a story listing ("topic", "health") under the page's stories section."""
    index = context.get("story_index")
    if index is None or not value:
        return ""
    return index.listing_url(kind, value, request=context.get("request"))


@register.simple_tag(takes_context=True)
def network_url(context, network):
    """A network's page in the current language, from the pages loaded once per request.

    ``Network.url`` looks the networks page up on every call: one query per network shown.
    """
    request = context.get("request")
    index_page = site_sections(request).section(current_language(), NetworkIndexPage)
    if index_page is None:
        return ""
    return index_page.get_url(request) + index_page.reverse_subpage(
        "network", kwargs={"slug": network.slug}
    )


@register.inclusion_tag("components/story_card.html", takes_context=True)
def story_card(context, story, heading="h2", lead=False):
    """``{% story_card story heading="h3" %}``: one story in a listing. An inclusion tag rather
    than ``{% include %}``: the card is drawn in a context of its own few names, every one
    given, where an include looked each name up through the whole page's context, and a name
    not passed (``lead`` on all but one card) cost three exceptions a look-up. A page draws up to
    32 cards (docs/performance.md)."""
    return {"request": context.get("request"), "story": story, "heading": heading, "lead": lead}
