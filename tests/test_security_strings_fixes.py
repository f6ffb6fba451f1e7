"""Each escaping fix on its own, next to the finding it answers (the hostile-strings suite,
tests/test_security_strings.py, covers them all together). A separate module: these tests
build their own site tree, which the suite's module-wide one would collide with."""

import html
import json

from demo import factories
from tests.test_security_strings import ATOM, audit_xml, get, xml_texts

FINDING_3 = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_a_feed_summary_reaches_feed_readers_as_text_never_as_markup(story_index, client):
    """Finding 3: the plain-text summary went out unescaped in RSS <description> and Atom
    <summary type="html">, where feed readers read it as HTML."""
    import feedparser

    network = factories.NetworkFactory(slug="finding-3")
    audio = factories.MediaItemFactory()
    factories.published_story(
        story_index["th"],
        networks=[network],
        title="เรื่องทดสอบ",
        summary=FINDING_3,
        body=json.dumps(
            [{"type": "audio", "value": {"audio": audio.pk, "title": "", "transcript": ""}}]
        ),
    )
    rss = audit_xml(get(client, "/th/feeds/rss/", "rss").content, "rss")
    [description] = [d for d in xml_texts(rss, "description") if "alert" in d]
    assert description == html.escape(FINDING_3)
    atom = audit_xml(get(client, "/th/feeds/atom/", "atom").content, "atom")
    [summary] = atom.iter(f"{ATOM}summary")
    assert summary.get("type") == "html" and summary.text == html.escape(FINDING_3)
    for path in ("/th/feeds/rss/", "/th/feeds/atom/"):
        [entry] = feedparser.parse(client.get(path).content).entries
        assert entry.summary == html.escape(FINDING_3)  # feedparser keeps escaped HTML as is
    podcast = audit_xml(get(client, "/th/podcast/finding-3/", "podcast").content, "podcast")
    itunes = "{http://www.itunes.com/dtds/podcast-1.0.dtd}summary"
    assert [d for d in xml_texts(podcast, "description") if "alert" in d] == [
        html.escape(FINDING_3)
    ]
    assert FINDING_3 in xml_texts(podcast, itunes)  # plain text, as Apple's spec wants


def test_every_notifier_writes_a_one_line_subject():
    """Fails if Wagtail (8.0.1 checked) connects a notifier our OneLineSubjectMixin misses."""
    from wagtail.admin.mail import EmailNotificationMixin
    from wagtail.signals import (
        page_published,
        task_submitted,
        workflow_approved,
        workflow_rejected,
        workflow_submitted,
    )

    from editorial.notifications import WAGTAIL_NOTIFIERS, OneLineSubjectMixin

    receivers = [
        receiver[1]
        for signal in (
            task_submitted,
            workflow_submitted,
            workflow_approved,
            workflow_rejected,
            page_published,
        )
        for receiver in signal.receivers
    ]
    notifiers = [r for r in receivers if isinstance(r, EmailNotificationMixin)]
    assert len(notifiers) >= len(WAGTAIL_NOTIFIERS) + 4
    assert all(isinstance(notifier, OneLineSubjectMixin) for notifier in notifiers)


def test_an_api_offset_past_any_listing_is_a_clear_400(story_index, client):
    for endpoint in ("pages", "images", "documents"):
        response = client.get(f"/api/v2/{endpoint}/?offset={'9' * 40}")
        assert response.status_code == 400
        assert "offset" in response.json()["message"]


def test_a_title_of_symbols_only_still_gets_an_address(story_index):
    story = factories.NewsPageFactory(parent=story_index["th"], title=":*", slug="")
    assert story.slug == "page" and story.url


def test_the_safe_html_rule_keeps_what_the_editor_makes():
    from thai_text.escaping import clean_html, one_line, plain_text_html, xml_text

    editor_html = (
        '<h2>หัวข้อ</h2><p><b>ตัวหนา</b> <i>เอียง</i> <a href="/th/">หน้าแรก</a> '
        '<a href="mailto:a@example.org">อีเมล</a></p><ul><li>หนึ่ง</li></ul><hr>'
        '<img alt="ภาพ" class="richtext-image left" height="100" src="/media/x.jpg" width="100">'
        '<div class="responsive-object"><iframe src="https://www.youtube.com/embed/x" '
        'width="480" height="270" allowfullscreen></iframe></div>'
    )
    assert clean_html(editor_html) == editor_html.replace("<hr>", "<hr>").replace(
        "allowfullscreen>", 'allowfullscreen="">'
    )
    assert (
        clean_html('<a href="java\tscript:alert(1)" onclick="x">a</a><svg onload=x>') == "<a>a</a>"
    )
    assert plain_text_html("<b>&") == "&lt;b&gt;&amp;"
    # Cleaned once per process up to 10,000 characters: asked again, and longer, the same rule.
    hostile = '<p onclick="x">ข่าว<script>alert(1)</script></p>'
    assert clean_html(hostile) == clean_html(hostile) == "<p>ข่าว</p>"
    long_text = hostile * 400
    assert len(long_text) > 10_000 and clean_html(long_text) == "<p>ข่าว</p>" * 400
    assert xml_text("a\x00b\x01c\ud800d\ufffee\tf") == "abcde\tf"
    assert one_line("ข่าว\r\nBcc: x@example.org\u2028y") == "ข่าว Bcc: x@example.org y"


def test_a_title_with_a_control_character_leaves_the_news_sitemap_readable(story_index, client):
    """Found by the slow tier: a title holding U+0001 (which XML 1.0 cannot carry) made the news
    sitemap unreadable for every search engine, for every story in it."""
    network = factories.NetworkFactory(slug="control-title")
    factories.published_story(story_index["th"], networks=[network], title="ข่าว\x01ชุมชน")
    sitemap = audit_xml(get(client, "/news-sitemap.xml", "news sitemap").content, "news sitemap")
    titles = xml_texts(sitemap, "{http://www.google.com/schemas/sitemap-news/0.9}title")
    assert titles == ["ข่าวชุมชน"]
