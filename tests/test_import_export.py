"""The story import/export commands (docs/import-format.md), as an editor running them sees it."""

import hashlib
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation
from django_tasks import default_task_backend
from PIL import Image as PILImage
from taggit.models import TaggedItemBase  # noqa: F401  (keeps taggit's models loaded)
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backend

from demo import factories
from networks.models import Network
from news.interchange.indexing import index_chunk
from news.models import (
    CultureStoryPage,
    LocalWisdomPage,
    NewsPage,
    ReporterProfile,
    StoryPage,
    Tag,
)

CustomImage = get_image_model()


@pytest.fixture(autouse=True)
def english_messages():
    """The commands speak the site's default language (Thai); these tests read their English
    wording, which is the msgid every translation starts from."""
    with translation.override("en"):
        yield


@pytest.fixture
def stories_site(site_tree, locales):
    """The site_tree with a Thai stories section and its English translation, two networks,
    two topics and two user accounts (one already a reporter)."""
    index_th = factories.StoryIndexPageFactory(parent=site_tree["home_th"], slug="เรื่องราว")
    index_en = index_th.copy_for_translation(locales["en"])
    index_en.title, index_en.slug = "Stories", "stories"
    index_en.save_revision().publish()
    for slug in ("elderly", "youth"):
        factories.NetworkFactory(slug=slug)
    for slug in ("agriculture", "culture"):
        factories.TopicFactory(slug=slug)
    somchai = factories.UserFactory(username="somchai", first_name="สมชาย", last_name="ใจดี")
    factories.UserFactory(username="malee")
    factories.ReporterProfileFactory(user=somchai, display_name="สมชาย ใจดี")
    return {"index_th": index_th, "index_en": index_en.specific}


def published_ids():
    return set(StoryPage.objects.published().values_list("pk", flat=True))


def news_record(**overrides):
    record = {
        "ref": "news-001",
        "type": "news",
        "locale": "th",
        "title": "ชาวบ้านท่าตูมร่วมปลูกป่าริมน้ำมูล",
        "networks": ["elderly"],
    }
    record.update(overrides)
    return record


def write_file(folder, stories, name="stories.json", **top):
    path = folder / name
    path.write_text(json.dumps({"stories": stories, **top}, ensure_ascii=False), "utf-8")
    return path


def run_import(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_stories", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def make_photo(path, colour=(200, 30, 30)):
    PILImage.new("RGB", (40, 30), colour).save(path, "JPEG")
    return path


def test_news_story_is_imported_with_every_common_field(stories_site, tmp_path):
    record = news_record(
        summary="ผู้สูงอายุและเยาวชนปลูกต้นไม้ ๕๐๐ ต้น",
        body=["ย่อหน้าแรก", "ย่อหน้าที่สอง <ไม่ใช่แท็ก>"],
        topics=["agriculture"],
        tags=["น้ำมูล", "ปลูกป่า"],
        district="tha-tum",
        reporters=["somchai", "malee"],
        published_at="2026-03-01T09:30:00+07:00",
        corrections=[{"date": "2026-03-02", "text": "แก้ชื่อหมู่บ้านให้ถูกต้อง"}],
    )
    out, err = run_import(write_file(tmp_path, [record]))

    assert "1" in out and err == ""
    story = NewsPage.objects.get(import_ref="news-001")
    assert story.get_parent().pk == stories_site["index_th"].pk
    assert story.locale.language_code == "th"
    assert story.live and not story.has_unpublished_changes
    assert story.first_published_at == datetime(2026, 3, 1, 2, 30, tzinfo=UTC)
    assert story.last_published_at == story.first_published_at
    assert [block.value.source for block in story.body] == [
        "<p>ย่อหน้าแรก</p>",
        "<p>ย่อหน้าที่สอง &lt;ไม่ใช่แท็ก&gt;</p>",
    ]
    assert [n.slug for n in story.networks.all()] == ["elderly"]
    assert [t.slug for t in story.topics.all()] == ["agriculture"]
    assert sorted(story.tags.names()) == ["น้ำมูล", "ปลูกป่า"]
    assert story.district == "tha-tum"
    reporters = [b.reporter for b in story.bylines.order_by("sort_order")]
    assert [r.display_name for r in reporters] == ["สมชาย ใจดี", "malee"]
    assert reporters[1].user.username == "malee"  # a profile was made for the existing account
    assert [(c.corrected_on, c.text) for c in story.corrections.all()] == [
        (date(2026, 3, 2), "แก้ชื่อหมู่บ้านให้ถูกต้อง")
    ]
    assert story.live_revision == story.latest_revision
    assert story.pk in published_ids()
    assert story.url.startswith("/th/")


def test_local_wisdom_and_culture_stories_get_their_own_fields(stories_site, tmp_path):
    wisdom = news_record(
        ref="wisdom-1",
        type="local_wisdom",
        holder_name="แม่บุญมี ใจดี",
        holder_role="ช่างทอ",
        holder_village="บ้านท่าสว่าง",
        holder_district="mueang-surin",
        practice="weaving-dyeing",
        consent_given_by="แม่บุญมี ใจดี",
        consent_date="2026-01-15",
        consent_method="written",
        licence="cc-by-4.0",
    )
    culture = news_record(
        ref="culture-1",
        type="culture",
        title="งานช้างสุรินทร์ ๒๕๖๙",
        tradition="งานช้างสุรินทร์",
        occurs_on="2026-11-21",
        lunar_timing="สัปดาห์ที่สามของเดือนพฤศจิกายน",
        place="สนามแสดงช้าง",
    )
    run_import(write_file(tmp_path, [wisdom, culture]))

    story = LocalWisdomPage.objects.get(import_ref="wisdom-1")
    assert (story.holder_name, story.practice, story.licence) == (
        "แม่บุญมี ใจดี",
        "weaving-dyeing",
        "cc-by-4.0",
    )
    assert story.consent_date == date(2026, 1, 15) and story.consent_method == "written"
    assert story.holder_district == "mueang-surin" and story.holder_village == "บ้านท่าสว่าง"
    festival = CultureStoryPage.objects.get(import_ref="culture-1")
    assert festival.tradition == "งานช้างสุรินทร์" and festival.occurs_on == date(2026, 11, 21)
    assert festival.place == "สนามแสดงช้าง"


def test_summary_defaults_to_the_start_of_the_body(stories_site, tmp_path):
    run_import(write_file(tmp_path, [news_record(body="<p>" + "ข่าว " * 200 + "</p>")]))
    summary = NewsPage.objects.get().summary
    assert summary.startswith("ข่าว ข่าว") and summary.endswith("…") and len(summary) <= 400


def test_reimporting_a_ref_updates_the_story_instead_of_duplicating_it(stories_site, tmp_path):
    run_import(write_file(tmp_path, [news_record(tags=["เก่า"], topics=["agriculture"])]))
    first = NewsPage.objects.get()

    out, _err = run_import(
        write_file(tmp_path, [news_record(title="หัวข้อใหม่", tags=["ใหม่"], reporters=["malee"])])
    )

    assert "updated 1" in out
    story = NewsPage.objects.get()
    assert story.pk == first.pk and story.title == "หัวข้อใหม่" and story.live
    assert story.first_published_at == first.first_published_at  # no date given: kept
    assert list(story.tags.names()) == ["ใหม่"] and not story.topics.exists()
    assert [b.reporter.user.username for b in story.bylines.all()] == ["malee"]
    assert Revision.objects.filter(object_id=str(story.pk)).count() == 2


def test_translation_is_linked_and_placed_in_the_english_section(stories_site, tmp_path):
    english = news_record(
        ref="news-001-en", locale="en", title="Villagers plant trees", translation_of="news-001"
    )
    # The translation may come before its original in the file.
    run_import(write_file(tmp_path, [english, news_record()]))

    thai = NewsPage.objects.get(import_ref="news-001")
    story = NewsPage.objects.get(import_ref="news-001-en")
    assert story.translation_key == thai.translation_key
    assert story.get_parent().pk == stories_site["index_en"].pk
    assert story.get_translation(thai.locale).pk == thai.pk
    assert story.url.startswith("/en/")

    # A later file may link to a story imported before.
    culture = news_record(ref="news-002", locale="th", title="เรื่องใหม่")
    culture_en = news_record(ref="news-002-en", locale="en", title="New", translation_of="news-002")
    run_import(write_file(tmp_path, [culture]))
    run_import(write_file(tmp_path, [culture_en]))
    assert (
        NewsPage.objects.get(import_ref="news-002-en").translation_key
        == NewsPage.objects.get(import_ref="news-002").translation_key
    )


def test_future_story_is_scheduled_not_live(stories_site, tmp_path):
    moment = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    record = news_record(published_at=moment.isoformat(), reporters=["malee"], tags=["ข่าวล่วงหน้า"])
    run_import(write_file(tmp_path, [record]))

    story = NewsPage.objects.get()
    assert not story.live and story.go_live_at == moment
    assert story.latest_revision.approved_go_live_at == moment
    assert story.pk not in published_ids()

    # When the moment comes, Wagtail's scheduler publishes the imported revision as it is.
    past = timezone.now() - timedelta(minutes=1)
    revision = story.latest_revision
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    NewsPage.objects.filter(pk=story.pk).update(go_live_at=past)
    call_command("publish_scheduled", stdout=io.StringIO())
    story = NewsPage.objects.get()
    assert story.live and story.pk in published_ids()
    assert [b.reporter.user.username for b in story.bylines.all()] == ["malee"]
    assert list(story.tags.names()) == ["ข่าวล่วงหน้า"]


def test_draft_is_saved_but_not_published_or_scheduled(stories_site, tmp_path):
    moment = (timezone.now() + timedelta(days=3)).isoformat()
    run_import(write_file(tmp_path, [news_record(draft=True, published_at=moment)]))

    story = NewsPage.objects.get()
    assert not story.live and story.first_published_at is None
    assert story.latest_revision.approved_go_live_at is None
    assert story.pk not in published_ids()

    # Re-importing a live story as a draft takes it off the site.
    run_import(write_file(tmp_path, [news_record(ref="live-1")]))
    run_import(write_file(tmp_path, [news_record(ref="live-1", draft=True)]))
    assert not NewsPage.objects.get(import_ref="live-1").live


def test_hero_image_is_imported_with_alt_text_and_credit(stories_site, tmp_path):
    (tmp_path / "photos").mkdir()
    make_photo(tmp_path / "photos" / "tree.jpg")
    record = news_record(
        hero_image="photos/tree.jpg",
        hero_image_alt="ชาวบ้านปลูกต้นยางนา",
        hero_image_credit="สมชาย ใจดี",
    )
    run_import(
        write_file(tmp_path, [record, news_record(ref="news-002", hero_image="photos/tree.jpg")])
    )

    story = NewsPage.objects.get(import_ref="news-001")
    image = story.hero_image
    assert isinstance(image, CustomImage)
    assert (image.description, image.credit, image.width, image.height) == (
        "ชาวบ้านปลูกต้นยางนา",
        "สมชาย ใจดี",
        40,
        30,
    )
    assert image.default_alt_text == "ชาวบ้านปลูกต้นยางนา"
    # The same photo used twice, or imported again, is stored once.
    assert NewsPage.objects.get(import_ref="news-002").hero_image == image
    run_import(write_file(tmp_path, [record]))
    assert CustomImage.objects.count() == 1


def test_hostile_html_is_stripped_from_the_body(stories_site, tmp_path):
    body = (
        '<p onclick="steal()">Hello <script>alert(1)</script><b>bold</b> '
        '<a href="javascript:alert(1)">bad</a> <a href="https://example.org">good</a></p>'
        '<style>body{display:none}</style><iframe src="https://evil.example"></iframe>'
        '<h2>Section</h2><img src=x onerror="alert(1)"><blockquote>Words<footer>Yai Mee</footer>'
        "</blockquote>"
    )
    run_import(write_file(tmp_path, [news_record(body=body)]))

    blocks = [(block.block_type, block.value) for block in NewsPage.objects.get().body]
    assert blocks[0][0] == "paragraph"
    html = blocks[0][1].source
    assert html == '<p>Hello <b>bold</b> <a>bad</a> <a href="https://example.org">good</a></p>'
    assert blocks[1][0] == "heading" and blocks[1][1]["text"] == "Section"
    assert blocks[2][0] == "quote" and blocks[2][1]["attribution"] == "Yai Mee"
    assert len(blocks) == 3


def test_unknown_keys_are_reported_not_silently_dropped(stories_site, tmp_path):
    record = news_record(subtitle="x", corrections=[{"date": "2026-01-01", "text": "t", "by": "x"}])
    _out, err = run_import(write_file(tmp_path, [record], version=2))

    assert 'ref "news-001"' in err and '"subtitle"' in err
    assert '"corrections[1].by"' in err and '"version"' in err
    assert NewsPage.objects.filter(import_ref="news-001").exists()


def test_dry_run_checks_without_writing(stories_site, tmp_path):
    out, _err = run_import(write_file(tmp_path, [news_record()]), "--dry-run")
    assert "valid" in out and not StoryPage.objects.exists()


def database_state():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": CustomImage.objects.count(),
        "tags": Tag.objects.count(),
        "profiles": ReporterProfile.objects.count(),
        "titles": sorted(StoryPage.objects.values_list("title", flat=True)),
    }


BAD_FILES = {
    "malformed JSON": ('{"stories": [', "not valid JSON"),
    "not UTF-8": (b'{"stories": ["\xff"]}', "not UTF-8"),
    "top level is a list": ("[]", '"stories" list'),
    "stories is not a list": ('{"stories": {}}', '"stories" list'),
    "record is not an object": ('{"stories": ["x"]}', "story #1 (no ref): must be a JSON object"),
}
BAD_RECORDS = {
    "missing title": ({"title": None}, 'story #2 (ref "bad-1"), field "title": is required'),
    "title of 5,000 characters": (
        {"title": "ก" * 5000},
        'field "title": has 5000 characters; at most 255',
    ),
    "no networks": ({"networks": []}, 'field "networks": must list at least one'),
    "networks not a list": ({"networks": "elderly"}, 'field "networks": must be a list'),
    "unknown network": ({"networks": ["nowhere"]}, 'no member network has slug "nowhere"'),
    "unknown topic": ({"topics": ["nothing"]}, 'no topic has slug "nothing"'),
    "unknown user": ({"reporters": ["ghost"]}, 'no user account has the name "ghost"'),
    "unknown type": ({"type": "poem"}, 'field "type": "poem" is not one of'),
    "unknown locale": ({"locale": "fr"}, 'field "locale": "fr" is not one of'),
    "unknown district": ({"district": "bangkok"}, 'field "district": "bangkok"'),
    "date without offset": (
        {"published_at": "2026-03-01T09:30:00"},
        'field "published_at": "2026-03-01T09:30:00" has no UTC offset',
    ),
    "not a date": ({"published_at": "yesterday"}, 'field "published_at": "yesterday" is not'),
    "bad correction date": (
        {"corrections": [{"date": "32/13/2026", "text": "x"}]},
        'field "corrections[1].date"',
    ),
    "draft not a boolean": ({"draft": "yes"}, 'field "draft": must be true or false'),
    "body of wrong type": ({"body": 5}, 'field "body": must be an HTML string'),
    "bad practice": (
        {"type": "local_wisdom", "holder_name": "x", "practice": "magic"},
        'field "practice": "magic"',
    ),
    "field of another type": ({"tradition": "x"}, 'field "tradition": belongs to another'),
    "duplicate ref": ({"ref": "good-1"}, 'field "ref": the same ref is already used by story #1'),
    "translation of unknown ref": (
        {"translation_of": "missing"},
        'no story in this file or on the site has the ref "missing"',
    ),
    "translation in the same language": (
        {"translation_of": "good-1"},
        '"good-1" is in the same language',
    ),
    "image outside the folder": ({"hero_image": "../secret.jpg"}, "outside the folder"),
    "absolute image path": ({"hero_image": "/etc/passwd"}, "outside the folder"),
    "missing image": ({"hero_image": "nope.jpg"}, '"nope.jpg" does not exist'),
    "image that is not an image": ({"hero_image": "notes.jpg"}, "not an image Wagtail accepts"),
    "alt without image": ({"hero_image_alt": "x"}, 'field "hero_image_alt": needs "hero_image"'),
}


@pytest.mark.parametrize("content, expected", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_broken_file_is_refused_with_a_clear_message(stories_site, tmp_path, content, expected):
    path = tmp_path / "stories.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = database_state()
    with pytest.raises(CommandError, match="Nothing was imported") as error:
        run_import(path)
    assert expected in str(error.value)
    assert database_state() == before


@pytest.mark.parametrize("change, expected", BAD_RECORDS.values(), ids=BAD_RECORDS.keys())
def test_one_bad_record_leaves_the_database_unchanged(stories_site, tmp_path, change, expected):
    (tmp_path / "notes.jpg").write_text("not a photo")
    (tmp_path.parent / "secret.jpg").write_bytes(b"")
    make_photo(tmp_path / "good.jpg")
    good = news_record(ref="good-1", hero_image="good.jpg", tags=["ใหม่เอี่ยม"], reporters=["malee"])
    bad = {
        key: value
        for key, value in {**news_record(ref="bad-1"), **change}.items()
        if value is not None
    }
    before = database_state()

    with pytest.raises(CommandError) as error:
        run_import(write_file(tmp_path, [good, bad]))

    assert expected in str(error.value)
    assert database_state() == before
    assert not any(tmp_path.glob("**/original_images/*"))


def test_a_language_without_stories_section_is_refused(site_tree, tmp_path):
    factories.StoryIndexPageFactory(parent=site_tree["home_th"], slug="เรื่องราว")
    factories.NetworkFactory(slug="elderly")
    with pytest.raises(CommandError, match='no stories section in "en"'):
        run_import(write_file(tmp_path, [news_record(locale="en")]))
    assert not StoryPage.objects.exists()


def test_failure_while_writing_rolls_everything_back(stories_site, tmp_path, monkeypatch, settings):
    from news.interchange import importing

    make_photo(tmp_path / "a.jpg")
    original = importing.StoryWriter.write_page

    def fail_on_second(self, record):
        if record.index == 2:
            raise importing.ValidationError("disk on fire")
        return original(self, record)

    monkeypatch.setattr(importing.StoryWriter, "write_page", fail_on_second)
    before = database_state()
    media = Path(settings.MEDIA_ROOT)
    files_before = {path for path in media.rglob("*") if path.is_file()}
    with pytest.raises(CommandError, match=r'story #2 \(ref "two"\) could not be saved'):
        run_import(write_file(tmp_path, [news_record(hero_image="a.jpg"), news_record(ref="two")]))
    assert database_state() == before
    # no photo and no small copy made from it is left behind
    assert {path for path in media.rglob("*") if path.is_file()} == files_before


# Round trip -----------------------------------------------------------------------------------


def story_snapshot():
    """Everything a reader or editor would notice about every story, keyed by ref."""
    snapshot = {}
    for story in StoryPage.objects.specific().order_by("pk"):
        content = story if story.live else story.get_latest_revision_as_object()
        group = sorted(
            s.import_ref for s in StoryPage.objects.filter(translation_key=story.translation_key)
        )
        image = content.hero_image
        snapshot[story.import_ref] = {
            "type": type(story).__name__,
            "locale": story.locale.language_code,
            "parent": story.get_parent().specific.locale.language_code,
            "title": content.title,
            "summary": content.summary,
            "body": content.body.get_prep_value()
            and [
                (b.block_type, b.value.source if b.block_type == "paragraph" else dict(b.value))
                for b in content.body
            ],
            "networks": sorted(n.slug for n in content.networks.all()),
            "topics": sorted(t.slug for t in content.topics.all()),
            "tags": sorted(content.tags.names()),
            "district": content.district,
            "reporters": [b.reporter.user.username for b in content.bylines.all()],
            "live": story.live,
            "first_published_at": story.first_published_at,
            "go_live_at": content.go_live_at,
            "scheduled": story.revisions.filter(approved_go_live_at__isnull=False).exists(),
            "translations": group,
            "image": image
            and (
                hashlib.sha256(image.file.open("rb").read()).hexdigest(),
                image.description,
                image.credit,
            ),
            "corrections": [(c.corrected_on, c.text) for c in content.corrections.all()],
            "specific": {
                key: getattr(content, key)
                for key in ("holder_name", "practice", "consent_date", "tradition", "occurs_on")
                if hasattr(content, key)
            },
        }
    return snapshot


def empty_the_site():
    for story in StoryPage.objects.all():
        story.delete()
    CustomImage.objects.all().delete()
    Tag.objects.all().delete()


def test_export_then_import_into_an_empty_site_gives_back_every_story(stories_site, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    make_photo(source / "a.jpg")
    make_photo(source / "b.jpg", colour=(10, 120, 10))
    future = (timezone.now() + timedelta(days=10)).replace(microsecond=0).isoformat()
    run_import(
        write_file(
            source,
            [
                news_record(
                    summary="สรุป",
                    body='<p>ย่อหน้า <b>หนา</b> <a href="https://example.org">ลิงก์</a></p>'
                    "<h3>หัวข้อย่อย</h3><blockquote><p>คำพูด</p><footer>ยายมี</footer></blockquote>",
                    topics=["agriculture", "culture"],
                    tags=["น้ำมูล", "ป่าชุมชน"],
                    district="tha-tum",
                    reporters=["somchai", "malee"],
                    published_at="2026-03-01T09:30:00+07:00",
                    hero_image="a.jpg",
                    hero_image_alt="ป่าริมน้ำ",
                    hero_image_credit="สมชาย",
                    corrections=[{"date": "2026-03-02", "text": "แก้ตัวเลข"}],
                ),
                news_record(
                    ref="news-001-en",
                    locale="en",
                    title="Trees along the Mun",
                    translation_of="news-001",
                    hero_image="a.jpg",
                    published_at="2026-03-02T10:00:00+07:00",
                ),
                news_record(
                    ref="wisdom-1",
                    type="local_wisdom",
                    holder_name="แม่บุญมี",
                    practice="herbal-medicine",
                    consent_date="2026-01-15",
                    tags=["สมุนไพร"],
                    reporters=["malee"],
                    topics=["culture"],
                    corrections=[{"date": "2026-02-01", "text": "แก้ชื่อสมุนไพร"}],
                    draft=True,
                    hero_image="b.jpg",
                ),
                news_record(
                    ref="culture-1",
                    type="culture",
                    tradition="บุญบั้งไฟ",
                    occurs_on="2026-05-10",
                    published_at=future,
                    networks=["elderly", "youth"],
                ),
            ],
        )
    )
    # A story written in the admin, never imported, travels too.
    admin_story = NewsPage(
        title="เขียนในระบบ", summary="สรุป", locale=stories_site["index_th"].locale
    )
    admin_story.networks.set([Network.objects.get(slug="youth")])
    stories_site["index_th"].add_child(instance=admin_story)
    admin_story.save_revision().publish()
    admin_ref = f"th-{admin_story.translation_key}"
    StoryPage.objects.filter(pk=admin_story.pk).update(import_ref=admin_ref)
    before = story_snapshot()
    StoryPage.objects.filter(pk=admin_story.pk).update(import_ref=None)

    export = tmp_path / "out" / "export.json"
    export.parent.mkdir()
    out = io.StringIO()
    call_command("export_stories", str(export), stdout=out)
    assert "5 stories and 2 images" in out.getvalue()
    exported = json.loads(export.read_text("utf-8"))
    assert {r["ref"] for r in exported["stories"]} == {
        "news-001",
        "news-001-en",
        "wisdom-1",
        "culture-1",
        admin_ref,
    }
    assert all(
        (export.parent / r["hero_image"]).is_file()
        for r in exported["stories"]
        if "hero_image" in r
    )

    empty_the_site()
    assert not StoryPage.objects.exists()
    run_import(export)

    assert story_snapshot() == before
    # Exporting the re-imported site gives the same file, image names aside.
    again = tmp_path / "out" / "again.json"
    call_command("export_stories", str(again), stdout=io.StringIO())

    def without_image_names(data):
        return [{k: v for k, v in r.items() if k != "hero_image"} for r in data["stories"]]

    assert without_image_names(json.loads(again.read_text("utf-8"))) == without_image_names(
        exported
    )


def test_export_reports_a_folder_that_does_not_exist(stories_site, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_stories", str(tmp_path / "missing" / "x.json"))


def test_imported_story_opens_in_the_admin_with_its_history(stories_site, tmp_path, client):
    record = news_record(tags=["น้ำมูล"], reporters=["somchai"], topics=["culture"])
    run_import(write_file(tmp_path, [record]))
    story = NewsPage.objects.get()
    admin = factories.UserFactory(username="boss", is_staff=True, is_superuser=True)
    client.force_login(admin)

    edit = client.get(f"/admin/pages/{story.pk}/edit/")
    history = client.get(f"/admin/pages/{story.pk}/history/")

    assert edit.status_code == 200 and "น้ำมูล" in edit.content.decode()
    assert history.status_code == 200
    actions = PageLogEntry.objects.filter(page=story).order_by("timestamp")
    assert list(actions.values_list("action", flat=True)) == ["wagtail.create", "wagtail.publish"]
    revision_story = story.latest_revision.as_object()
    assert [b.reporter.user.username for b in revision_story.bylines.all()] == ["somchai"]
    assert list(revision_story.tags.names()) == ["น้ำมูล"]
    assert [t.slug for t in revision_story.topics.all()] == ["culture"]


# The import contract (docs/import-format.md): a story needs only ref, type, locale, title and
# networks; a file the contract allows is never refused.
MINIMAL = {
    "news": NewsPage,
    "local_wisdom": LocalWisdomPage,
    "culture": CultureStoryPage,
}


@pytest.mark.parametrize("kind", MINIMAL)
def test_a_story_with_only_the_required_keys_imports_for_every_type(stories_site, tmp_path, kind):
    record = news_record(ref=f"only-required-{kind}", type=kind)
    assert set(record) == {"ref", "type", "locale", "title", "networks"}

    output, _warnings = run_import(write_file(tmp_path, [record]))

    story = MINIMAL[kind].objects.get(import_ref=record["ref"])
    assert "Imported 1 new" in output
    assert story.title == record["title"]
    assert story.live


@pytest.mark.parametrize("kind", ["local_wisdom", "culture"])
def test_a_story_imported_without_its_type_fields_reads_well_and_asks_the_editor(
    stories_site, tmp_path, client, kind
):
    run_import(write_file(tmp_path, [news_record(ref="bare", type=kind)]))
    story = MINIMAL[kind].objects.get(import_ref="bare")

    page = client.get(story.url)
    assert page.status_code == 200
    assert "<dd></dd>" not in page.content.decode()  # no label without its value

    client.force_login(factories.UserFactory(username="chief", is_superuser=True, is_staff=True))
    edit = client.get(f"/admin/pages/{story.pk}/edit/")
    assert edit.status_code == 200
    required = "holder_name" if kind == "local_wisdom" else "tradition"
    assert f'name="{required}"' in edit.content.decode()
    assert edit.context["form"].fields[required].required


def test_local_wisdom_without_recorded_consent_is_imported_and_reported(stories_site, tmp_path):
    without = news_record(ref="wisdom-no-consent", type="local_wisdom", holder_name="ยายแก้ว")
    given = news_record(
        ref="wisdom-consent",
        type="local_wisdom",
        title="การย้อมผ้าด้วยมะเกลือ",
        consent_given_by="ยายแก้ว",
        consent_method="recorded",
    )

    output, report = run_import(write_file(tmp_path, [without, given]))

    assert "Imported 2 new" in output
    assert "no recorded consent" in report
    assert f"wisdom-no-consent: {without['title']}" in report
    assert "wisdom-consent:" not in report
    assert LocalWisdomPage.objects.get(import_ref="wisdom-no-consent").live


def test_a_dry_run_reports_missing_consent_too(stories_site, tmp_path):
    record = news_record(ref="wisdom-dry", type="local_wisdom")

    _output, report = run_import(write_file(tmp_path, [record]), "--dry-run")

    assert "wisdom-dry:" in report
    assert not LocalWisdomPage.objects.exists()


def test_a_large_import_leaves_search_indexing_to_the_task_queue(stories_site, tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    records = [news_record(ref=f"bulk-{n}", title=f"ปลาบึกแม่น้ำมูลตัวที่ {n}") for n in range(3)]

    run_import(write_file(tmp_path, records))

    def found():
        return get_search_backend().search("ปลาบึก", NewsPage.objects.live()).count()

    assert found() == 0  # the import answered before indexing
    queued = list(default_task_backend.results)
    assert {result.task.name for result in queued} == {index_chunk.name}
    for result in queued:
        index_chunk.call(*result.args)
        index_chunk.call(*result.args)  # twice: harmless
    assert found() == 3
