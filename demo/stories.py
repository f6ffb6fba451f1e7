"""Demo stories: the stories section in both languages, topics, reporters and fifteen stories.

Idempotent like home/demo.py: everything is looked up by a stable key (slug, image title) and
only created when missing, so a second ``load_demo`` changes nothing.
"""

import datetime
import io
import math

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale

from home.models import HomePage
from networks.models import Network
from news.models import (
    STORY_TYPES,
    ReporterProfile,
    StoryCorrection,
    Topic,
)
from thai_text.slugs import thai_slugify

from . import factories
from . import story_content as text
from .media import add_media_to_story
from .pages import ensure_child

IMAGE_SIZE = (1200, 675)
LEAD_STORY = "silk-natural-dye"


def _hex(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def draw_picture(top, bottom, shape):
    """A vertical gradient with a few simple shapes: a stand-in photo made without downloads."""
    width, height = IMAGE_SIZE
    start, end = _hex(top), _hex(bottom)
    image = Image.new("RGB", IMAGE_SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        share = y / (height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * share) for a, b in zip(start, end, strict=True)),
        )
    light = tuple(min(255, channel + 60) for channel in end)
    if shape == "circle":
        draw.ellipse([width * 0.55, height * 0.15, width * 0.85, height * 0.68], fill=light)
    elif shape == "stripes":
        for i in range(6):
            y = height * (0.55 + i * 0.07)
            draw.rectangle([0, y, width, y + height * 0.03], fill=light)
    elif shape == "diamonds":
        for i in range(5):
            cx, cy, r = width * (0.15 + i * 0.175), height * 0.6, height * 0.12
            draw.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=light)
    elif shape == "waves":
        for row in range(4):
            base = height * (0.45 + row * 0.12)
            points = [
                (x, base + math.sin(x / 60 + row) * height * 0.03) for x in range(0, width + 1, 20)
            ]
            draw.line(points, fill=light, width=8)
    elif shape == "squares":
        for i in range(4):
            x = width * (0.12 + i * 0.2)
            draw.rectangle(
                [x, height * 0.35, x + width * 0.12, height * 0.35 + width * 0.12], fill=light
            )
    elif shape == "leaves":
        for i in range(7):
            x = width * (0.1 + i * 0.12)
            draw.ellipse(
                [x, height * (0.4 + (i % 2) * 0.15), x + 90, height * (0.4 + (i % 2) * 0.15) + 180],
                fill=light,
            )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer


def _hero_image(story):
    image_model = get_image_model()
    title = f"demo-story-{story['key']}"
    image = image_model.objects.filter(title=title).first()
    if image is None:
        top, bottom = story["colour"]
        buffer = draw_picture(top, bottom, story["shape"])
        image = factories.ImageFactory(
            title=title,
            file=ImageFile(buffer, name=f"{title}.jpg"),
            # Illustrations, not photos of anything: no alt text, as editors left them.
            description="",
            alt_text_en="",
            credit="เสียงชุมชน (ภาพประกอบ)",
            licence="CC BY 4.0",
        )
    return image


def load_topics():
    for slug, name_th, name_en in text.TOPICS:
        factories.TopicFactory(slug=slug, name_th=name_th, name_en=name_en)


def load_reporters():
    users = get_user_model().objects
    for slug, display_name, username, network_slug, bio in text.REPORTERS:
        if ReporterProfile.objects.filter(slug=slug).exists():
            continue
        factories.ReporterProfileFactory(
            slug=slug,
            display_name=display_name,
            user=users.filter(username=username).first() if username else None,
            network=Network.objects.filter(slug=network_slug).first(),
            bio=bio,
        )


def _body(story, language):
    body = []
    paragraphs = story[f"body_{language}"]
    body.append(("paragraph", f"<p>{paragraphs[0]}</p>"))
    if story.get(f"quote_{language}"):
        quote, who = story[f"quote_{language}"]
        body.append(("quote", {"text": quote, "attribution": who}))
    body.extend(("paragraph", f"<p>{paragraph}</p>") for paragraph in paragraphs[1:])
    if story.get(f"facts_{language}"):
        title, facts = story[f"facts_{language}"]
        body.append(("fact_box", {"title": title, "body": facts}))
    return body


def _type_fields(story, language):
    if story["kind"] == "local-wisdom":
        return {
            "holder_name": story[f"holder_name_{language}"],
            "holder_role": story[f"holder_role_{language}"],
            "holder_village": story[f"holder_village_{language}"],
            "holder_district": story["district"],
            "practice": story["practice"],
            "licence": story["licence"],
            # Demo consent: the holder agreed in writing (editors see this, readers never do).
            "consent_given_by": story[f"holder_name_{language}"],
            "consent_method": "written",
            "consent_date": datetime.date(2026, 10, 1),
        }
    if story["kind"] == "culture":
        occurs_on = story.get("occurs_on")
        return {
            "tradition": story[f"tradition_{language}"],
            "occurs_on": datetime.date.fromisoformat(occurs_on) if occurs_on else None,
            "lunar_timing": story.get(f"lunar_timing_{language}", ""),
            "place": story.get(f"place_{language}", ""),
        }
    return {}


def _story_page(index, story, language, translation_of, image):
    model = STORY_TYPES[story["kind"]]
    # Thai pages get Thai slugs (vowels and tone marks kept), English ones the ASCII key.
    slug = story["key"] if language == "en" else thai_slugify(story["title_th"])
    existing = model.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing
    published = timezone.now().replace(hour=9, minute=30) - datetime.timedelta(
        days=story["days_ago"]
    )
    fields = {
        "title": story[f"title_{language}"],
        "slug": slug,
        "summary": story[f"summary_{language}"],
        "hero_image": image,
        "body": _body(story, language),
        "district": story["district"],
        "networks": list(Network.objects.filter(slug__in=story["networks"])),
        "topics": list(Topic.objects.filter(slug__in=story["topics"])),
        "first_published_at": published,
        **_type_fields(story, language),
    }
    if story.get("correction"):
        text_th, text_en = story["correction"]
        fields["corrections"] = [
            StoryCorrection(
                corrected_on=timezone.localdate(published + datetime.timedelta(days=1)),
                text=text_th if language == "th" else text_en,
            )
        ]
    if translation_of is not None:
        fields["translation_key"] = translation_of.translation_key
    page = factories.published_story(
        index,
        story["kind"],
        tags=story["tags"],
        reporters=[ReporterProfile.objects.get(slug=key) for key in story["reporters"]],
        **fields,
    )
    # Publishing stamps "now" as the last publication; the demo keeps its story dates, and a
    # corrected story shows that it was updated after it first appeared.
    updated = (
        published + datetime.timedelta(days=1, hours=3) if story.get("correction") else published
    )
    model.objects.filter(pk=page.pk).update(last_published_at=updated)
    return page


def load_stories():
    thai = Locale.objects.get(language_code="th")
    english = Locale.objects.get(language_code="en")
    home_th = HomePage.objects.get(locale=thai, depth=2)
    home_en = HomePage.objects.get(locale=english, depth=2)
    index_th = ensure_child(
        home_th,
        factories.StoryIndexPageFactory,
        "เรื่องราว",
        thai,
        title="เรื่องราว",
        show_in_menus=True,
        intro="ข่าว ภูมิปัญญาท้องถิ่น และเรื่องเล่าวัฒนธรรม จากนักสื่อสารของเครือข่ายสมาชิก",
    )
    index_en = ensure_child(
        home_en,
        factories.StoryIndexPageFactory,
        "stories",
        english,
        translation_of=index_th,
        title="Stories",
        show_in_menus=True,
        intro="News, local wisdom and culture stories from the member networks' reporters.",
    )
    chosen = {}
    for story in text.STORIES:
        image = _hero_image(story)
        story_th = _story_page(index_th, story, "th", None, image)
        story_en = _story_page(index_en, story, "en", story_th, image)
        chosen[story["key"]] = {home_th.pk: story_th, home_en.pk: story_en}
    # One Thai story shows every kind of media: a gallery, a community-radio clip and a video.
    showcase = next(story for story in text.STORIES if story["kind"] == "culture")
    add_media_to_story(chosen[showcase["key"]][home_th.pk])
    # The editors' choice of lead story (not the newest one, to show the choice at work).
    for home in (home_th, home_en):
        if home.lead_story_id is None:
            home.lead_story = chosen[LEAD_STORY][home.pk]
            home.save_revision().publish()


def load():
    load_topics()
    load_reporters()
    load_stories()
