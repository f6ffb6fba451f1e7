"""Finds the images and recordings a story uses, for publishing checks, renditions and feeds."""


def _block_values(body):
    for child in body or []:
        yield child.block_type, child.value


def story_images(hero_image, body):
    """(image, role) pairs in reading order; role is "hero", "image", "gallery" or "poster"."""
    if hero_image is not None:
        yield hero_image, "hero"
    for block_type, value in _block_values(body):
        if block_type == "image" and value.get("image"):
            yield value["image"], "image"
        elif block_type == "gallery":
            for item in value.get("images") or []:
                if item.get("image"):
                    yield item["image"], "gallery"
        elif block_type == "video" and value.get("file") and value["file"].poster:
            yield value["file"].poster, "poster"


def story_audio(body):
    """The sound recordings in a story body, in order."""
    for block_type, value in _block_values(body):
        if block_type == "audio" and value.get("audio"):
            yield value["audio"]
