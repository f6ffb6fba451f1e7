"""Two editors save the same story from the same loaded version: both versions survive as
revisions, and the second is told someone saved in between (core.concurrent_edits)."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from demo import factories
from demo.factories import published_story
from tests.roles_world import story_form_data
from tests.story_helpers import build_site_tree


@pytest.fixture
def story_and_editors(db):
    tree = build_site_tree(stories=True)
    network = factories.NetworkFactory(slug="media", name_th="เครือข่ายสื่อ", name_en="Media")
    story = published_story(tree["th"], title="ข่าวงานบุญบั้งไฟ", networks=[network])
    editors = [
        factories.UserFactory(username=name, first_name=first, is_superuser=True, is_staff=True)
        for name, first in (("editor_a", "สมศรี"), ("editor_b", "บุญมี"))
    ]
    return story, editors


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def _edit_form(client, story):
    """The edit form as the editor's browser loaded it, with Wagtail's loaded-revision fields."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert response.status_code == 200
    return {
        **story_form_data(story),
        "loaded_revision_id": str(story.latest_revision_id),
        "loaded_revision_created_at": response.context["loaded_revision_created_at"],
    }


def _warnings(response):
    return [
        str(message) for message in response.context["messages"] if message.level_tag == "warning"
    ]


def test_both_saves_survive_and_only_the_second_editor_is_told(story_and_editors):
    story, (first, second) = story_and_editors
    first_client, second_client = _signed_in(first), _signed_in(second)
    first_form = _edit_form(first_client, story)
    second_form = _edit_form(second_client, story)
    edit_url = reverse("wagtailadmin_pages:edit", args=[story.pk])

    first_saved = first_client.post(edit_url, {**first_form, "title": "ฉบับของสมศรี"}, follow=True)
    second_saved = second_client.post(edit_url, {**second_form, "title": "ฉบับของบุญมี"}, follow=True)

    assert first_saved.status_code == second_saved.status_code == 200
    titles = [revision.content["title"] for revision in story.revisions.order_by("pk")]
    assert titles[-2:] == ["ฉบับของสมศรี", "ฉบับของบุญมี"]
    assert (
        Page.objects.get(pk=story.pk).specific.get_latest_revision_as_object().title == "ฉบับของบุญมี"
    )
    assert _warnings(first_saved) == []
    (told,) = _warnings(second_saved)
    assert told.startswith("สมศรี")


def test_an_editor_saving_twice_in_a_row_is_not_warned(story_and_editors):
    story, (editor, _) = story_and_editors
    client = _signed_in(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    client.post(edit_url, {**_edit_form(client, story), "title": "ร่างแรก"})
    story.refresh_from_db()
    again = client.post(edit_url, {**_edit_form(client, story), "title": "ร่างสอง"}, follow=True)
    assert _warnings(again) == []
