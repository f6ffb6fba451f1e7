"""The newsroom's day through the admin: a story sent back, fixed, sent again and decided.

What the reporter and the editor notice (issue 14): the editor's comment inside the editor,
one way to send the story back, the approve button's label, messages that say what
happened, no reports menu for reporters, and no English on the reporter's Thai dashboard.
"""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from tests import roles_world
from tests.admin_thai import english_strings

COMMENT = "กรุณาเพิ่มชื่อผู้ให้สัมภาษณ์ และวันที่จัดงาน"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def sent_back(world):
    """The reporter's story in review, sent back by the network's editor with a comment."""
    story = world.stories.in_review
    task_state = WorkflowState.objects.for_instance(story).get(status="in_progress")
    task_state = task_state.current_task_state
    task_state.task.specific.on_action(task_state, world.people.editor, "reject", comment=COMMENT)
    return story


def edit_url(story):
    return reverse("wagtailadmin_pages:edit", args=[story.pk])


def action_names(html):
    return set(re.findall(r'name="(action-[\w-]+)"', html))


def test_the_editors_comment_is_inside_the_editor_and_the_status_agrees(db, client, world):
    story = sent_back(world)
    client.force_login(world.people.reporter)
    html = client.get(edit_url(story)).content.decode()
    assert COMMENT in html
    assert "บรรณาธิการส่งเรื่องนี้กลับมาให้คุณแก้ไข" in html
    # The status side panel no longer says "waiting for review" of a story sent back.
    assert "รอตรวจ" not in html.replace(story.title, "")
    assert "ถูกขอให้แก้ไข" in html


def test_the_comment_is_shown_only_while_changes_are_requested(db, client, world):
    client.force_login(world.people.reporter)
    html = client.get(edit_url(world.stories.own)).content.decode()
    assert "บรรณาธิการส่งเรื่องนี้กลับมาให้คุณแก้ไข" not in html


def test_a_reporter_has_one_way_to_send_the_story_back(db, client, world):
    story = sent_back(world)
    client.force_login(world.people.reporter)
    html = client.get(edit_url(story)).content.decode()
    assert "action-cancel-workflow" not in action_names(html)
    assert "action-restart-workflow" not in action_names(html)
    buttons = re.findall(r'<button type="submit" name="action-submit" value="([^"]*)"', html)
    assert [label.strip() for label in buttons] == ["ส่งให้บรรณาธิการตรวจอีกครั้ง"]
    assert "บรรณาธิการเครือข่ายตรวจ)" not in html  # no task name glued to the button


def test_sending_again_puts_the_story_back_in_review(db, client, world):
    story = sent_back(world)
    client.force_login(world.people.reporter)
    data = roles_world.story_form_data(story, **{"action-submit": "action-submit"})
    response = client.post(edit_url(story), data)
    assert response.status_code == 302
    assert WorkflowState.objects.for_instance(story).get(status="in_progress")


def test_the_approve_button_says_publish_once(db, client, world):
    client.force_login(world.people.editor)
    html = client.get(edit_url(world.stories.in_review)).content.decode()
    assert "อนุมัติและเผยแพร่" in html
    assert "เผยแพร่ และเผยแพร่" not in html
    assert "และเผยแพร่ และ" not in html


def test_the_approve_button_in_english(db, client, world):
    prefer(world.people.editor, "en")
    client.force_login(world.people.editor)
    html = client.get(edit_url(world.stories.in_review)).content.decode()
    assert "Approve and Publish" in html
    assert "and publish and Publish" not in html


def decide(client, user, story, action, **extra):
    client.force_login(user)
    data = roles_world.story_form_data(
        story,
        **{
            "action-workflow-action": "true",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps(extra),
        },
    )
    return client.post(edit_url(story), data, follow=True)


def messages_of(response):
    return [str(message.message) for message in response.context["messages"]]


def test_requesting_changes_says_the_story_went_back(db, client, world):
    response = decide(client, world.people.editor, world.stories.in_review, "reject", comment="แก้")
    texts = " ".join(messages_of(response))
    assert "กลับไปให้ผู้สื่อข่าวแก้ไขพร้อมความเห็นของคุณแล้ว" in texts
    assert "บันทึก" not in texts


def test_approving_says_the_story_is_live_with_its_link(db, client, world):
    story = world.stories.in_review
    response = decide(client, world.people.editor, story, "approve", comment="")
    story.refresh_from_db()
    assert story.live
    texts = " ".join(messages_of(response))
    assert "เผยแพร่แล้ว" in texts
    assert story.url in texts
    assert "บันทึก" not in texts


def test_approving_for_later_says_when_in_the_buddhist_era(db, client, world):
    story = world.stories.in_review
    response = decide(
        client,
        world.people.editor,
        story,
        "approve",
        comment="",
        go_live_at="2030-01-15T09:00:00+07:00",
    )
    texts = " ".join(messages_of(response))
    assert "จะเผยแพร่เมื่อ 15 มกราคม 2573 เวลา 09:00 น." in texts


def test_reporters_see_no_reports_menu_editors_do(db, client, world):
    client.force_login(world.people.reporter)
    assert '"name": "reports"' not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(world.people.editor)
    assert '"name": "reports"' in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_reporters_thai_dashboard_has_no_english(db, client, world):
    sent_back(world)
    client.force_login(world.people.reporter)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert COMMENT in html
    # Data, not interface: the accounts' user names and the stories' (partly English) titles.
    data = [user.username for user in vars(world.people).values()]
    data += [story.title for story in vars(world.stories).values()]
    english = {
        text
        for text in english_strings(html, ignore={"localhost"})
        if text != "Search" and not any(item in text for item in data)
    }
    assert not english, english
    for leftover in ("Awaiting", "Changes requested at", "Task started"):
        assert leftover not in html


def test_tabs_are_named_after_the_site_and_no_english_guides(db, client, world):
    client.force_login(world.people.reporter)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.strip().endswith("- เสียงชุมชน")
    assert "Wagtail" not in title
    assert "guide.wagtail.org" not in html


THAI_DATE = re.compile(r"\d{1,2} (?:[ก-๙]+\.?){1,3} (\d{4})")


def test_admin_dates_are_in_the_buddhist_era(db, client, world):
    story = sent_back(world)
    this_year = timezone.localdate().year
    client.force_login(world.people.reporter)
    pages = {
        "dashboard": reverse("wagtailadmin_home"),
        "history": reverse("wagtailadmin_pages:history", args=[story.pk]),
        "listing": reverse("wagtailadmin_explore", args=[world.section.pk]),
        "editor": edit_url(story),
    }
    for name, url in pages.items():
        html = client.get(url).content.decode()
        years = {int(year) for year in THAI_DATE.findall(html)}
        assert years, name
        assert years == {this_year + 543}, (name, years)
    # Dates written for machines stay in the Common Era.
    assert f'datetime="{this_year}-' in client.get(pages["history"]).content.decode()


def test_the_same_path_in_english(db, client, world):
    story = sent_back(world)
    prefer(world.people.reporter, "en")
    client.force_login(world.people.reporter)
    html = client.get(edit_url(story)).content.decode()
    assert "The editor asks for changes" in html
    assert COMMENT in html
    buttons = re.findall(r'<button type="submit" name="action-submit" value="([^"]*)"', html)
    assert [label.strip() for label in buttons] == ["Send to the editor again"]
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.strip().endswith("- Siang Chumchon")
    # English dates stay in the Common Era.
    assert str(timezone.localdate().year + 543) not in html
