import json
from datetime import date, timedelta

import pytest
import wagtail_factories
from django.conf import settings
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from demo import factories
from news.models import StoryByline, StoryCorrection, StoryIndexPage
from tests.distribution_fixtures import CONSENT_SECRET, SECRET_DRAFT, SECRET_PRIVATE


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language: a page served in English by the test client
    leaves English active in the thread, and a photo's alt text, dates and labels follow it."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def story_index(site_tree):
    """The stories section in Thai and its English translation."""
    index_th = factories.StoryIndexPageFactory(
        parent=site_tree["home_th"], slug="เรื่องราว", title="เรื่องราว", show_in_menus=True
    )
    index_en = index_th.copy_for_translation(site_tree["home_en"].locale)
    index_en.title, index_en.slug = "Stories", "stories"
    index_en.save_revision().publish()
    return {"th": index_th, "en": StoryIndexPage.objects.get(pk=index_en.pk)}


def _distribution_body(image):
    return json.dumps(
        [
            {
                "type": "paragraph",
                "value": '<p>ชาวบ้านท่าตูมทอผ้าไหม <a href="https://example.org/silk">อ่านต่อ</a> '
                'และ <a href="/th/">หน้าแรก</a></p>',
            },
            {"type": "heading", "value": {"text": "ลายผ้าของแม่", "level": "h2"}},
            {"type": "image", "value": {"image": image.pk, "caption": "", "credit": ""}},
            {"type": "quote", "value": {"text": "ผ้าทุกผืนมีเรื่องเล่า", "attribution": "แม่บุญมี"}},
        ]
    )


@pytest.fixture
def stories(site_tree, locales):
    """Published, draft and private stories in both languages, for the distribution tests."""
    now = timezone.now()
    media = factories.NetworkFactory(slug="media", name_th="เครือข่ายสื่อ", name_en="Media")
    youth = factories.NetworkFactory(slug="youth", name_th="เครือข่ายเยาวชน", name_en="Youth")
    farming = factories.TopicFactory(slug="agriculture", name_th="เกษตร", name_en="Agriculture")
    reporter = factories.ReporterProfileFactory(display_name="สมชาย ใจดี", slug="somchai")
    photo = wagtail_factories.ImageFactory(title="ทอผ้า", caption="แม่บุญมีทอผ้าไหม", credit="สมชาย")

    index_th = factories.StoryIndexPageFactory(parent=site_tree["home_th"], slug="เรื่องราว")
    index_en = index_th.copy_for_translation(locales["en"])
    index_en.title, index_en.slug = "Stories", "stories"
    index_en.save_revision().publish()
    index_en = StoryIndexPage.objects.get(pk=index_en.pk)

    news = factories.NewsPageFactory(
        parent=index_th,
        title="ทอผ้าไหม <ลายใหม่> & สีธรรมชาติ",
        slug="ทอผ้าไหม",
        summary="ชาวบ้านท่าตูมฟื้นลายผ้าไหมโบราณ",
        hero_image=photo,
        body=_distribution_body(photo),
        district="tha-tum",
        first_published_at=now - timedelta(hours=3),
        last_published_at=now - timedelta(hours=1),
        networks=[media],
    )
    news.topics.set([farming])
    news.tags.add("ผ้าไหม")
    news.save()
    StoryByline.objects.create(story=news, reporter=reporter, sort_order=0)
    StoryCorrection.objects.create(
        story=news,
        corrected_on=date(2026, 11, 20),
        text="แก้ชื่อหมู่บ้านให้ถูกต้อง",
        sort_order=0,
    )

    wisdom = factories.LocalWisdomPageFactory(
        parent=index_th,
        title="สมุนไพรพื้นบ้าน",
        summary="หมอยาพื้นบ้านเล่าเรื่องสมุนไพร",
        consent_given_by=CONSENT_SECRET,
        first_published_at=now - timedelta(days=3),
        last_published_at=now - timedelta(days=3),
        networks=[youth],
    )
    culture = factories.CultureStoryPageFactory(
        parent=index_th,
        title="งานช้างสุรินทร์",
        summary="งานประจำปีของจังหวัด",
        first_published_at=now - timedelta(days=1),
        last_published_at=now - timedelta(days=1),
        networks=[youth],
    )

    news_en = news.copy_for_translation(locales["en"], copy_parents=False)
    news_en.title, news_en.slug = "Silk weaving revived", "silk-weaving"
    news_en.summary = "Villagers in Tha Tum revive an old silk pattern"
    news_en.save_revision().publish()
    news_en.refresh_from_db()

    draft = factories.NewsPageFactory(
        parent=index_th, title=SECRET_DRAFT, live=False, networks=[media]
    )
    draft.tags.add("ผ้าไหม")
    draft.save()
    private = factories.NewsPageFactory(
        parent=index_th,
        title=SECRET_PRIVATE,
        summary=SECRET_PRIVATE,
        first_published_at=now - timedelta(hours=2),
        last_published_at=now - timedelta(hours=2),
        networks=[media],
    )
    private.tags.add("ผ้าไหม")
    private.save()
    StoryByline.objects.create(story=private, reporter=reporter, sort_order=0)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="members"
    )
    return {
        "index_th": index_th,
        "index_en": index_en,
        "news": news,
        "news_en": news_en,
        "wisdom": wisdom,
        "culture": culture,
        "draft": draft,
        "private": private,
        "media": media,
        "youth": youth,
        "topic": farming,
        "reporter": reporter,
        "photo": photo,
    }
