"""Demo media: three photos, a community-radio clip and a short video with Thai captions.

Idempotent like the rest of the demo (run twice, change nothing). The sound and video files in
assets/ were made once with ffmpeg from generated test tones and a test pattern (a
six-second MP3 melody; a four-second H.264/AAC MP4 with faststart) so the demo plays offline;
the photos are drawn here with Pillow and go through the same cleaning as an upload.
"""

import io
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

from media_library.models import MediaItem
from networks.models import Network

from .factories import ImageFactory, MediaItemFactory

ASSETS = Path(__file__).resolve().parent / "assets"

PHOTOS = [
    # (title, Thai alt text, English alt text, caption, colours of sky and field)
    (
        "ทุ่งนาหลังเก็บเกี่ยว",
        "ทุ่งนาสีทองหลังฤดูเก็บเกี่ยว มีกองฟางเรียงรายใต้ท้องฟ้าสีคราม",
        "Golden rice fields after the harvest, with straw stacks under a blue sky",
        "ทุ่งนาบ้านตากลาง หลังฤดูเก็บเกี่ยว",
        ((90, 150, 220), (214, 170, 60)),
    ),
    (
        "กี่ทอผ้าไหมใต้ถุนบ้าน",
        "กี่ทอผ้าไหมไม้ใต้ถุนบ้าน มีเส้นไหมสีแดงขึงอยู่",
        "A wooden silk loom under a stilt house, strung with red silk",
        "กี่ทอผ้าของกลุ่มแม่บ้านท่าสว่าง",
        ((120, 80, 50), (170, 30, 40)),
    ),
    (
        "ตลาดเช้าชุมชน",
        "แผงผักพื้นบ้านในตลาดเช้า มีผักสีเขียวและพริกสีแดง",
        "Local vegetable stalls at the morning market, green herbs and red chillies",
        "ตลาดเช้าหน้าวัด ผักปลอดสารจากสมาชิกเครือข่าย",
        ((240, 220, 180), (60, 140, 60)),
    ),
]
CREDIT = "ทีมข่าวเสียงชุมชน"


def _drawn_photo(sky, field, seed):
    image = Image.new("RGB", (1600, 1067), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 620, 1600, 1067), fill=field)
    for index in range(7):
        x = 120 + index * 220 + seed * 30
        draw.ellipse((x, 560 - (index % 3) * 40, x + 160, 700), fill=tuple(c // 2 for c in field))
    draw.ellipse((1250, 120, 1400, 270), fill=(250, 230, 150))
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85)
    return output.getvalue()


def load_photos():
    Image_ = get_image_model()
    photos = []
    for seed, (title, alt_th, alt_en, caption, (sky, field)) in enumerate(PHOTOS):
        photo = Image_.objects.filter(title=title).first()
        if photo is None:
            photo = ImageFactory(
                title=title,
                description=alt_th,
                alt_text_en=alt_en,
                caption=caption,
                credit=CREDIT,
                licence="CC BY-NC 4.0",
                file=ContentFile(_drawn_photo(sky, field, seed), name=f"demo-{seed + 1}.jpg"),
            )
        photos.append(photo)
    return photos


def _media_item(title, kind, filename, **fields):
    item = MediaItem.objects.filter(title=title, type=kind).first()
    if item is not None:
        return item
    data = (ASSETS / filename).read_bytes()
    return MediaItemFactory(
        title=title,
        type=kind,
        file=ContentFile(data, name=filename),
        file_size=len(data),
        **fields,
    )


def load_media():
    """The demo photos, sound clip and video; returns them in a dict."""
    photos = load_photos()
    audio = _media_item(
        "รายการเสียงชุมชน: เพลงพื้นบ้านยามเช้า",
        "audio",
        "radio-clip.mp3",
        mime_type="audio/mpeg",
        duration=6.06,
        credit="วิทยุชุมชนคนสุรินทร์",
        network=Network.objects.filter(slug="media").first(),
        description="ตัวอย่างเสียงจากรายการวิทยุชุมชน",
        transcript="(ดนตรีบรรเลงเพลงพื้นบ้าน ไม่มีเสียงพูด)",
    )
    video = _media_item(
        "ภาพทดสอบจากกลุ่มทอผ้า",
        "video",
        "weaving-video.mp4",
        mime_type="video/mp4",
        duration=4.0,
        width=320,
        height=180,
        credit="กลุ่มเยาวชนรักษ์ถิ่น",
        network=Network.objects.filter(slug="youth").first(),
        poster=photos[1],
        transcript="ภาพทดสอบจากกลุ่มทอผ้าไหม เสียงชุมชน สุรินทร์",
    )
    if not video.captions:
        captions = (ASSETS / "weaving-video.th.vtt").read_bytes()
        video.captions.save("weaving-video.th.vtt", ContentFile(captions), save=True)
    return {"photos": photos, "audio": audio, "video": video}


def media_story_blocks(media):
    """StreamField data for a gallery, the sound clip and the video, to add to a story body."""
    return [
        {
            "type": "gallery",
            "value": {
                "title": "ภาพจากชุมชน",
                "images": [
                    {"image": photo.pk, "caption": "", "credit": ""} for photo in media["photos"]
                ],
            },
        },
        {
            "type": "audio",
            "value": {"audio": media["audio"].pk, "title": "", "transcript": ""},
        },
        {
            "type": "video",
            "value": {"video": None, "file": media["video"].pk, "caption": ""},
        },
    ]


def add_media_to_story(story):
    """Give a demo story a gallery, a sound clip and a video (once) and publish it again."""
    if any(block.block_type == "audio" for block in story.body):
        return story
    media = load_media()
    raw = list(story.body.raw_data) + media_story_blocks(media)
    story.body = story.body.stream_block.to_python(raw)
    if story.hero_image is None:
        story.hero_image = media["photos"][0]
    story.save_revision().publish()
    return story
