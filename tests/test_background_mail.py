"""Every email goes through the queue and arrives as it was written, Thai included."""

import re

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from background.mail import QUEUED_EMAIL_BACKEND, QueuedEmailBackend
from tests import roles_world
from tests.test_background_worker import database_queue, run_queued_tasks  # noqa: F401
from tests.test_roles_workflow import act, create_and_submit


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


@pytest.fixture
def queued_email(settings, database_queue):  # noqa: F811
    """EMAIL_BACKEND as in production (Django's test set-up replaces it with locmem); the
    worker sends with locmem, so what arrives lands in mail.outbox."""
    settings.EMAIL_BACKEND = QUEUED_EMAIL_BACKEND
    settings.BACKGROUND_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def queued_originals(monkeypatch):
    """The messages as the site wrote them, before the queue turned them into JSON."""
    originals = []
    send_messages = QueuedEmailBackend.send_messages

    def remember(self, email_messages):
        originals.extend(email_messages)
        return send_messages(self, email_messages)

    monkeypatch.setattr(QueuedEmailBackend, "send_messages", remember)
    return originals


def without_send_time(message):
    """The message's bytes, less what is made afresh at each sending: the Date and Message-ID
    headers and the random boundaries between the parts."""
    mime = message.message()
    del mime["Date"]
    del mime["Message-ID"]
    return re.sub(rb"=+\d+==", b"BOUNDARY", mime.as_bytes())


def assert_same_email(sent, original):
    assert sent.subject == original.subject
    assert sent.body == original.body
    assert list(getattr(sent, "alternatives", [])) == list(getattr(original, "alternatives", []))
    assert (sent.from_email, sent.to, sent.cc, sent.bcc, sent.reply_to) == (
        original.from_email,
        original.to,
        original.cc,
        original.bcc,
        original.reply_to,
    )
    assert sent.extra_headers == original.extra_headers
    assert sent.recipients() == original.recipients()
    assert without_send_time(sent) == without_send_time(original)


def test_approving_a_story_emails_through_the_queue_and_the_email_arrives_whole(
    db, client, world, queued_email, queued_originals, settings
):
    # Wagtail writes an HTML part beside the text when asked to.
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True
    page = create_and_submit(client, world, title="งานบุญข้าวใหม่ บ้านโคกสะอาด")
    run_queued_tasks()
    mail.outbox.clear()
    queued_originals.clear()

    act(client, world.people.editor, page, "approve", comment="ดีมาก")
    assert mail.outbox == [], "nothing is sent while the editor waits"
    assert queued_originals, "the approval queued its notifications"

    run_queued_tasks()
    assert len(mail.outbox) == len(queued_originals)
    to_reporter = [m for m in mail.outbox if "reporter_youth@example.org" in m.to]
    assert to_reporter, "the reporter hears of the approval"
    assert "งานบุญข้าวใหม่" in to_reporter[0].subject
    assert any(mimetype == "text/html" for _, mimetype in to_reporter[0].alternatives)
    assert to_reporter[0].extra_headers.get("Auto-Submitted") == "auto-generated"
    for sent, original in zip(mail.outbox, queued_originals, strict=True):
        assert_same_email(sent, original)


def test_every_part_of_a_message_survives_the_queue(db, queued_email):
    original = EmailMultiAlternatives(
        subject="แจ้งเตือน: ข่าวใหม่จากเครือข่ายเยาวชน",
        body="สวัสดีครับ\nมีข่าวใหม่รอการตรวจ",
        from_email="เสียงชุมชน <noreply@example.org>",
        to=["บรรณาธิการ <editor@example.org>"],
        cc=["chief@example.org"],
        bcc=["archive@example.org"],
        reply_to=["desk@example.org"],
        headers={"Auto-Submitted": "auto-generated", "X-Siang-Story": "42"},
    )
    original.attach_alternative("<p>สวัสดีครับ <strong>ข่าวใหม่</strong></p>", "text/html")
    original.attach("รายงาน.txt", "บันทึกการประชุม", "text/plain")
    original.attach("photo.jpg", b"\xff\xd8\xff\xe0 not really a photo", "image/jpeg")
    assert original.send() == 1
    assert mail.outbox == []

    run_queued_tasks()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert_same_email(sent, original)
    assert sent.attachments == original.attachments
    assert sent.recipients() == [
        "บรรณาธิการ <editor@example.org>",
        "chief@example.org",
        "archive@example.org",
    ]


def test_a_mail_server_that_is_down_means_retries_not_a_lost_email(db, queued_email, settings):
    settings.BACKGROUND_EMAIL_BACKEND = "tests.test_background_mail.RefusingBackend"
    EmailMultiAlternatives("ทดสอบ", "ข้อความ", to=["reader@example.org"]).send()
    run_queued_tasks()
    assert mail.outbox == []
    settings.BACKGROUND_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django_tasks_db.models import DBTaskResult

    failed = DBTaskResult.objects.get()
    assert failed.status == "FAILED" and "mail server refused" in failed.traceback


class RefusingBackend(mail.backends.base.BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server refused the connection")
