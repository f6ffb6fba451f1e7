"""What a reader sees on a story page."""

import datetime
import re
import unicodedata
from urllib.parse import quote

import pytest
from django.template import Context, Template
from django.utils import timezone

from demo import factories
from demo.factories import published_story
from news.models import StoryCorrection, StoryPage
from tests.story_helpers import story_ids


@pytest.fixture
def youth(db):
    return factories.NetworkFactory(slug="youth", name_th="เครือข่ายเยาวชน", name_en="Youth")


def test_story_page_links_everything_a_reader_may_follow(story_index, client, youth):
    health = factories.TopicFactory(slug="health", name_th="สุขภาพ", name_en="Health")
    reporter = factories.ReporterProfileFactory(display_name="ฟ้า รักถิ่น", slug="fah")
    story = published_story(
        story_index["en"],
        networks=[youth],
        topics=[health],
        tags=["ผ้าไหม"],
        district="sangkha",
        reporters=[reporter],
        title="Weavers of Sangkha",
        hero_image=factories.CustomImageFactory(),
    )
    html = client.get(story.url).content.decode()
    assert "<h1>Weavers of Sangkha</h1>" in html
    assert 'href="/en/stories/"' in html  # breadcrumbs
    assert 'href="/en/stories/type/news/"' in html  # story type
    assert 'href="/en/networks/youth/"' in html
    assert 'href="/en/stories/topic/health/"' in html
    assert f'href="/en/stories/tag/{quote("ผ้าไหม")}/"' in html
    assert 'href="/en/stories/district/sangkha/">Sangkha<' in html
    assert 'href="/en/stories/reporter/fah/" rel="author">ฟ้า รักถิ่น<' in html
    assert 'loading="eager"' in html  # the hero image is above the fold


def test_story_type_label_and_reading_time(story_index, client):
    words = "ชาวบ้านร่วมกันปลูกต้นไม้ในป่าชุมชน " * 80  # about 560 Thai words
    story = published_story(story_index["th"], body=[("paragraph", f"<p>{words}</p>")])
    html = client.get(story.url).content.decode()
    assert 'class="story-type story-type--news"' in html
    assert story.specific.reading_minutes == 3
    assert 'class="story__reading-time">อ่าน 3 นาที<' in html


def test_a_reader_never_waits_for_words_to_be_counted(story_index, client, monkeypatch):
    words = "ชาวบ้านร่วมกันปลูกต้นไม้ในป่าชุมชน " * 80
    story = published_story(story_index["th"], body=[("paragraph", f"<p>{words}</p>")])

    def no_counting(*args, **kwargs):
        raise AssertionError("words counted while a reader waits")

    monkeypatch.setattr("thai_text.reading_time.word_tokenize", no_counting)
    html = client.get(story.url).content.decode()
    assert 'class="story__reading-time">อ่าน 3 นาที<' in html


def test_stories_stored_before_reading_times_were_kept_are_counted_once(story_index):
    from importlib import import_module

    from django.apps import apps

    words = "ชาวบ้านร่วมกันปลูกต้นไม้ในป่าชุมชน " * 80
    long_story = published_story(story_index["th"], body=[("paragraph", f"<p>{words}</p>")])
    short_story = published_story(story_index["en"], summary="Rice.", body=[])
    type(long_story).objects.update(reading_minutes=None)
    migration = import_module("news.migrations.0004_story_reading_minutes")
    migration.count_stored_stories(apps, None)
    assert type(long_story).objects.get(pk=long_story.pk).reading_minutes == 3
    assert type(short_story).objects.get(pk=short_story.pk).reading_minutes == 1


def test_a_hostile_title_is_escaped(story_index, client):
    hostile = "<script>alert(1)</script>'; DROP TABLE wagtailcore_page; --"
    story = published_story(story_index["en"], title=hostile, summary=hostile)
    listing = client.get(story_index["en"].url).content.decode()
    page = client.get(story.url).content.decode()
    for html in (listing, page):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&#x27;; DROP" in html


def test_thai_pages_show_buddhist_era_and_english_pages_common_era(story_index, client):
    thai = published_story(story_index["th"])
    english = published_story(story_index["en"])
    published = datetime.datetime(2026, 11, 25, 3, 0, tzinfo=datetime.UTC)
    type(thai).objects.filter(pk__in=[thai.pk, english.pk]).update(
        first_published_at=published, last_published_at=published
    )
    assert "25 พฤศจิกายน 2569" in client.get(thai.url).content.decode()
    html = client.get(english.url).content.decode()
    assert "25 November 2026" in html
    assert "2569" not in html
    assert "Updated" not in html


def test_a_republished_story_shows_when_it_was_updated(story_index, client):
    story = published_story(story_index["en"], days_ago=3)
    story.save_revision().publish()
    html = client.get(story.url).content.decode()
    assert "Updated" in html
    assert timezone.localdate().strftime("%-d %B %Y") in html


def test_corrections_are_shown_with_their_dates(story_index, client):
    story = published_story(
        story_index["th"],
        corrections=[
            StoryCorrection(corrected_on=datetime.date(2026, 11, 24), text="แก้จำนวนผู้เข้าร่วม")
        ],
    )
    html = client.get(story.url).content.decode()
    assert "24 พฤศจิกายน 2569" in html
    assert "แก้จำนวนผู้เข้าร่วม" in html


def test_local_wisdom_shows_the_holder_but_never_the_consent(story_index, client):
    story = published_story(
        story_index["en"],
        kind="local-wisdom",
        holder_name="Mae Boonmee",
        holder_role="Silk weaver",
        holder_village="Ban Chok",
        holder_district="khwao-sinarin",
        practice="weaving-dyeing",
        licence="cc-by-4.0",
        consent_given_by="Consent-Giver-Niece-Somjai",
        consent_date=datetime.date(2026, 10, 1),
        consent_method="recorded",
    )
    html = client.get(story.url).content.decode()
    for shown in ("Mae Boonmee", "Silk weaver", "Ban Chok", "Khwao Sinarin", "Weaving and dyeing"):
        assert shown in html
    assert "CC BY 4.0" in html
    assert "Consent-Giver-Niece-Somjai" not in html
    assert "Agreed on a sound or video recording" not in html
    assert "2026-10-01" not in html and "1 October 2026" not in html
    assert "consent" not in html.lower()


def test_local_wisdom_names_its_choices_in_thai_and_keeps_a_value_no_longer_listed(
    story_index, client
):
    story = published_story(
        story_index["th"],
        kind="local-wisdom",
        holder_name="แม่บุญมี",
        holder_district="khwao-sinarin",
        practice="weaving-dyeing",
    )
    html = client.get(story.url).content.decode()
    assert "เขวาสินรินทร์" in html
    assert "การทอผ้าและย้อมสี" in html

    # A value written before a choice was renamed (no form lets one in) shows as it is.
    type(story).objects.filter(pk=story.pk).update(practice="silk-farming")
    response = client.get(story.url)
    assert response.status_code == 200
    assert "<dd>silk-farming</dd>" in response.content.decode()


def test_culture_story_shows_the_tradition_when_and_where(story_index, client):
    story = published_story(
        story_index["th"],
        kind="culture",
        tradition="แซนโฎนตา",
        occurs_on=datetime.date(2026, 9, 20),
        lunar_timing="แรม ๑๔ ค่ำ เดือน ๑๐",
        place="อำเภอกาบเชิง",
    )
    html = client.get(story.url).content.decode()
    for shown in ("แซนโฎนตา", "20 กันยายน 2569", "แรม ๑๔ ค่ำ เดือน ๑๐", "อำเภอกาบเชิง"):
        assert shown in html


def test_related_stories_share_something_and_never_include_the_story(story_index, client, youth):
    health = factories.TopicFactory(slug="health")
    other_network = factories.NetworkFactory(slug="elderly")
    story = published_story(story_index["th"], networks=[youth], topics=[health], tags=["ช้าง"])
    same_network = published_story(story_index["th"], networks=[youth], days_ago=1)
    same_topic = published_story(story_index["th"], networks=[other_network], topics=[health])
    same_tag = published_story(story_index["th"], networks=[other_network], tags=["ช้าง"])
    unrelated = published_story(story_index["th"], networks=[other_network])
    english = published_story(story_index["en"], networks=[youth])
    html = client.get(story.url).content.decode()
    related = story_ids(html.split('id="related-heading"')[1])
    assert set(related) == {same_network.pk, same_topic.pk, same_tag.pk}
    assert story.pk not in related
    assert unrelated.pk not in related and english.pk not in related


def test_at_most_four_related_stories(story_index, client, youth):
    story = published_story(story_index["th"], networks=[youth])
    for days in range(6):
        published_story(story_index["th"], networks=[youth], days_ago=days + 1)
    html = client.get(story.url).content.decode()
    related = story_ids(html.split('id="related-heading"')[1])
    assert len(related) == 4
    assert story.pk not in related


def test_every_body_block_renders(story_index, client):
    image = factories.CustomImageFactory(caption="ภาพช้าง", credit="ฟ้า")
    document = factories.wagtail_factories.DocumentFactory(title="รายงานประจำปี")
    recording = factories.MediaItemFactory(title="เสียงสัมภาษณ์")
    story = published_story(
        story_index["th"],
        body=[
            ("heading", {"text": "หัวข้อย่อย", "level": "h3"}),
            ("paragraph", "<p>ย่อหน้า <b>ตัวหนา</b></p>"),
            ("image", {"image": image, "caption": "", "credit": ""}),
            (
                "gallery",
                {
                    "title": "ภาพงาน",
                    "images": [
                        {"image": image, "caption": "หนึ่ง", "credit": ""},
                        {"image": image, "caption": "สอง", "credit": ""},
                    ],
                },
            ),
            ("quote", {"text": "ผ้าไหมทุกผืนมีเรื่องเล่า", "attribution": "แม่บุญมี"}),
            ("attachment", {"document": document, "title": ""}),
            ("audio", {"audio": recording, "title": "", "transcript": "ถอดความ"}),
            ("fact_box", {"title": "ข้อเท็จจริง", "body": "<ul><li>สิบคน</li></ul>"}),
        ],
    )
    response = client.get(story.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h3 class="block-heading">หัวข้อย่อย</h3>' in html
    assert "<b>ตัวหนา</b>" in html
    assert "ภาพช้าง" in html and "ฟ้า" in html  # the image's own caption and credit
    assert "หนึ่ง" in html and "สอง" in html
    assert "ผ้าไหมทุกผืนมีเรื่องเล่า" in html and "แม่บุญมี" in html
    assert re.search(r'<a href="/documents/\d+/[^"]+" download>รายงานประจำปี</a>', html)
    assert '<audio class="story-audio__player" controls' in html and "ถอดความ" in html
    assert "เสียงสัมภาษณ์" in html
    assert "<li>สิบคน</li>" in html


def _card_networks(html):
    """{story pk: [network names]} of the cards in ``html``, in the order each card shows them."""
    cards = re.findall(r'data-story="(\d+)"(.*?)</article>', html, flags=re.S)
    return {
        int(pk): re.findall(r'class="story-card__network">([^<]*)<', card) for pk, card in cards
    }


def test_every_card_shows_its_own_networks_in_the_networks_order(story_index, client, youth):
    # The cards' networks are read in one query for the whole list (news.models.queryset's
    # attach_networks), not through Django's prefetch: each card must still get its own.
    farmers = factories.NetworkFactory(slug="farmers", name_th="เครือข่ายเกษตรกร", sort_order=1)
    elderly = factories.NetworkFactory(slug="elderly", name_th="ชมรมผู้สูงอายุ", sort_order=2)
    youth.sort_order = 3
    youth.save()
    story = published_story(story_index["th"], networks=[youth, elderly])
    both = published_story(story_index["th"], networks=[youth, farmers], days_ago=1)
    one = published_story(story_index["th"], networks=[elderly], days_ago=2)
    expected = {
        both.pk: ["เครือข่ายเกษตรกร", "เครือข่ายเยาวชน"],
        one.pk: ["ชมรมผู้สูงอายุ"],
    }

    related = client.get(story.url).content.decode().split('id="related-heading"')[1]
    assert _card_networks(related) == expected
    listing = _card_networks(client.get(story_index["th"].url).content.decode())
    assert listing == {**expected, story.pk: ["ชมรมผู้สูงอายุ", "เครือข่ายเยาวชน"]}


def test_a_card_has_the_same_story_in_every_shape_a_page_draws(story_index, rf, youth):
    story = published_story(
        story_index["th"],
        networks=[youth],
        title="ผ้าไหมบ้านท่าสว่าง",
        hero_image=factories.CustomImageFactory(),
    )
    card = StoryPage.objects.cards().get(pk=story.pk)
    request = rf.get("/th/")
    shapes = {
        "listing": "{% story_card story %}",
        "section": '{% story_card story heading="h3" %}',
        "lead": "{% story_card story lead=True %}",
    }
    html = {
        shape: Template("{% load story_tags %}" + tag).render(
            Context({"story": card, "request": request})
        )
        for shape, tag in shapes.items()
    }
    for shape_html in html.values():
        assert f'<a href="{story.url}">ผ้าไหมบ้านท่าสว่าง</a>' in shape_html
        assert '<span class="story-card__network">เครือข่ายเยาวชน</span>' in shape_html
        assert "<picture>" in shape_html
    assert '<h2 class="story-card__title">' in html["listing"]
    assert '<h3 class="story-card__title">' in html["section"]
    assert 'class="story-card story-card--lead"' in html["lead"]
    assert 'loading="eager"' in html["lead"]  # the home page's first photo
    assert 'loading="lazy"' in html["listing"] and 'loading="lazy"' in html["section"]
    assert "story-card--lead" not in html["listing"] + html["section"]


def test_a_card_escapes_shortens_and_dates_what_a_reporter_wrote(story_index, rf, youth):
    # The card is written in Python (news/templatetags/story_tags.py), not as a template: what a
    # reporter types must still reach the reader escaped, the summary cut at 220 characters.
    summary = "ผ้าไหมมัดหมี่" * 30  # 390 characters
    story = published_story(
        story_index["th"],
        networks=[youth],
        title='ไหม <script>alert("x")</script> & ฝ้าย',
        summary=summary,
        days_ago=3,
    )
    card = StoryPage.objects.cards().get(pk=story.pk)
    html = Template("{% load story_tags %}{% story_card story %}").render(
        Context({"story": card, "request": rf.get("/th/")})
    )
    assert "<script>" not in html
    assert "ไหม &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ฝ้าย</a>" in html
    shown = re.search(r'<p class="story-card__summary">([^<]*)</p>', html).group(1)
    # 220 characters as Django's truncatechars counts them: marks Unicode calls combining (the
    # Thai tone marks here, and the vowels written below a letter) go with their letter.
    assert shown.endswith("…") and summary.startswith(shown[:-1])
    assert sum(1 for char in shown if not unicodedata.combining(char)) == 220
    assert "<picture>" not in html and "story-card__image" not in html  # no photo, no frame
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[\d:]{8}\+07:00">[^<]*25\d\d</time>', html)


def test_a_kept_card_shows_every_change_on_the_next_page(story_index, rf, youth, monkeypatch):
    # Cards are kept per process under everything they show (story_tags.story_card): an edit
    # to the story, its network, its photo or the reader's language is a new card, never a
    # stale one; the same story asked again is not drawn again.
    from django.utils import translation

    from news.templatetags import story_tags

    image = factories.CustomImageFactory(description="ช่างทอผ้าที่กี่")
    story = published_story(
        story_index["th"], networks=[youth], title="ผ้าไหมบ้านท่าสว่าง", hero_image=image
    )
    drawn = []
    draw_card = story_tags.draw_card
    monkeypatch.setattr(
        story_tags, "draw_card", lambda *args: drawn.append(args[0].pk) or draw_card(*args)
    )

    def card():
        return Template("{% load story_tags %}{% story_card story %}").render(
            Context({"story": StoryPage.objects.cards().get(pk=story.pk), "request": rf.get("/")})
        )

    first = card()
    assert "ผ้าไหมบ้านท่าสว่าง</a>" in first and 'alt="ช่างทอผ้าที่กี่"' in first
    assert card() == first and drawn == [story.pk]

    story.title = "ผ้าไหมลายใหม่"
    story.save_revision().publish()
    assert "ผ้าไหมลายใหม่</a>" in card()

    youth.name_th = "เครือข่ายเยาวชนสุรินทร์"
    youth.save()
    assert '<span class="story-card__network">เครือข่ายเยาวชนสุรินทร์</span>' in card()

    image.description = "แม่บุญมีทอผ้า"
    image.save()
    assert 'alt="แม่บุญมีทอผ้า"' in card()

    with translation.override("en"):
        english = card()
    assert '<span class="story-card__network">Youth</span>' in english
    assert ">News<" in english and ">ข่าว<" in card()
    assert len(drawn) == 5  # the last Thai card was kept from the photo's change
