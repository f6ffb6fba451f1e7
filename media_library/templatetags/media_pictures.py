"""{% sized_picture %}: Wagtail's <picture> in the sizes media_library.renditions defines.

components/picture.html draws every photo through this tag, so the sizes a reader's browser asks
for and the ones made on publication come from one list.
"""

from django import template
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from ..renditions import RESIZE_RULES, filter_specs

register = template.Library()


@register.simple_tag
def sized_picture(image, crop="", **attrs):
    """AVIF, WebP and JPEG sources in the crop's widths; ``attrs`` go on the <img>."""
    if not image:
        return ""
    crop = crop if crop in RESIZE_RULES else ""
    renditions = get_renditions_or_not_found(image, [Filter(spec) for spec in filter_specs(crop)])
    return Picture(renditions, attrs).__html__()
