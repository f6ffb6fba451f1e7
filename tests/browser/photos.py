"""Phone photos as reporters upload them, and the check that none reaches a reader intact."""

import io

from PIL import Image

from tests.media_builders import GPS_IFD, phone_exif

DEVICE_TAGS = {0x010F: "Make", 0x0110: "Model"}


def phone_photo_with_location(path, size=(1200, 900)):
    """A JPEG like a phone's: the place it was taken (GPS IFD) and the camera's make and model."""
    image = Image.new("RGB", size, (46, 125, 50))
    image.paste((240, 200, 80), (size[0] // 3, size[1] // 3, size[0] * 2 // 3, size[1] * 2 // 3))
    image.save(path, format="JPEG", exif=phone_exif(), quality=85)
    assert private_tags(path.read_bytes()), "the test photo must carry GPS and device tags"
    return path


def private_tags(data):
    """The GPS and device tags an image's bytes still carry (empty when it is clean)."""
    exif = Image.open(io.BytesIO(data)).getexif()
    found = [name for tag, name in DEVICE_TAGS.items() if exif.get(tag)]
    if exif.get_ifd(GPS_IFD):
        found.append("GPS")
    return found
