"""Factories for the site's models; tests build what they need, never load database dumps."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from home.models import AboutPage, HomePage
from networks.models import Network, NetworkIndexPage
from news.models import (
    CultureStoryPage,
    LocalWisdomPage,
    NewsPage,
    ReporterProfile,
    StoryIndexPage,
    Topic,
)


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

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        networks = extracted if extracted is not None else [NetworkFactory()]
        self.networks.set(networks)
        if create:
            self.save()


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


def published_story(factory_class, parent, networks, **kwargs):
    """A live story: saved as a draft first, since a live story must already have a network."""
    page = factory_class(parent=parent, live=False, networks=networks, **kwargs)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
