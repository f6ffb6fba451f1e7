"""The permission matrix: roles × actions × stories and media, each cell a real admin request.

``MATRIX`` is the specification. Each row names an action, the story (or collection) it is
tried on, and the people who may do it; everyone else in ``ACTORS`` must be refused. Stories
are named from the youth reporter's point of view: ``own`` (theirs), ``coreported`` (a
colleague's, with them in the byline), ``same`` (a youth colleague's), ``other`` (an elderly
reporter's), ``shared`` (tagged youth and elderly) and the published ``live_own`` and
``live_other``.
"""

import pytest
from django.db import transaction
from django.urls import reverse
from wagtail.models import Page, Revision

from tests import roles_world

ACTORS = ["reporter", "editor", "other_editor", "chief", "admin"]
EDITORS = {"editor", "chief", "admin"}
EVERY_EDITOR = {"editor", "other_editor", "chief", "admin"}
TOP = {"chief", "admin"}

MATRIX = [
    # (action, target, who may)
    ("edit", "own", {"reporter"} | EDITORS),
    ("edit", "coreported", {"reporter"} | EDITORS),
    ("edit", "same", EDITORS),
    ("edit", "other", {"other_editor"} | TOP),
    ("edit", "shared", EVERY_EDITOR),
    ("edit", "live_own", EDITORS),
    ("edit", "live_other", {"other_editor"} | TOP),
    ("preview", "own", {"reporter"} | EDITORS),
    ("preview", "same", EDITORS),
    ("preview", "other", {"other_editor"} | TOP),
    ("history", "own", {"reporter"} | EDITORS),
    ("history", "other", {"other_editor"} | TOP),
    ("compare", "own", {"reporter"} | EDITORS),
    ("compare", "same", EDITORS),
    ("compare", "other", {"other_editor"} | TOP),
    ("copy", "own", {"reporter"} | EDITORS),
    ("copy", "same", EDITORS),
    ("copy", "other", {"other_editor"} | TOP),
    ("publish", "own", EDITORS),
    ("publish", "other", {"other_editor"} | TOP),
    ("publish", "shared", EVERY_EDITOR),
    ("bulk_publish", "own", EDITORS),
    ("bulk_publish", "other", {"other_editor"} | TOP),
    ("revert_publish", "own", EDITORS),
    ("revert_publish", "other", {"other_editor"} | TOP),
    ("copy_publish", "live_own", TOP),
    ("workflow_approve", "in_review", EDITORS),
    ("workflow_approve", "in_review_other", {"other_editor"} | TOP),
    ("workflow_request_changes", "in_review", EDITORS),
    ("save_draft", "own", {"reporter"} | EDITORS),
    ("save_draft", "in_review", EDITORS),
    ("save_draft", "other", {"other_editor"} | TOP),
    ("unpublish", "live_own", EDITORS),
    ("unpublish", "live_other", {"other_editor"} | TOP),
    ("bulk_unpublish", "live_own", EDITORS),
    ("delete", "own", TOP),
    ("delete", "other", TOP),
    ("bulk_delete", "own", TOP),
    ("move", "own", TOP),
    ("lock", "own", EDITORS),
    ("lock", "other", {"other_editor"} | TOP),
    ("see_in_explorer", "own", {"reporter"} | EDITORS),
    ("see_in_explorer", "same", {"reporter"} | EDITORS),
    ("see_in_explorer", "other", {"other_editor"} | TOP),
    ("see_in_explorer", "live_other", set(ACTORS)),
    ("see_in_chooser", "same", {"reporter"} | EDITORS),
    ("see_in_chooser", "other", {"other_editor"} | TOP),
    ("see_in_search", "other", {"other_editor"} | TOP),
    ("see_in_admin_api", "other", {"other_editor"} | TOP),
    ("read_in_admin_api", "other", {"other_editor"} | TOP),
    ("read_in_admin_api", "same", {"reporter"} | EDITORS),
    ("see_in_workflow_report", "in_review_other", {"other_editor"} | TOP),
    ("see_in_site_history", "other", {"other_editor"} | TOP),
    # media: uploading into a collection, choosing from it, the URL generator
    ("upload_image", "youth_collection", {"reporter", "editor", "chief", "admin"}),
    ("upload_image", "elderly_collection", {"other_editor", "chief", "admin"}),
    ("upload_image", "shared_collection", {"editor", "other_editor", "chief", "admin"}),
    ("image_url_generator", "youth_image", TOP),
]

CELLS = [
    pytest.param(action, target, actor, actor in allowed, id=f"{action}-{target}-{actor}")
    for action, target, allowed in MATRIX
    for actor in ACTORS
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    # Built once for the module inside a transaction that is rolled back at the end; each
    # test runs in a savepoint of it, so the actions below never leak into each other.
    with django_db_blocker.unblock(), transaction.atomic():
        newsroom = roles_world.build()
        newsroom.youth_image = _image(newsroom.collections.youth, newsroom.people.reporter)
        yield newsroom
        transaction.set_rollback(True)


def _image(collection, owner):
    from wagtail.images.tests.utils import get_test_image_file

    from media_library.models import CustomImage

    return CustomImage.objects.create(
        title="ภาพทดสอบ", file=get_test_image_file(), collection=collection, uploaded_by_user=owner
    )


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images.tests.utils import get_test_image_file

    content = get_test_image_file().file.getvalue()
    return SimpleUploadedFile("photo.png", content, content_type="image/png")


def _page(world, target):
    return Page.objects.get(pk=getattr(world.stories, target).pk).specific


def _get_ok(client, url):
    return client.get(url).status_code == 200


def _reached(client, url):
    """Past the permission check: a refusal redirects to the dashboard (302) or is a 403.
    A 500 means the view went on to render the story, whose public template belongs to the
    stories feature."""
    return client.get(url).status_code not in (302, 403, 404)


def _listed(response, page):
    # The edit link, not the title: search pages repeat the query (the title) in their form.
    return f"/admin/pages/{page.pk}/" in response.content.decode()


def attempt(client, world, action, target):
    """Tries the action as the logged-in user; True when it happened (or was shown)."""
    if action == "upload_image":
        from media_library.models import CustomImage

        collection = getattr(world.collections, target.removesuffix("_collection"))
        client.post(
            reverse("wagtailimages:add"),
            {"title": "อัปโหลด", "file": _upload(), "collection": collection.pk},
        )
        return CustomImage.objects.filter(title="อัปโหลด", collection=collection).exists()
    if action == "image_url_generator":
        # The guard answers 403 before Wagtail's view runs.
        image = world.youth_image
        urls = [
            reverse("editorial_image_url_generator", args=[image.pk]),
            reverse("editorial_image_url_generator_output", args=[image.pk]) + "?filter=width-9999",
        ]
        return all(client.get(url).status_code != 403 for url in urls)

    page = _page(world, target)
    revisions = list(page.revisions.order_by("created_at").values_list("pk", flat=True))
    if action == "edit":
        return _get_ok(client, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    if action == "preview":
        return _reached(client, reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    if action == "history":
        return _get_ok(client, reverse("wagtailadmin_pages:history", args=[page.pk]))
    if action == "compare":
        url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", "latest"])
        return _get_ok(client, url)
    if action == "copy":
        return _get_ok(client, reverse("wagtailadmin_pages:copy", args=[page.pk]))
    if action == "publish":
        client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            roles_world.story_form_data(page, **{"action-publish": "action-publish"}),
        )
        return Page.objects.get(pk=page.pk).live
    if action == "bulk_publish":
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        client.post(f"{url}?id={page.pk}", {"include_descendants": False})
        return Page.objects.get(pk=page.pk).live
    if action == "revert_publish":
        url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revisions[0]])
        client.post(url, roles_world.story_form_data(page, **{"action-publish": "action-publish"}))
        return Page.objects.get(pk=page.pk).live
    if action == "copy_publish":
        client.post(
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            {
                "new_title": "สำเนา copy",
                "new_slug": "copy-of-live",
                "new_parent_page": world.section.pk,
                "publish_copies": "on",
            },
        )
        return Page.objects.filter(slug="copy-of-live", live=True).exists()
    if action == "save_draft":
        client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            roles_world.story_form_data(page, title="แก้ไขแล้ว edited"),
        )
        return (
            Page.objects.get(pk=page.pk).get_latest_revision().content["title"] == "แก้ไขแล้ว edited"
        )
    if action.startswith("workflow_"):
        name = "approve" if action == "workflow_approve" else "reject"
        task_state = page.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, name, task_state.pk])
        client.post(url, {"comment": "ตรวจแล้ว"})
        page = Page.objects.get(pk=page.pk).specific
        if name == "approve":
            return page.live
        return page.current_workflow_state.status == "needs_changes"
    if action == "unpublish":
        client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
        return not Page.objects.get(pk=page.pk).live
    if action == "bulk_unpublish":
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
        client.post(f"{url}?id={page.pk}", {"include_descendants": False})
        return not Page.objects.get(pk=page.pk).live
    if action == "delete":
        client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        return not Page.objects.filter(pk=page.pk).exists()
    if action == "bulk_delete":
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        client.post(f"{url}?id={page.pk}")
        return not Page.objects.filter(pk=page.pk).exists()
    if action == "move":
        return _get_ok(client, reverse("wagtailadmin_pages:move", args=[page.pk]))
    if action == "lock":
        client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
        return Page.objects.get(pk=page.pk).locked
    if action == "see_in_explorer":
        # Pages one cannot edit are listed without an edit link, so look for the title here.
        response = client.get(reverse("wagtailadmin_explore", args=[world.section.pk]))
        return response.status_code == 200 and page.title in response.content.decode()
    if action == "see_in_chooser":
        response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": page.title})
        return response.status_code == 200 and _listed(response, page)
    if action == "see_in_search":
        response = client.get(reverse("wagtailadmin_pages:search"), {"q": page.title})
        return response.status_code == 200 and _listed(response, page)
    if action == "see_in_admin_api":
        response = client.get(
            reverse("wagtailadmin_api:pages:listing"), {"child_of": world.section.pk}
        )
        return response.status_code == 200 and any(
            item["id"] == page.pk for item in response.json()["items"]
        )
    if action == "read_in_admin_api":
        response = client.get(reverse("wagtailadmin_api:pages:detail", args=[page.pk]))
        return response.status_code == 200 and response.json()["id"] == page.pk
    if action == "see_in_workflow_report":
        response = client.get(reverse("wagtailadmin_reports:workflow"))
        return response.status_code == 200 and page.title in response.content.decode()
    if action == "see_in_site_history":
        response = client.get(reverse("wagtailadmin_reports:site_history"))
        return response.status_code == 200 and page.title in response.content.decode()
    raise AssertionError(f"unknown action {action}")


@pytest.mark.parametrize(("action", "target", "actor", "allowed"), CELLS)
def test_permission_matrix(db, client, world, action, target, actor, allowed):
    client.force_login(getattr(world.people, actor))
    client.raise_request_exception = False
    assert attempt(client, world, action, target) is allowed


def test_matrix_covers_every_story_and_collection(db, world):
    targets = {target for _action, target, _allowed in MATRIX}
    assert {"own", "coreported", "same", "other", "shared", "live_own", "live_other"} <= targets
    assert {"youth_collection", "elderly_collection", "shared_collection"} <= targets


def test_dynamic_image_serving_is_not_mounted_and_the_public_api_shows_no_drafts(db, client, world):
    from django.urls import NoReverseMatch

    from news.models import StoryPage

    with pytest.raises(NoReverseMatch):
        reverse("wagtailimages_serve", args=["sig", 1, "width-10000"])
    response = client.get("/api/v2/pages/?type=news.StoryPage&limit=50")
    assert response.status_code == 200
    listed = {item["id"] for item in response.json()["items"]}
    drafts = set(StoryPage.objects.filter(live=False).values_list("pk", flat=True))
    assert drafts, "the world has drafts to hide"
    assert listed.isdisjoint(drafts)
    assert listed <= set(StoryPage.objects.live().public().values_list("pk", flat=True))


def test_reporter_cannot_tag_another_network(db, client, world):
    page = _page(world, "own")
    client.force_login(world.people.reporter)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        roles_world.story_form_data(page, networks=[world.youth.pk, world.elderly.pk]),
    )
    assert response.status_code == 200
    assert set(_page(world, "own").networks.all()) == {world.youth}


def test_revisions_are_listed_for_compare_only_to_people_on_the_story(db, world):
    page = _page(world, "other")
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() >= 2
    assert not page.permissions_for_user(world.people.reporter).can_view_revisions()
    assert page.permissions_for_user(world.people.other_editor).can_view_revisions()


def test_setup_roles_is_idempotent(db, world):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    from editorial.setup import setup_roles

    def counts():
        return (
            Group.objects.count(),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
        )

    before = counts()
    setup_roles()
    assert counts() == before
