"""The rendition sizes the site uses, and making them ahead of the first reader.

Without this the first reader of a new story waits while the server resizes and encodes every
photo in three formats and three widths (AVIF encoding is the slow part: about half a second per
rendition). news.renditions runs it on publication.
"""

from .story_media import story_images

FORMATS = ("avif", "webp", "jpeg")
# The one list of sizes: components/picture.html draws through {% sized_picture %}, which reads it.
RESIZE_RULES = {
    "": ("width-400", "width-800", "width-1200"),
    "wide": ("fill-400x225", "fill-800x450", "fill-1200x675"),
    "landscape": ("fill-400x300", "fill-800x600"),
}
CROPS_FOR_ROLE = {
    "hero": ("", "wide"),  # the story itself, and cards in listings
    "image": ("",),
    "gallery": ("landscape",),
    "poster": (),
}


def filter_specs(crop=""):
    # Format first, as Wagtail's {% picture %} names them: the same string finds the rendition.
    return [f"format-{fmt}|{rule}" for rule in RESIZE_RULES[crop] for fmt in FORMATS]


def all_picture_specs():
    """Every rendition components/picture.html can ask for, whatever the crop."""
    return [spec for crop in RESIZE_RULES for spec in filter_specs(crop)]


def specs_for_media(hero_image, body):
    """{image: [filter spec, ...]} for every image a page with this hero photo and body shows."""
    wanted = {}
    for image, role in story_images(hero_image, body):
        specs = wanted.setdefault(image, [])
        for crop in CROPS_FOR_ROLE[role]:
            specs.extend(spec for spec in filter_specs(crop) if spec not in specs)
        if role == "poster":
            specs.append("width-1200|format-jpeg")
    return wanted


def generate_renditions(hero_image, body):
    """Makes every rendition the page's photos need; returns how many it asked for."""
    return sum(
        len(image.get_renditions(*specs))
        for image, specs in specs_for_media(hero_image, body).items()
    )
