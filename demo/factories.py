"""Factories for the site's models, shared by the demo content and the tests.

The demo (load_demo) and the test suite build pages, networks, topics, reporters, images and
media items through these same factories, so what the demo shows is what the tests exercise.
They need factory-boy and wagtail-factories: the ``demo`` extra (``pip install .[demo]``), which
``dev`` includes; production never installs the demo app.
"""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from home.models import AboutPage, HomePage
from media_library.models import MediaItem
from networks.models import Network, NetworkIndexPage
from news.models import (
    CultureStoryPage,
    LocalWisdomPage,
    NewsPage,
    ReporterProfile,
    StoryByline,
    StoryIndexPage,
    Topic,
)
from tips.models import Tip


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("test-password")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"network-{n}")
    name_th = factory.Sequence(lambda n: f"เครือข่ายทดสอบที่ {n}")
    name_en = factory.Sequence(lambda n: f"Test network {n}")
    organisation_count = 10
    member_count = 100


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name_th = factory.Sequence(lambda n: f"หัวข้อ {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ReporterProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReporterProfile

    display_name = factory.Sequence(lambda n: f"นักข่าว {n}")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "เสียงชุมชน"
    locale = factory.LazyFunction(lambda: locale("th"))


class AboutPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AboutPage

    title = "เกี่ยวกับเรา"
    locale = factory.LazyFunction(lambda: locale("th"))


class NetworkIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NetworkIndexPage

    title = "เครือข่ายสมาชิก"
    locale = factory.LazyFunction(lambda: locale("th"))


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryIndexPage

    title = "เรื่องราว"
    locale = factory.LazyFunction(lambda: locale("th"))


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"ข่าวชุมชนเรื่องที่ {n}")
    summary = "สรุปข่าวสั้น ๆ สำหรับผู้อ่าน"
    locale = factory.LazyFunction(lambda: locale("th"))

    # Passed to the constructor (modelcluster keeps it in memory until save) so that the
    # "at least one network" rule in StoryPage.clean() holds when the live page is first saved.
    networks = factory.LazyFunction(lambda: [NetworkFactory()])


class NewsPageFactory(StoryPageFactory):
    class Meta:
        model = NewsPage


class LocalWisdomPageFactory(StoryPageFactory):
    class Meta:
        model = LocalWisdomPage

    holder_name = "แม่บุญมี ใจดี"
    practice = LocalWisdomPage.Practice.WEAVING_DYEING


class CultureStoryPageFactory(StoryPageFactory):
    class Meta:
        model = CultureStoryPage

    tradition = "งานช้างสุรินทร์"


class ImageFactory(wagtail_factories.ImageFactory):
    """A small generated photo with alt text in both languages."""

    class Meta:
        model = get_image_model()

    collection = factory.LazyFunction(lambda: Collection.get_first_root_node())
    title = factory.Sequence(lambda n: f"ภาพชุมชน {n}")
    description = "ชาวบ้านทอผ้าไหมใต้ถุนบ้าน"
    alt_text_en = "Villagers weaving silk under a stilt house"
    credit = "กลุ่มเยาวชนรักษ์ถิ่น"
    file = factory.django.ImageField(width=640, height=480, color="green")


class MediaItemFactory(factory.django.DjangoModelFactory):
    """A sound recording (an MPEG audio file of silence); pass type="video" for a video."""

    class Meta:
        model = MediaItem

    title = factory.Sequence(lambda n: f"รายการวิทยุชุมชน ตอนที่ {n}")
    type = "audio"
    duration = 125
    credit = "วิทยุชุมชนคนสุรินทร์"
    mime_type = factory.LazyAttribute(
        lambda item: "audio/mpeg" if item.type == "audio" else "video/mp4"
    )
    file = factory.LazyAttribute(
        lambda item: ContentFile(
            b"\xff\xfb\x90\x64" + b"\0" * 413 if item.type == "audio" else b"\0\0\0\x18ftypisom",
            name="clip.mp3" if item.type == "audio" else "clip.mp4",
        )
    )
    file_size = 417


class CustomImageFactory(ImageFactory):
    title = factory.Sequence(lambda n: f"ภาพที่ {n}")
    credit = "ช่างภาพชุมชน"


class TipFactory(factory.django.DjangoModelFactory):
    """A reader's tip, sent with a name and a phone number and consent to be contacted."""

    class Meta:
        model = Tip

    text = "น้ำท่วมถนนเข้าหมู่บ้านตั้งแต่เมื่อคืน ชาวบ้านช่วยกันกั้นกระสอบทราย"
    district = "prasat"
    place = "บ้านโคกสะอาด"
    network = factory.SubFactory(NetworkFactory)
    sender_name = "สมศรี ใจดี"
    contact_phone = "081-234-5678"
    consent_contact = True
    consent_text = "You may contact me about this news."
    consent_given_at = factory.LazyFunction(timezone.now)


class StoryBylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryByline

    reporter = factory.SubFactory(ReporterProfileFactory)


STORY_FACTORIES = {
    "news": NewsPageFactory,
    "local-wisdom": LocalWisdomPageFactory,
    "culture": CultureStoryPageFactory,
}


def published_story(parent, kind="news", days_ago=None, tags=(), reporters=(), **fields):
    """A live story of ``kind`` (a public story-type key) under ``parent``, published the way an
    editor publishes: saved as a draft, then its revision published, so the live story already
    has its networks (pass ``networks=[...]``, or the factory makes one), tags and bylines.

    With ``days_ago``, the story was first (and last) published that many days ago; listings
    are newest first.
    """
    if reporters:
        fields["bylines"] = [
            StoryByline(reporter=reporter, sort_order=order)
            for order, reporter in enumerate(reporters)
        ]
    fields.setdefault("locale", parent.locale)
    story = STORY_FACTORIES[kind](parent=parent, live=False, **fields)
    story.tags.add(*tags)
    story.save_revision().publish()
    if days_ago is not None:
        when = timezone.now() - datetime.timedelta(days=days_ago)
        type(story).objects.filter(pk=story.pk).update(
            first_published_at=when, last_published_at=when
        )
    story.refresh_from_db()
    return story
