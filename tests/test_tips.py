"""Readers send news in (docs/tips.md): the public form, its limits, the private photos, the
editors' inbox and what they do with a tip, and the erasing of contact details."""

import io
import os
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.images import get_image_model

from background.mail import QUEUED_EMAIL_BACKEND
from demo import factories
from editorial.models import NetworkCollection
from editorial.setup import setup_roles
from media_library.image_safety import metadata_blocks
from news.models import NewsPage
from roles.models import EditorialGroup
from tests import roles_world
from tests.media_builders import GPS_IFD, SECRETS, phone_photo_bytes, upload
from tips.models import Tip, TipPhoto

Role = EditorialGroup.Role
TEXT = "ไฟไหม้ป่าชุมชนบ้านโคกสะอาด ชาวบ้านช่วยกันดับไฟตั้งแต่เช้า"


@pytest.fixture
def newsroom(site_tree, story_index):
    youth = factories.NetworkFactory(slug="youth", name_en="Youth", name_th="เยาวชน")
    elderly = factories.NetworkFactory(slug="elderly", name_en="Elderly", name_th="ผู้สูงอายุ")
    setup_roles()
    return {
        "youth": youth,
        "elderly": elderly,
        "editor": roles_world.user("editor_youth", Role.NETWORK_EDITOR, youth),
        "other_editor": roles_world.user("editor_elderly", Role.NETWORK_EDITOR, elderly),
        "reporter": roles_world.user("reporter_youth", Role.REPORTER, youth),
        "chief": roles_world.user("chief", Role.EDITOR_IN_CHIEF),
        "index": story_index,
    }


def refused(response):
    """Wagtail's admin answers a refused request with its dashboard and a message (302 to
    /admin/), as for every other admin screen."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def gps_jpeg(name="IMG_0001.jpg"):
    return upload(name, phone_photo_bytes("JPEG", orientation=6), "image/jpeg")


def form_data(network, **extra):
    return {
        "text": TEXT,
        "district": "prasat",
        "place": "บ้านโคกสะอาด",
        "network": network.pk,
        **extra,
    }


def send(client, network, photos=(), language="th", **extra):
    data = form_data(network, **extra)
    if photos:
        data["photos"] = list(photos)
    return client.post(f"/{language}/send-news/", data)


def test_a_phone_photo_with_gps_reaches_the_right_editors_without_its_gps(newsroom):
    reader = Client()
    response = send(reader, newsroom["youth"], photos=[gps_jpeg()])
    assert response.status_code == 302
    thanks = reader.get(response.url)
    tip = Tip.objects.get()
    assert tip.reference.startswith("TIP-25")
    assert tip.reference in thanks.content.decode()

    stored = tip.photos.get()
    data = stored.file.read()
    assert metadata_blocks(data) == []
    assert all(secret.encode() not in data for secret in SECRETS)
    exif = Image.open(io.BytesIO(data)).getexif()
    assert not exif.get_ifd(GPS_IFD) and 0x010F not in exif
    # Stored outside the public media folder, with no address anyone could open.
    path = os.path.realpath(stored.file.path)
    assert not path.startswith(os.path.realpath(settings.MEDIA_ROOT) + os.sep)
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018
    for prefix in ("/media/", "/documents/", "/th/", "/"):
        assert Client().get(prefix + stored.file.name, follow=True).status_code == 404

    detail = reverse("tips_admin:detail", args=[tip.pk])
    photo = reverse("tips_admin:photo", args=[tip.pk, stored.pk])
    editor = signed_in(newsroom["editor"])
    assert tip.reference in editor.get(reverse("tips_admin:index")).content.decode()
    assert TEXT in editor.get(detail).content.decode()
    shown = editor.get(photo)
    assert shown.status_code == 200
    assert b"".join(shown.streaming_content) == data

    other = signed_in(newsroom["other_editor"])
    assert tip.reference not in other.get(reverse("tips_admin:index")).content.decode()
    assert refused(other.get(detail))
    assert refused(other.get(photo))
    assert refused(other.post(reverse("tips_admin:delete", args=[tip.pk])))
    assert Tip.objects.filter(pk=tip.pk).exists()
    assert refused(signed_in(newsroom["reporter"]).get(reverse("tips_admin:index")))
    assert Client().get(photo).status_code == 302  # to the sign-in page

    chief = signed_in(newsroom["chief"])
    assert tip.reference in chief.get(reverse("tips_admin:index")).content.decode()
    assert chief.get(photo).status_code == 200


def test_the_form_is_in_both_languages_linked_from_home_and_never_cached(newsroom):
    thai = Client().get("/th/send-news/")
    english = Client().get("/en/send-news/")
    assert thai.status_code == english.status_code == 200
    assert "no-cache" in thai["Cache-Control"] and "private" in thai["Cache-Control"]
    assert 'name="website"' in thai.content.decode()  # the honeypot
    assert "Elderly" in english.content.decode()
    home = Client().get("/th/")
    assert 'href="/th/send-news/"' in home.content.decode()


def test_the_page_gives_the_browser_the_forms_rules_in_thai(newsroom, settings):
    """static/js/tip-form.js checks these before a photo is sent (tests/browser/test_send_news.py)."""
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
    page = Client().get("/th/send-news/").content.decode()
    assert "js/tip-form." in page
    assert 'data-max-photos="3"' in page
    assert f'data-max-photo-bytes="{20 * 1024 * 1024}"' in page
    assert 'data-needs-contact-consent="ติ๊กช่องนี้เพื่ออนุญาตให้เราติดต่อคุณ' in page
    assert "รูป “%(name)s” ใหญ่เกินไป รับได้ไม่เกิน 20.0" in page


def test_the_honeypot_stores_nothing(newsroom):
    response = send(Client(), newsroom["youth"], website="http://spam.example")
    assert response.status_code == 302
    assert not Tip.objects.exists()


def test_the_sixth_tip_in_ten_minutes_from_one_session_is_refused(newsroom):
    reader = Client()
    for _ in range(5):
        assert send(reader, newsroom["youth"]).status_code == 302
    refused = send(reader, newsroom["youth"], language="en")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "You have sent 5 tips in the last 10 minutes" in page
    assert TEXT in page  # the text is kept
    assert Tip.objects.count() == 5


def test_one_address_is_limited_per_hour_but_a_village_can_share_it(newsroom, settings):
    assert settings.TIPS_ADDRESS_LIMIT == 60
    settings.TIPS_ADDRESS_LIMIT = 3
    for _ in range(3):  # three phones on one connection
        assert send(Client(REMOTE_ADDR="203.0.113.7"), newsroom["youth"]).status_code == 302
    refused = send(Client(REMOTE_ADDR="203.0.113.7"), newsroom["youth"], language="en")
    assert refused.status_code == 429
    assert "Many tips have come from your connection" in refused.content.decode()
    # A forged X-Forwarded-For from a client that is not our proxy changes nothing.
    forged = Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert send(forged, newsroom["youth"]).status_code == 429
    assert send(Client(REMOTE_ADDR="203.0.113.8"), newsroom["youth"]).status_code == 302


def test_an_oversized_photo_is_refused_with_a_message_and_the_text_kept(newsroom, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 500
    big = upload("big.jpg", phone_photo_bytes("JPEG", width=400, height=300), "image/jpeg")
    response = send(Client(), newsroom["youth"], photos=[big], language="en")
    assert response.status_code == 400
    page = response.content.decode()
    assert "This file is too big" in page
    assert "choose the photos again" in page
    assert TEXT in page
    assert not Tip.objects.exists()


def test_four_photos_are_refused(newsroom):
    photos = [gps_jpeg(f"IMG_{n}.jpg") for n in range(4)]
    response = send(Client(), newsroom["youth"], photos=photos, language="en")
    assert response.status_code == 400
    assert "Send at most 3 photos" in response.content.decode()
    assert not Tip.objects.exists()
    assert not TipPhoto.objects.exists()


def test_contact_details_need_consent_to_be_contacted(newsroom):
    response = send(Client(), newsroom["youth"], language="en", contact_phone="0812345678")
    assert response.status_code == 400
    assert "Tick this box to let us contact you" in response.content.decode()
    assert not Tip.objects.exists()


def test_a_tip_becomes_a_draft_story_credited_to_a_community_member(newsroom):
    send(Client(), newsroom["youth"], photos=[gps_jpeg()], language="en", sender_name="Somsri")
    tip = Tip.objects.get()
    response = signed_in(newsroom["editor"]).post(reverse("tips_admin:make_story", args=[tip.pk]))
    assert response.status_code == 302

    story = NewsPage.objects.get()
    assert not story.live
    assert story.get_parent().pk == newsroom["index"]["en"].pk
    assert list(story.networks.all()) == [newsroom["youth"]]
    assert story.district == "prasat"
    body = str(story.get_latest_revision_as_object().body)
    assert TEXT in body
    assert "Sent by a community member" in body
    assert "Somsri" not in body  # no consent to be named
    image = story.hero_image
    assert image.collection == NetworkCollection.objects.get(network=newsroom["youth"]).collection
    with image.file.open("rb") as handle:
        assert metadata_blocks(handle.read()) == []
    tip.refresh_from_db()
    assert tip.status == Tip.Status.USED and tip.story.pk == story.pk


def test_a_sender_who_agreed_is_credited_by_name_and_the_consent_is_recorded(newsroom):
    send(
        Client(),
        newsroom["youth"],
        language="en",
        sender_name="Somsri Jaidee",
        consent_credit="on",
    )
    tip = Tip.objects.get()
    assert tip.consent_credit and tip.consent_given_at
    assert "You may publish my name" in tip.consent_text
    signed_in(newsroom["chief"]).post(reverse("tips_admin:make_story", args=[tip.pk]))
    body = str(NewsPage.objects.get().get_latest_revision_as_object().body)
    assert "Sent by Somsri Jaidee" in body


def test_an_answer_is_queued_as_an_email_and_logged(newsroom, settings):
    settings.EMAIL_BACKEND = QUEUED_EMAIL_BACKEND
    tip = factories.TipFactory(
        network=newsroom["youth"], contact_email="somsri@example.com", language="en"
    )
    response = signed_in(newsroom["editor"]).post(
        reverse("tips_admin:answer", args=[tip.pk]), {"message": "Thank you, we will call."}
    )
    assert response.status_code == 302
    (sent,) = mail.outbox
    assert sent.to == ["somsri@example.com"]
    assert tip.reference in sent.subject
    assert "we will call" in sent.body
    assert tip.answers.get().emailed
    assert refused(
        signed_in(newsroom["other_editor"]).post(
            reverse("tips_admin:answer", args=[tip.pk]), {"message": "hi"}
        )
    )
    assert tip.answers.count() == 1


def test_a_new_tip_tells_its_editors_by_email_without_the_senders_details(
    newsroom, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = QUEUED_EMAIL_BACKEND
    sender = {
        "sender_name": "สมศรี ใจดี",
        "contact_phone": "081-234-5678",
        "contact_line": "somsri.line",
        "contact_email": "somsri@example.com",
        "consent_contact": "on",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = send(Client(), newsroom["youth"], photos=[gps_jpeg()], **sender)

    assert response.status_code == 302
    tip = Tip.objects.get()
    told = {message.to[0]: message for message in mail.outbox}
    # The youth network's editor and the editor-in-chief; not the other network's editor, not
    # the reporter, and nothing to the sender.
    assert set(told) == {newsroom["editor"].email, newsroom["chief"].email}
    for message in told.values():
        assert message.subject == f"ข่าวจากชุมชนใหม่ {tip.reference}: เยาวชน"
        assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/tips/{tip.pk}/" in message.body
        assert TEXT in message.body and "บ้านโคกสะอาด" in message.body
        assert "ภาพ 1 ภาพ" in message.body
        for detail in ("สมศรี", "081-234-5678", "somsri.line", "somsri@example.com"):
            assert detail not in message.body and detail not in message.subject
        assert not message.attachments


def test_each_editor_is_told_in_their_own_language_unless_they_turned_it_off(
    newsroom, django_capture_on_commit_callbacks
):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(
        user=newsroom["editor"], defaults={"submitted_notifications": False}
    )
    UserProfile.objects.update_or_create(
        user=newsroom["chief"], defaults={"preferred_language": "en"}
    )

    with django_capture_on_commit_callbacks(execute=True):
        send(Client(), newsroom["youth"])

    (message,) = mail.outbox
    assert message.to == [newsroom["chief"].email]
    assert message.subject == f"New tip {Tip.objects.get().reference}: Youth"
    assert "A reader has sent news in" in message.body


def test_a_tip_no_editor_would_see_is_sent_to_the_administrators(
    newsroom, django_capture_on_commit_callbacks
):
    newsroom["chief"].is_active = False
    newsroom["chief"].save()
    farmers = factories.NetworkFactory(slug="farmers", name_th="เกษตรกร")
    admin = roles_world.user("site_admin", superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        send(Client(), farmers)

    assert [message.to for message in mail.outbox] == [[admin.email]]


def test_deleting_a_tip_removes_its_photo_files(newsroom, django_capture_on_commit_callbacks):
    send(Client(), newsroom["youth"], photos=[gps_jpeg(), gps_jpeg("b.jpg")])
    tip = Tip.objects.get()
    storage = tip.photos.first().file.storage
    names = [photo.file.name for photo in tip.photos.all()]
    assert all(storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(newsroom["editor"]).post(reverse("tips_admin:delete", args=[tip.pk]))
    assert response.status_code == 302
    assert not Tip.objects.exists()
    assert not any(storage.exists(name) for name in names)


def test_contact_details_are_erased_after_ninety_days_and_the_text_kept(newsroom):
    assert settings.TIPS_CONTACT_RETENTION_DAYS == 90
    old = factories.TipFactory(
        network=newsroom["youth"], created_at=timezone.now() - timedelta(days=91)
    )
    recent = factories.TipFactory(
        network=newsroom["youth"], created_at=timezone.now() - timedelta(days=89)
    )
    call_command("erase_old_tip_contacts", stdout=io.StringIO())
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.sender_name, old.contact_phone, old.contact_email) == ("", "", "")
    assert old.contact_erased_at is not None
    assert old.text == factories.TipFactory.text
    assert recent.sender_name == "สมศรี ใจดี" and recent.contact_phone


def test_contact_details_never_reach_the_public_site(newsroom):
    tip = factories.TipFactory(network=newsroom["youth"])
    signed_in(newsroom["editor"]).post(reverse("tips_admin:make_story", args=[tip.pk]))
    story = NewsPage.objects.get()
    story.save_revision().publish()
    story.refresh_from_db()
    for url in (story.url, "/th/", "/th/feeds/rss/", f"/api/v2/pages/{story.pk}/"):
        response = Client().get(url)
        page = response.content.decode()
        assert response.status_code == 200, url
        assert story.title[:20] in page or story.title[:20] in response.json().get("title", "")
        assert tip.sender_name not in page and tip.contact_phone not in page


def test_the_menu_counts_new_tips_for_their_editors_only(newsroom):
    factories.TipFactory(network=newsroom["youth"])
    factories.TipFactory(network=newsroom["youth"], status=Tip.Status.CLOSED)
    youth = signed_in(newsroom["editor"]).get("/admin/").content.decode()
    elderly = signed_in(newsroom["other_editor"]).get("/admin/").content.decode()
    assert "(1)" in youth and reverse("tips_admin:index") in youth
    assert reverse("tips_admin:index") in elderly and "(1)" not in elderly
    assert (
        reverse("tips_admin:index")
        not in signed_in(newsroom["reporter"]).get("/admin/").content.decode()
    )


@pytest.mark.parametrize("photo_format", ["PNG", "WEBP", "HEIF"])
def test_other_phone_formats_are_cleaned_too(newsroom, photo_format):
    name = {"PNG": "a.png", "WEBP": "a.webp", "HEIF": "a.heic"}[photo_format]
    send(Client(), newsroom["youth"], photos=[upload(name, phone_photo_bytes(photo_format))])
    data = Tip.objects.get().photos.get().file.read()
    assert metadata_blocks(data) == []


def test_stored_photos_are_never_wagtail_images(newsroom):
    send(Client(), newsroom["youth"], photos=[gps_jpeg()])
    assert not get_image_model().objects.exists()


def test_a_thai_tip_makes_a_thai_draft_credited_in_thai(newsroom):
    assert "ส่งข่าวถึงเรา" in Client().get("/th/").content.decode()
    send(Client(), newsroom["youth"])
    tip = Tip.objects.get()
    signed_in(newsroom["editor"]).post(reverse("tips_admin:make_story", args=[tip.pk]))
    story = NewsPage.objects.get()
    assert story.get_parent().pk == newsroom["index"]["th"].pk
    assert "ส่งโดยสมาชิกชุมชน" in str(story.get_latest_revision_as_object().body)
