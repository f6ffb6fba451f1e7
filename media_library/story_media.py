"""Finds the images and recordings a story uses, for publishing checks, renditions and feeds."""

from wagtailmedia import get_media_model


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


def _recording_ids(body):
    for block in body.raw_data:
        if block.get("type") == "audio" and (block.get("value") or {}).get("audio"):
            yield block["value"]["audio"]


def first_recordings(stories):
    """{story: its first sound recording} for the stories that have one, in one query: the ids
    are read from each body's stored JSON, so no block of any story is loaded (a listing of
    stories would otherwise cost a query per story and block type)."""
    ids_by_story = {story: list(_recording_ids(story.body)) for story in stories}
    recordings = get_media_model().objects.in_bulk(
        {pk for ids in ids_by_story.values() for pk in ids}
    )
    firsts = {}
    for story, ids in ids_by_story.items():
        found = next((recordings[pk] for pk in ids if pk in recordings), None)
        if found is not None:
            firsts[story] = found
    return firsts
