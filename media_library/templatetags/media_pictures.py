"""{% sized_picture %}: Wagtail's <picture> in the sizes media_library.renditions defines.

components/picture.html draws every photo through this tag, so the sizes a reader's browser asks
for and the ones made in the background come from one list. It never makes a rendition (Wagtail's
{% picture %} would, inside the reader's request: seconds for a phone photo): it uses those that
exist, found in the listing's prefetch or in one query, and while any is missing it draws the
small copy made at upload, in the layout size the full picture will have, and queues the rest.
"""

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html

from ..renditions import (
    COLUMN_SIZES,
    POSTER_SPEC,
    RESIZE_RULES,
    SMALL_COPY_SPEC,
    existing_renditions,
    filter_specs,
    layout_size,
    picture_html,
    queue_image_renditions,
    rendition_of,
)

register = template.Library()


@register.simple_tag
def sized_picture(image, crop="", **attrs):
    """AVIF, WebP and JPEG sources in the crop's widths; ``attrs`` go on the <img>, their
    sizes the page's column (``COLUMN_SIZES``) when none is given."""
    if not image:
        return ""
    if not attrs.get("sizes"):
        attrs["sizes"] = COLUMN_SIZES
    crop = crop if crop in RESIZE_RULES else ""
    specs = filter_specs(crop)
    found = existing_renditions(image, [*specs, SMALL_COPY_SPEC])
    if all(map(found.__contains__, specs)):
        return picture_html({spec: found[spec] for spec in specs}, attrs)
    queue_image_renditions(image)
    return small_copy_html(image, found.get(SMALL_COPY_SPEC), specs, attrs)


@register.simple_tag
def rendition_or_small_copy(image, spec):
    """``{% rendition_or_small_copy image "format-jpeg|width-800" as photo %}``: Wagtail's
    ``{% image %}`` for feeds, except that a rendition not yet made is the small copy (with
    ``spec`` queued), never drawn while the reader's feed app waits (``rendition_of``)."""
    return rendition_of(image, spec)


@register.simple_tag
def video_poster(image):
    """``{% video_poster video.poster as poster %}``: the poster's rendition, or the small copy
    while it is being made (``rendition_of``); read from the page's renditions when it read
    them (``attach_drawn_renditions`` with ``POSTER_SPEC``)."""
    return rendition_of(image, POSTER_SPEC)


def small_copy_html(image, small_copy, specs, attrs):
    if small_copy is None:
        # Only a photo stored before small copies were made at upload: one small JPEG, once,
        # rather than a broken image or the full-size original.
        small_copy = image.get_rendition(SMALL_COPY_SPEC)
    # The width and height of the <img> the full picture will have (its first JPEG), so the
    # page keeps its layout when the full set replaces the copy.
    fallback = next(spec for spec in specs if "format-jpeg" in spec)
    width, height = layout_size(image, fallback)
    img_attrs = {"src": small_copy.url, "width": width, "height": height, "alt": small_copy.alt}
    img_attrs.update((name, value) for name, value in attrs.items() if name != "sizes")
    return format_html("<picture><img{}></picture>", flatatt(img_attrs))
