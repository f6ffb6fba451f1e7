"""Editors manage topics and reporter profiles; reporters edit their own profile (issue 13).

Every request goes through the admin as the person would send it, including the addresses and
hand-made requests a user should not be able to use."""

import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from demo import factories
from news.models import ReporterProfile, Topic
from roles.models import EditorialGroup
from tests import roles_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


def refused(response):
    """Wagtail's admin answers a refused request with its dashboard and a message (302 to
    /admin/); our own views answer 403."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def snippet_url(model, view, *args):
    return reverse(f"wagtailsnippets_news_{model}:{view}", args=args)


def profile_data(profile, **overrides):
    data = {
        "display_name": profile.display_name,
        "slug": profile.slug,
        "network": profile.network_id or "",
        "photo": profile.photo_id or "",
        "bio": profile.bio,
        "user": profile.user_id or "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def profiles(world):
    return {
        "youth": factories.ReporterProfileFactory(display_name="ผู้สื่อข่าวเยาวชน", network=world.youth),
        "elderly": factories.ReporterProfileFactory(
            display_name="ผู้สื่อข่าวผู้สูงอายุ", network=world.elderly
        ),
    }


# Topics


@pytest.mark.parametrize("who", ["editor", "chief", "admin"])
def test_editors_list_search_add_edit_and_delete_topics(db, client, world, who):
    client.force_login(getattr(world.people, who))
    factories.TopicFactory(name_th="การเกษตร", name_en="Farming", slug="farming")
    factories.TopicFactory(name_th="สุขภาพ", name_en="Health", slug="health")

    listing = client.get(snippet_url("topic", "list"), {"q": "เกษตร"})
    assert listing.status_code == 200
    assert "การเกษตร" in listing.content.decode() and "สุขภาพ" not in listing.content.decode()

    added = client.post(
        snippet_url("topic", "add"),
        {"name_th": "ป่าชุมชน", "name_en": "Community forest", "slug": ""},
    )
    assert added.status_code == 302
    topic = Topic.objects.get(name_th="ป่าชุมชน")
    assert topic.slug == "community-forest"

    edited = client.post(
        snippet_url("topic", "edit", topic.pk),
        {"name_th": "ป่าชุมชนริมน้ำ", "name_en": "Riverside forest", "slug": topic.slug},
    )
    assert edited.status_code == 302
    topic.refresh_from_db()
    assert topic.name_th == "ป่าชุมชนริมน้ำ"

    assert client.post(snippet_url("topic", "delete", topic.pk)).status_code == 302
    assert not Topic.objects.filter(pk=topic.pk).exists()


def test_a_bad_topic_is_refused_with_a_message_not_an_error(db, client, world):
    client.force_login(world.people.editor)
    factories.TopicFactory(slug="farming")
    response = client.post(
        snippet_url("topic", "add"), {"name_th": "", "name_en": "Farming", "slug": "farming"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"name_th", "slug"}
    assert Topic.objects.filter(slug="farming").count() == 1


def test_reporters_manage_no_topics_or_profiles(db, client, world, profiles):
    client.force_login(world.people.reporter)
    topic = factories.TopicFactory()
    for url in (
        snippet_url("topic", "list"),
        snippet_url("topic", "add"),
        snippet_url("topic", "edit", topic.pk),
        snippet_url("reporterprofile", "list"),
        snippet_url("reporterprofile", "edit", profiles["youth"].pk),
        snippet_url("reporterprofile", "delete", profiles["youth"].pk),
    ):
        assert refused(client.get(url)), url
    own = ReporterProfile.objects.get(user=world.people.reporter)
    assert refused(client.get(snippet_url("reporterprofile", "edit", own.pk)))
    assert refused(client.post(snippet_url("topic", "delete", topic.pk)))
    assert Topic.objects.filter(pk=topic.pk).exists()


# Reporter profiles: a network editor's own network only


def test_a_network_editor_lists_only_their_networks_profiles(db, client, world, profiles):
    client.force_login(world.people.editor)
    html = client.get(snippet_url("reporterprofile", "list")).content.decode()
    assert "ผู้สื่อข่าวเยาวชน" in html and "ผู้สื่อข่าวผู้สูงอายุ" not in html
    searched = client.get(snippet_url("reporterprofile", "list"), {"q": "ผู้สื่อข่าว"})
    assert "ผู้สื่อข่าวผู้สูงอายุ" not in searched.content.decode()

    client.force_login(world.people.chief)
    html = client.get(snippet_url("reporterprofile", "list")).content.decode()
    assert "ผู้สื่อข่าวเยาวชน" in html and "ผู้สื่อข่าวผู้สูงอายุ" in html


@pytest.mark.parametrize("view", ["edit", "delete", "usage", "history"])
def test_another_networks_profile_is_refused_at_every_address(db, client, world, profiles, view):
    client.force_login(world.people.editor)
    other = profiles["elderly"]
    assert refused(client.get(snippet_url("reporterprofile", view, other.pk)))
    own = profiles["youth"]
    assert client.get(snippet_url("reporterprofile", view, own.pk)).status_code == 200


def test_another_networks_profile_cannot_be_changed_or_deleted_by_post(db, client, world, profiles):
    client.force_login(world.people.editor)
    other = profiles["elderly"]
    edit = snippet_url("reporterprofile", "edit", other.pk)
    assert refused(client.post(edit, profile_data(other, display_name="ถูกแก้")))
    assert refused(client.post(snippet_url("reporterprofile", "delete", other.pk)))
    bulk_delete = (
        reverse("wagtail_bulk_action", args=["news", "reporterprofile", "delete"])
        + f"?id={other.pk}&id={profiles['youth'].pk}"
    )
    client.post(bulk_delete)
    other.refresh_from_db()
    assert other.display_name == "ผู้สื่อข่าวผู้สูงอายุ"
    assert not ReporterProfile.objects.filter(pk=profiles["youth"].pk).exists()


def test_unknown_or_malformed_profile_addresses_are_not_found(db, client, world):
    client.force_login(world.people.editor)
    for url in (
        snippet_url("reporterprofile", "edit", 999999),
        "/admin/snippets/news/reporterprofile/edit/abc/",
        "/admin/snippets/choose/news/reporterprofile/chosen/abc/",
    ):
        assert client.get(url, follow=True).status_code == 404, url
    chooser = "/admin/snippets/choose/news/reporterprofile/"
    assert client.get(chooser + "chosen-multiple/", {"id": ["x", "1"]}).status_code == 200


def test_the_chooser_lists_and_returns_only_profiles_in_reach(db, client, world, profiles):
    client.force_login(world.people.editor)
    chooser = "/admin/snippets/choose/news/reporterprofile/"
    html = client.get(chooser).json()["html"]
    assert "ผู้สื่อข่าวเยาวชน" in html and "ผู้สื่อข่าวผู้สูงอายุ" not in html
    other = chooser + f"chosen/{profiles['elderly'].pk}/"
    assert client.get(other, follow=True).status_code == 404
    assert client.get(chooser + f"chosen/{profiles['youth'].pk}/").status_code == 200
    client.force_login(world.people.reporter)
    assert "ผู้สื่อข่าวเยาวชน" not in client.get(chooser).json()["html"]


def test_a_network_editor_edits_and_adds_profiles_of_their_own_network(db, client, world, profiles):
    client.force_login(world.people.editor)
    own = profiles["youth"]
    response = client.post(
        snippet_url("reporterprofile", "edit", own.pk),
        profile_data(own, display_name="ผู้สื่อข่าวเยาวชนคนเก่ง", bio="เขียนเรื่องโรงเรียน"),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.display_name, own.bio) == ("ผู้สื่อข่าวเยาวชนคนเก่ง", "เขียนเรื่องโรงเรียน")

    new = ReporterProfile(display_name="นักข่าวใหม่", network=world.youth)
    response = client.post(snippet_url("reporterprofile", "add"), profile_data(new, slug=""))
    assert response.status_code == 302
    assert ReporterProfile.objects.get(display_name="นักข่าวใหม่").network == world.youth


def test_a_malformed_photo_on_the_editors_form_is_a_message(db, client, world, profiles):
    client.force_login(world.people.editor)
    own = profiles["youth"]
    response = client.post(
        snippet_url("reporterprofile", "edit", own.pk), profile_data(own, photo="abc")
    )
    assert response.status_code == 200 and "photo" in response.context["form"].errors


def test_a_network_editor_cannot_file_a_profile_under_another_network(db, client, world, profiles):
    client.force_login(world.people.editor)
    own = profiles["youth"]
    moved = client.post(
        snippet_url("reporterprofile", "edit", own.pk),
        profile_data(own, network=world.elderly.pk),
    )
    assert moved.status_code == 200 and "network" in moved.context["form"].errors
    added = client.post(
        snippet_url("reporterprofile", "add"),
        profile_data(ReporterProfile(display_name="แอบเพิ่ม"), network=world.elderly.pk),
    )
    assert added.status_code == 200 and "network" in added.context["form"].errors
    linked = client.post(
        snippet_url("reporterprofile", "edit", own.pk),
        profile_data(own, user=world.people.outsider.pk),
    )
    assert linked.status_code == 200 and "user" in linked.context["form"].errors
    own.refresh_from_db()
    assert own.network == world.youth and own.user is None
    assert not ReporterProfile.objects.filter(display_name="แอบเพิ่ม").exists()


def test_setup_roles_grants_editors_the_vocabulary(db, world):
    codenames = {"add_topic", "change_topic", "delete_topic", "change_reporterprofile"}
    for role in (EditorialGroup.Role.NETWORK_EDITOR, EditorialGroup.Role.EDITOR_IN_CHIEF):
        for link in EditorialGroup.objects.filter(role=role):
            granted = set(
                Permission.objects.filter(group=link.group).values_list("codename", flat=True)
            )
            assert codenames <= granted, link.group.name
    for link in EditorialGroup.objects.filter(role=EditorialGroup.Role.REPORTER):
        assert not Permission.objects.filter(
            group=link.group, content_type__app_label="news"
        ).exists()


# A reporter's own profile

MY_PROFILE = "/admin/my-profile/"


def test_a_reporter_edits_their_own_name_pen_name_photo_and_bio(db, client, world):
    reporter = world.people.reporter
    profile = ReporterProfile.objects.get(user=reporter)
    photo = factories.CustomImageFactory(collection=world.collections.youth)
    client.force_login(reporter)
    assert client.get(MY_PROFILE).status_code == 200

    response = client.post(
        MY_PROFILE,
        {
            "first_name": "สมหญิง",
            "last_name": "รักถิ่น",
            "display_name": "หญิงลำดวน",
            "photo": photo.pk,
            "bio": "นักเรียนมัธยมที่ชอบเล่าเรื่องหมู่บ้าน",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    reporter.refresh_from_db()
    assert (profile.display_name, profile.photo, profile.bio) == (
        "หญิงลำดวน",
        photo,
        "นักเรียนมัธยมที่ชอบเล่าเรื่องหมู่บ้าน",
    )
    assert reporter.get_full_name() == "สมหญิง รักถิ่น"


def test_a_forged_request_cannot_change_slug_network_or_account(db, client, world):
    reporter = world.people.reporter
    profile = ReporterProfile.objects.get(user=reporter)
    before = (profile.slug, profile.network_id, profile.user_id)
    client.force_login(reporter)
    response = client.post(
        MY_PROFILE,
        {
            "display_name": "ชื่อใหม่",
            "bio": "",
            "slug": "someone-else",
            "network": world.elderly.pk,
            "user": world.people.outsider.pk,
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.slug, profile.network_id, profile.user_id) == before
    assert profile.display_name == "ชื่อใหม่"


def test_a_reporter_without_a_profile_gets_one_when_they_save(db, client, world):
    outsider = world.people.outsider
    client.force_login(outsider)
    assert client.get(MY_PROFILE).status_code == 200
    assert not ReporterProfile.objects.filter(user=outsider).exists()
    assert client.post(MY_PROFILE, {"display_name": "ยายมี", "bio": ""}).status_code == 302
    profile = ReporterProfile.objects.get(user=outsider)
    assert (profile.display_name, profile.network) == ("ยายมี", world.elderly)
    assert profile.slug


@pytest.mark.parametrize(
    "data, field",
    [
        ({"display_name": "", "bio": ""}, "display_name"),
        ({"display_name": "ก" * 101, "bio": ""}, "display_name"),
        ({"display_name": "ชื่อ", "bio": "ก" * 1001}, "bio"),
        ({"display_name": "ชื่อ", "bio": "", "photo": "abc"}, "photo"),
        ({"display_name": "ชื่อ", "bio": "", "photo": "999999"}, "photo"),
        ({"display_name": "ชื่อ", "bio": "", "first_name": "ก" * 151}, "first_name"),
    ],
)
def test_bad_input_is_a_message_on_the_field_not_an_error(db, client, world, data, field):
    profile = ReporterProfile.objects.get(user=world.people.reporter)
    client.force_login(world.people.reporter)
    response = client.post(MY_PROFILE, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert ReporterProfile.objects.get(pk=profile.pk).display_name == profile.display_name


def test_a_photo_from_another_networks_collection_is_refused(db, client, world):
    elsewhere = factories.CustomImageFactory(collection=world.collections.elderly)
    client.force_login(world.people.reporter)
    response = client.post(MY_PROFILE, {"display_name": "ชื่อ", "bio": "", "photo": elsewhere.pk})
    assert response.status_code == 200 and "photo" in response.context["form"].errors
    shared = factories.CustomImageFactory(collection=world.collections.shared)
    response = client.post(MY_PROFILE, {"display_name": "ชื่อ", "bio": "", "photo": shared.pk})
    assert response.status_code == 302


def test_the_my_profile_screen_is_for_people_who_report(db, client, world):
    client.force_login(world.people.chief)
    assert refused(client.get(MY_PROFILE))
    client.force_login(world.people.reporter)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert MY_PROFILE in dashboard
    client.force_login(world.people.editor)
    assert MY_PROFILE not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_screens_speak_thai(db, client, world, profiles):
    client.force_login(world.people.reporter)
    html = client.get(MY_PROFILE).content.decode()
    for words in ("ประวัตินักข่าวของฉัน", "นามปากกา", "บันทึกประวัติของฉัน"):
        assert words in html, words
    client.force_login(world.people.editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    sidebar = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.DOTALL)
    assert "หมวดเรื่องและนักข่าว" in json.dumps(json.loads(sidebar.group(1)), ensure_ascii=False)
    html = client.get(snippet_url("reporterprofile", "list")).content.decode()
    assert "ประวัตินักข่าว" in html
