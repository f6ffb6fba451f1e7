"""A reader on a 360-pixel phone sends news with a phone photo from the home page; the youth
network's editor finds it in the inbox, and the stored photo carries no GPS (docs/tips.md)."""

import re

from django.utils import translation
from playwright.sync_api import expect

from networks.models import Network
from tests.browser import world
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.photos import phone_photo_with_location, private_tags
from tests.browser.signing_in import log_in
from tips.forms import NEEDS_CONTACT_CONSENT, TOO_MANY_PHOTOS
from tips.models import MAX_PHOTOS, Tip

WHAT_HAPPENED = "ชาวบ้านหนองบัวช่วยกันซ่อมฝายกั้นน้ำที่พังเมื่อคืน"


def test_a_phone_reader_sends_a_photo_tip_and_the_network_editor_reads_it(
    newsroom_server, open_page, tmp_path
):
    world.build(newsroom_server, media=False)
    photo = phone_photo_with_location(tmp_path / "IMG_20261129_0715.jpg")

    phone = open_page(PHONE)
    phone.goto("/th/")
    phone.locator('a[href="/th/send-news/"]').first.click()
    expect(phone).to_have_url(re.compile(r"/th/send-news/$"))
    phone.locator("#id_text").fill(WHAT_HAPPENED)
    phone.locator("#id_district").select_option("prasat")
    youth = Network.objects.get(slug="youth")
    phone.locator(f"input[name=network][value='{youth.pk}']").check()
    phone.locator("#id_photos").set_input_files(str(photo))
    # Nothing wider than the phone's screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.locator("form.tip-form button[type=submit]").click()
    expect(phone.locator(".tip-reference")).to_have_text(re.compile(r"^TIP-\d{4}-\d{6}$"))

    tip = Tip.objects.get()
    assert tip.network == youth
    assert private_tags(tip.photos.get().file.read()) == []

    editor = log_in(open_page(LAPTOP), "editor_youth")
    editor.goto("/admin/tips/")
    editor.get_by_role("link", name=tip.reference).click()
    expect(editor.locator(".tip-text")).to_contain_text(WHAT_HAPPENED)
    shown = editor.locator(".tip-photos img").first
    expect(shown).to_be_visible()
    assert editor.evaluate("(img) => img.naturalWidth", shown.element_handle()) > 0


def test_the_phone_checks_the_form_before_the_photos_are_sent(newsroom_server, open_page, tmp_path):
    """A refusal from the server would cost the reader the upload and the chosen photos: the
    consent rule and the number of photos are checked in the browser first, in Thai, and the
    photo stays chosen while the reader fixes the form."""
    world.build(newsroom_server, media=False)
    photos = [phone_photo_with_location(tmp_path / f"IMG_{n}.jpg") for n in range(MAX_PHOTOS + 1)]

    phone = open_page(PHONE)
    phone.goto("/th/send-news/")
    phone.locator("#id_text").fill(WHAT_HAPPENED)
    phone.locator(f"input[name=network][value='{Network.objects.get(slug='youth').pk}']").check()
    send = phone.locator("form.tip-form button[type=submit]")

    phone.locator("#id_photos").set_input_files([str(photo) for photo in photos])
    send.click()
    with translation.override("th"):
        too_many = TOO_MANY_PHOTOS % {"max": MAX_PHOTOS}
        needs_consent = str(NEEDS_CONTACT_CONSENT)
    assert phone.locator("#id_photos").evaluate("input => input.validationMessage") == too_many

    phone.locator("#id_photos").set_input_files(str(photos[0]))
    phone.locator("#id_contact_phone").fill("0812345678")
    send.click()
    consent = phone.locator("#id_consent_contact")
    assert consent.evaluate("box => box.validationMessage") == needs_consent
    expect(phone).to_have_url(re.compile(r"/th/send-news/$"))
    assert not Tip.objects.exists()
    assert phone.locator("#id_photos").evaluate("input => input.files.length") == 1

    consent.check()
    send.click()
    expect(phone.locator(".tip-reference")).to_have_text(re.compile(r"^TIP-\d{4}-\d{6}$"))
    tip = Tip.objects.get()
    assert tip.consent_contact and tip.contact_phone == "0812345678"
    assert tip.photos.count() == 1
