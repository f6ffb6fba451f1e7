"""The story form as reporters and editors send it: bylines, typed dates, incomplete requests,
refused requests, and the controls' names (issue 14)."""

import datetime
import json
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset

from demo import factories
from news.models import CultureStoryPage, LocalWisdomPage, ReporterProfile, StoryByline
from tests import roles_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


def add_url(world, model="newspage"):
    return reverse("wagtailadmin_pages:add", args=["news", model, world.section.pk])


def new_story_data(world, title, **overrides):
    overrides.setdefault("networks", [world.youth.pk])
    page = SimpleNamespace(
        title=title, slug="", summary="สรุปข่าว", networks=SimpleNamespace(all=list)
    )
    return roles_world.story_form_data(page, **overrides)


# 3. Bylines


def test_a_reporters_new_story_is_by_them(db, client, world):
    client.force_login(world.people.reporter)
    html = client.get(add_url(world)).content.decode()
    profile = ReporterProfile.objects.get(user=world.people.reporter)
    assert re.search(rf'<option value="{profile.pk}"[^>]*selected', html)
    response = client.post(add_url(world), new_story_data(world, "ข่าวมีผู้เขียน"))
    assert response.status_code == 302
    story = Page.objects.get(title="ข่าวมีผู้เขียน").specific
    assert [byline.reporter for byline in story.bylines.all()] == [profile]
    # ...and it is still theirs in the revision that will be published.
    assert story.get_latest_revision_as_object().bylines.all()[0].reporter == profile


def test_a_reporter_without_a_profile_gets_one_with_their_first_story(db, client, world):
    client.force_login(world.people.outsider)
    assert not ReporterProfile.objects.filter(user=world.people.outsider).exists()
    data = new_story_data(world, "ข่าวแรกของฉัน", networks=[world.elderly.pk])
    assert client.post(add_url(world), data).status_code == 302
    profile = ReporterProfile.objects.get(user=world.people.outsider)
    assert profile.network == world.elderly
    story = Page.objects.get(title="ข่าวแรกของฉัน").specific
    assert [byline.reporter for byline in story.bylines.all()] == [profile]


def test_the_reporter_chooser_offers_only_their_networks_reporters(db, client, world):
    own = ReporterProfile.objects.get(user=world.people.reporter)
    other = factories.ReporterProfileFactory(display_name="นักข่าวผู้สูงอายุ", network=world.elderly)
    client.force_login(world.people.reporter)
    html = client.get(add_url(world)).content.decode()
    assert f'value="{own.pk}"' in html
    assert "นักข่าวผู้สูงอายุ" not in html
    client.force_login(world.people.chief)
    assert "นักข่าวผู้สูงอายุ" in client.get(add_url(world)).content.decode()
    assert other.pk


def test_the_server_refuses_another_networks_reporter(db, client, world):
    other = factories.ReporterProfileFactory(display_name="นักข่าวคนอื่น", network=world.elderly)
    client.force_login(world.people.reporter)
    data = new_story_data(world, "ข่าวแอบใส่ชื่อ", bylines=inline_formset([{"reporter": other.pk}]))
    response = client.post(add_url(world), data)
    assert response.status_code == 200
    assert "เลือกผู้สื่อข่าวในเครือข่ายของคุณเอง" in response.content.decode()
    assert not StoryByline.objects.filter(reporter=other).exists()


# 9. An incomplete request


def test_publishing_a_hand_made_request_is_a_form_error_not_a_500(db, client, world):
    client.force_login(world.people.editor)
    story = world.stories.same
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    response = client.post(url, {"title": "แก้ไขด้วยมือ", "action-publish": "action-publish"})
    assert response.status_code == 200
    errors = response.context["form"].errors["body"]
    assert "ข้อความของเรื่องส่งมาไม่ครบ" in str(errors.as_data()[0].non_block_errors)
    story.refresh_from_db()
    assert story.title != "แก้ไขด้วยมือ"
    assert not story.live


# 4. The 403 page


def test_a_refused_admin_request_gets_a_real_page_in_thai_and_english(db, client, world):
    client.force_login(world.people.reporter)
    image = factories.CustomImageFactory(collection=world.collections.youth)
    response = client.get(reverse("editorial_image_url_generator", args=[image.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "คุณเปิดหน้านี้ไม่ได้" in html
    assert "You cannot open this page" in html
    assert 'href="/admin/"' in html
    assert "403 Forbidden" not in html


# 7. Buddhist-Era dates typed into forms


def test_date_fields_show_the_buddhist_era_in_thai(db, client, world):
    client.force_login(world.people.chief)
    story = factories.CultureStoryPageFactory(
        parent=world.section, networks=[world.youth], occurs_on=datetime.date(2026, 11, 20)
    )
    html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert 'value="2569-11-20"' in html
    assert '"yearOffset": 543' in html


@pytest.mark.parametrize("typed", ["2569-11-20", "2026-11-20"])
def test_a_typed_date_is_stored_right_in_either_era(db, client, world, typed):
    client.force_login(world.people.chief)
    data = new_story_data(
        world,
        f"งานช้าง {typed}",
        tradition="งานช้างสุรินทร์",
        occurs_on=typed,
        go_live_at=typed.replace("-20", "-01") + " 09:00",
    )
    response = client.post(add_url(world, "culturestorypage"), data)
    assert response.status_code == 302, response.context["form"].errors
    story = CultureStoryPage.objects.get(title=f"งานช้าง {typed}")
    assert story.occurs_on == datetime.date(2026, 11, 20)
    assert story.go_live_at.year == 2026


def test_consent_date_in_the_buddhist_era(db, client, world):
    client.force_login(world.people.chief)
    data = new_story_data(
        world,
        "ภูมิปัญญาผ้าไหม",
        holder_name="แม่บุญมี",
        practice="weaving-dyeing",
        licence="cc-by-nc-4.0",
        consent_date="2569-03-05",
    )
    response = client.post(add_url(world, "localwisdompage"), data)
    assert response.status_code == 302, response.context["form"].errors
    assert LocalWisdomPage.objects.get(title="ภูมิปัญญาผ้าไหม").consent_date == datetime.date(
        2026, 3, 5
    )


def test_the_approve_forms_publish_time_reads_either_era():
    from editorial.forms import ApproveForm

    form = ApproveForm({"go_live_at": "2573-01-15 09:00"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["go_live_at"].year == 2030


# 10 and 6. Names for the editor's controls; the title that wraps


def test_the_editors_controls_have_names(db, client, world):
    client.force_login(world.people.reporter)
    html = client.get(add_url(world)).content.decode()
    tag_options = re.search(r'data-w-tag-options-value="([^"]*)"', html).group(1)
    assert json.loads(tag_options.replace("&quot;", '"'))["placeholderText"] == "เพิ่มแท็ก"
    # The body's rich-text blocks carry an accessible name into Draftail.
    assert "ariaLabel" in html and "ข้อความ" in html
    # The script that names chooser dialogs and tag inputs is loaded from a file, not inline.
    assert re.search(r'<script src="/static/admin_thai/accessibility\.js"', html)
    assert '<link rel="stylesheet" href="/static/admin_thai/admin.css">' in html
    # A long Thai title wraps: the title box is an auto-growing text area.
    assert re.search(r'<textarea name="title"[^>]*data-controller="w-autosize', html)


def test_wagtail_still_builds_what_our_overrides_rely_on():
    """Fails when a Wagtail upgrade moves what admin_thai and editorial adjust (8.0.1)."""
    from pathlib import Path

    import wagtail

    static = Path(wagtail.__file__).parent / "admin" / "static" / "wagtailadmin" / "js"
    modal = (static / "modal-workflow.js").read_text()
    assert 'class="modal fade" tabindex="-1" role="dialog"' in modal
    core = (static / "core.js").read_text()
    assert "tagit({autocomplete:" in core and "...this.optionsValue" in core
    assert "yearOffset" in (static / "vendor" / "jquery.datetimepicker.js").read_text()
    draftail = (static / "draftail.js").read_text()
    assert '"aria-label":this.props.ariaLabel' in draftail
    assert SubmitForModerationMenuItem.name == "action-submit"
    assert "get_config" in vars(AdminDateInput)


def test_the_phone_stylesheet_keeps_the_menu_button_and_chooser_menus_in_place():
    from django.contrib.staticfiles import finders

    css = open(finders.find("admin_thai/admin.css"), encoding="utf-8").read()
    assert "#main.content-wrapper:not(:has(.w-sticky))" in css  # the menu button's corner
    assert ".modal select" in css  # the collection menu inside the chooser dialog
    assert "style=" not in css


def test_wagtails_go_back_button_is_thai():
    from django.utils import translation

    with translation.override("th"):
        assert translation.gettext("Go back") == "ย้อนกลับ"
