from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import get_language

from core.kept_answers import KeptAnswers
from core.site_sections import site_sections
from media_library.renditions import COLUMN_SIZES
from media_library.templatetags.media_pictures import sized_picture
from networks.models import NetworkIndexPage
from thai_text.language import current_language
from thai_text.templatetags.thai_dates import iso_bangkok, local_date

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


# One story in a listing. Every listing, the home page and a story's related stories draw it,
# up to 32 times a page, so it is written here rather than as a template: drawn by Django's
# template engine a card made about 1,250 Python calls, here about 790 (docs/performance.md,
# "Story cards drawn in Python"). Its parts are escaped by format_html, as a template escapes.
STORY_CARD = (
    '\n<article class="story-card{lead_class}" data-story="{pk}">\n'
    "  {picture}\n"
    '  <div class="story-card__text">\n'
    '    <p class="story-card__type story-type story-type--{story_type}">{type_label}</p>\n'
    '    <{heading} class="story-card__title"><a href="{url}">{title}</a></{heading}>\n'
    '    <p class="story-card__summary">{summary}</p>\n'
    '    <p class="story-card__meta">\n'
    "      {published}\n"
    "      {networks}\n"
    "    </p>\n"
    "  </div>\n"
    "</article>\n"
)
PICTURE = '<div class="story-card__image">{}\n</div>'
PUBLISHED = '<time datetime="{}">{}</time>'
NETWORK = '<span class="story-card__network">{}</span>'
# The <img> sizes (the page's column for the lead card, the grid's column for the others) and
# how the browser loads them: the lead card is the first photo a reader sees.
LEAD_PICTURE = {"sizes": COLUMN_SIZES, "loading": "eager"}
CARD_PICTURE = {"sizes": "(min-width: 40rem) 22rem, calc(100vw - 2rem)", "loading": "lazy"}
SUMMARY_LENGTH = 220


# Cards drawn lately, each under everything it shows (see story_card): a card is about 2 KB
# with its key, so 4 MB at most per process.
cards = KeptAnswers(limit=2048)


@receiver(setting_changed)
def forget_cards(**kwargs):
    cards.clear()


@register.simple_tag(takes_context=True)
def story_card(context, story, heading="h2", lead=False):
    """``{% story_card story heading="h3" lead=True %}``: heading "h2" (a listing's own
    stories) or "h3" (a section's); ``lead``, the bigger card a page opens with.

    The card is kept per process under everything it shows (the story's id, type, title,
    summary, date and address, its picture's markup, its networks' names, the language):
    changed content is another key, so nothing needs to forget a card. The picture and the
    address are worked out every time, as they were: the picture queues missing renditions.
    """
    image = story.hero_image
    picture = ""
    if image:
        picture = format_html(
            PICTURE,
            sized_picture(
                image,
                alt=image.default_alt_text,
                decoding="async",
                **(LEAD_PICTURE if lead else CARD_PICTURE),
            ),
        )
    networks = story.networks.all()
    url = story.get_url(request=context.get("request"))
    heading = "h3" if heading == "h3" else "h2"
    key = (
        story.pk,
        story.content_type_id,
        story.title,
        story.summary,
        story.first_published_at,
        url,
        picture,
        tuple((network.pk, network.name_th, network.name_en) for network in networks),
        heading,
        bool(lead),
        get_language(),
    )
    return cards.get(key, lambda: draw_card(story, url, picture, networks, heading, lead))


def draw_card(story, url, picture, networks, heading, lead):
    published_at = story.first_published_at
    return format_html(
        STORY_CARD,
        lead_class=" story-card--lead" if lead else "",
        pk=story.pk,
        picture=picture,
        story_type=story.story_type,
        type_label=story.story_type_label,
        heading=heading,
        url=url,
        title=story.title,
        summary=Truncator(story.summary).chars(SUMMARY_LENGTH),
        published=(
            format_html(PUBLISHED, iso_bangkok(published_at), local_date(published_at))
            if published_at
            else ""
        ),
        networks=format_html_join("", NETWORK, ((network.name,) for network in networks)),
    )
