"""A story as portable HTML: what feed readers and partner sites receive.

The site's own block templates are written for the site (responsive <picture> trees in AVIF and
WebP, embedded players, CSS classes, relative links). Feed readers strip iframes and styles and
resolve nothing relative, so feeds and the API render the body through one small template of
plain elements (a JPEG <img>, a link instead of a player) and then make every URL absolute.
"""

from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from media_library.renditions import rendition_of
from thai_text.escaping import clean_html

HERO_FILTER = "width-1200|format-jpeg"
# Open Graph, Twitter cards, JSON-LD and the API share one rendition: 1200×630 JPEG.
SOCIAL_FILTER = "fill-1200x630|format-jpeg"
# Podcast apps want a square JPEG or PNG of at least 1400 pixels: a network's cover and each
# episode's picture (its recording's poster, else the story's photo).
PODCAST_COVER_FILTER = "fill-1400x1400|format-jpeg"
URL_ATTRIBUTES = ("href", "src", "poster")


def absolutize(html, base_url):
    """Every link and source in ``html`` made absolute against ``base_url``, after which only
    what the rich-text editor could make is kept (the one safe-HTML rule, thai_text.escaping)."""
    soup = BeautifulSoup(html, "html.parser")
    for attribute in URL_ATTRIBUTES:
        for element in soup.find_all(attrs={attribute: True}):
            element[attribute] = urljoin(base_url, element[attribute])
    return clean_html(str(soup))


def hero_rendition(story, filter_spec=HERO_FILTER):
    """The story's main photo in ``filter_spec``, looked up once per story object: a feed item
    asks for it three times (enclosure, media:content, the body), and Wagtail's get_rendition
    wrote it back to the cache on every call."""
    if story.hero_image_id is None:
        return None
    found = story.__dict__.setdefault("_portable_renditions", {})
    if filter_spec not in found:
        found[filter_spec] = rendition_of(story.hero_image, filter_spec)
    return found[filter_spec]


def story_html(story, base_url, *, include_hero=True):
    """Hero photo, body and corrections of ``story`` as portable HTML with absolute URLs."""
    html = render_to_string(
        "news/portable_story.html",
        {
            "story": story,
            "hero": hero_rendition(story) if include_hero else None,
            "corrections": list(story.corrections.all()),
        },
    )
    return absolutize(html, base_url)
