"""No admin screen shows a reporter or a network editor the title of another network's draft.

Every Wagtail report and listing that shows page titles is visited as the youth reporter and the
youth editor while the elderly network's draft is the last page edited, locked, using a shared
image, and in review; its title must appear on none of them. Most screens already ask the
permission policy (news.visibility); the rest are shadowed in editorial.hidden_drafts.
"""

import pytest
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page

from tests import roles_world
from tests.test_roles_matrix import _image

OTHER_TITLES = ("ข่าวอื่น other-network draft", "ข่าวรอตรวจ other review")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        newsroom = roles_world.build()
        newsroom.image = _image(newsroom.collections.shared, newsroom.people.outsider)
        other = Page.objects.get(pk=newsroom.stories.other.pk).specific
        other.hero_image = newsroom.image
        other.save()
        other.save_revision(user=newsroom.people.outsider)  # the last page anyone edited
        Page.objects.filter(pk=other.pk).update(locked=True, locked_by=newsroom.people.other_editor)
        yield newsroom
        transaction.set_rollback(True)


def screens(world):
    other = world.stories.other
    review = world.stories.in_review_other
    section = world.section.pk
    bulk = "/admin/bulk/wagtailcore/page/{}/?id={}"
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_reports:page_types_usage_results"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_pages:search") + "?q=other",
        reverse("wagtailadmin_choose_page_search") + "?q=other",
        reverse("wagtailadmin_choose_page_child", args=[section]),
        reverse("wagtailadmin_explore", args=[section]),
        reverse("wagtailadmin_explore", args=[section]) + "?q=other",
        reverse("wagtailadmin_explore", args=[other.pk]),
        reverse("wagtailadmin_explore_results", args=[other.pk]),
        reverse("wagtailadmin_explore", args=[review.pk]),
        reverse("wagtailadmin_pages:type_use", args=["news", "newspage"]),
        reverse("wagtailadmin_pages:usage", args=[other.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[review.pk]),
        reverse("wagtailadmin_pages:history", args=[other.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[other.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[other.pk, "earliest", "latest"]),
        reverse("wagtailimages:image_usage", args=[world.image.pk]),
        reverse("wagtailadmin_api:pages:listing") + f"?child_of={section}",
        reverse("wagtailadmin_api:pages:listing") + "?search=other",
        *(bulk.format(action, other.pk) for action in ("publish", "unpublish", "delete", "move")),
        bulk.format("publish", "all") + f"&childOf={section}",
    ]


@pytest.mark.parametrize("person", ["reporter", "editor"])
def test_no_admin_screen_shows_another_networks_draft(db, client, world, person):
    client.force_login(getattr(world.people, person))
    client.raise_request_exception = False
    leaks = []
    for url in screens(world):
        response = client.get(url)
        assert response.status_code < 500, url
        body = response.content.decode()
        leaks += [(url, title) for title in OTHER_TITLES if title in body]
    assert leaks == []


def test_the_elderly_editor_still_sees_their_draft_everywhere_it_belongs(db, client, world):
    client.force_login(world.people.other_editor)
    other = world.stories.other
    for url in (
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_explore", args=[other.pk]),
        f"/admin/bulk/wagtailcore/page/publish/?id={other.pk}",
    ):
        assert OTHER_TITLES[0] in client.get(url).content.decode(), url


def test_page_types_usage_names_the_last_story_the_user_may_see(db, client, world):
    client.force_login(world.people.editor)
    body = client.get(reverse("wagtailadmin_reports:page_types_usage")).content.decode()
    # the youth network's latest draft took the other network's place
    assert world.stories.in_review.title in body


def test_bulk_confirmation_still_lists_a_visible_story_the_user_may_not_publish(db, client, world):
    client.force_login(world.people.reporter)
    body = client.get(
        f"/admin/bulk/wagtailcore/page/publish/?id={world.stories.own.pk}"
    ).content.decode()
    assert world.stories.own.title in body
