"""A reader of the Thai site meets no English interface words.

Every main kind of reader page is rendered in Thai and searched for English words with the
detector the admin test uses (tests/admin_thai.py). A new template string or message that is
not marked for translation, or not yet translated in locale/th, makes this test fail.
"""

import re
from urllib.parse import quote

import pytest
from django.test.utils import override_settings

from demo import factories
from demo.factories import published_story
from news.models import StoryByline
from tests.admin_thai import english_strings

# Text an element marks as English (lang="en") is meant to be English: the "ENG" link of the
# language switch and a network's English name shown under its Thai one.
MARKED_ENGLISH = re.compile(r'<(\w+)\b[^>]*\slang="en"[^>]*>.*?</\1>', re.DOTALL)
# Interface words that stay in Latin letters on purpose: "TH" in the language switch, the feed
# formats offered to feed readers.
ALLOWED = {"TH", "RSS", "Atom"}


def english_on(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), (url, response.status_code)
    html = MARKED_ENGLISH.sub(" ", response.content.decode())
    return english_strings(html, ALLOWED)


@pytest.fixture
def reader_site(site_tree, story_index):
    network = factories.NetworkFactory(
        slug="youth", name_th="เครือข่ายเยาวชน", name_en="Youth Organisations Network"
    )
    topic = factories.TopicFactory(slug="health", name_th="สุขภาพ", name_en="Health")
    reporter = factories.ReporterProfileFactory(display_name="ฟ้า รักถิ่น", slug="fah", network=network)
    image = factories.CustomImageFactory(caption="ช้างในงานประจำปี")
    recording = factories.MediaItemFactory(transcript="เสียงเล่าเรื่องการทอผ้า")
    body = [
        ("heading", {"text": "ที่มาของกลุ่ม", "level": "h2"}),
        ("paragraph", "<p>ชาวบ้านรวมตัวกันทอผ้าไหม</p>"),
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
        ("quote", {"text": "ผ้าทุกผืนมีเรื่องเล่า", "attribution": "แม่บุญมี"}),
        ("audio", {"audio": recording, "title": "", "transcript": ""}),
        ("fact_box", {"title": "ข้อมูลสำคัญ", "body": "<ul><li>สมาชิก 30 คน</li></ul>"}),
    ]
    common = {"networks": [network], "topics": [topic], "reporters": [reporter]}
    stories = {
        kind: published_story(
            story_index["th"],
            kind=kind,
            days_ago=days,
            tags=["ผ้าไหม"],
            district="sangkha",
            hero_image=image,
            body=body,
            title=f"ผ้าไหมบ้านตากลาง ตอนที่ {days + 1}",
            **common,
        )
        for days, kind in enumerate(["news", "local-wisdom", "culture"])
    }
    assert StoryByline.objects.count() == 3
    section = story_index["th"].url
    return {
        "home": "/th/",
        "about": site_tree["about_th"].url,
        "networks": site_tree["networks_th"].url,
        "network": network.get_url("th"),
        "all stories": section,
        **{f"type: {kind}": f"{section}type/{kind}/" for kind in stories},
        "by network": f"{section}network/youth/",
        "by topic": f"{section}topic/health/",
        "by tag": f"{section}tag/{quote('ผ้าไหม')}/",
        "by district": f"{section}district/sangkha/",
        "by reporter": f"{section}reporter/fah/",
        **{f"story: {kind}": story.url for kind, story in stories.items()},
        "search": f"/th/search/?q={quote('ผ้าไหม')}",
        "search, nothing found": f"/th/search/?q={quote('ไม่มีคำนี้เลยแน่นอน')}",
        "search, empty": "/th/search/?q=",
        "search, bad filter": f"/th/search/?q={quote('ผ้าไหม')}&type=nothing",
        "listing that does not exist": f"{section}topic/no-such-topic/",
        "page that does not exist": "/th/no-such-page/",
    }


@override_settings(DEBUG=False)
def test_thai_reader_pages_show_no_english_interface(client, reader_site):
    found = {name: english_on(client, url) for name, url in reader_site.items()}
    assert found == {name: [] for name in found}


def test_the_story_page_really_shows_its_parts_in_thai(client, reader_site):
    """Guards the test above against pages that render empty: the Thai labels are there."""
    html = client.get(reader_site["story: local-wisdom"]).content.decode()
    for thai in ("โดย", "ปราชญ์ชาวบ้าน", "หมวดเรื่อง", "แท็ก", "แชร์เรื่องนี้", "ฟ้า รักถิ่น"):
        assert thai in html, thai


def test_thai_feeds_have_thai_titles_and_descriptions(client, reader_site):
    for url in ("/th/feeds/rss/", "/th/feeds/atom/", "/th/feeds/rss/network/youth/"):
        xml = client.get(url).content.decode()
        texts = re.findall(r"<(?:title|description|subtitle)>([^<]*)<", xml)
        assert texts, url
        assert [text for text in texts if english_strings(f"<p>{text}</p>", ALLOWED)] == []
