"""Every email the site sends leaves the request: EMAIL_BACKEND queues it, a worker sends it.

``QueuedEmailBackend`` turns each message into plain JSON (a task's arguments) and queues
``send_queued_email``, which rebuilds it and sends it with BACKGROUND_EMAIL_BACKEND (SMTP in
production). An editor's "approve" no longer waits for the mail server, and a mail server that
is down means retries (background.retries), not a lost notification.
"""

import base64
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import task

QUEUED_EMAIL_BACKEND = "background.mail.QueuedEmailBackend"


def _attachment_to_json(attachment):
    if isinstance(attachment, MIMEBase):
        # A prepared MIME part (an inline image, say) has no faithful JSON form here; refusing
        # it loudly beats sending the email without it.
        raise TypeError("queued emails take attachments as (filename, content, mimetype)")
    filename, content, mimetype = attachment
    if isinstance(content, bytes):
        return {
            "filename": filename,
            "base64": base64.b64encode(content).decode("ascii"),
            "mimetype": mimetype,
        }
    return {"filename": filename, "text": str(content), "mimetype": mimetype}


def email_to_json(message):
    """Everything a message carries, as JSON a task can keep."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        # Pairs, not an object: PostgreSQL's jsonb reorders an object's keys.
        "headers": [[str(name), str(value)] for name, value in message.extra_headers.items()],
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_attachment_to_json(attachment) for attachment in message.attachments],
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
        "encoding": message.encoding,
    }


def email_from_json(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=dict(data["headers"]),
        alternatives=data["alternatives"],
    )
    for attachment in data["attachments"]:
        content = (
            base64.b64decode(attachment["base64"]) if "base64" in attachment else attachment["text"]
        )
        message.attach(attachment["filename"], content, attachment["mimetype"])
    message.content_subtype = data["content_subtype"]
    message.mixed_subtype = data["mixed_subtype"]
    message.encoding = data["encoding"]
    return message


@task()
def send_queued_email(message):
    """Send one queued message with the real backend; an error fails the task (and retries)."""
    if settings.BACKGROUND_EMAIL_BACKEND == QUEUED_EMAIL_BACKEND:
        raise ImproperlyConfigured("BACKGROUND_EMAIL_BACKEND must be a backend that sends")
    with get_connection(settings.BACKGROUND_EMAIL_BACKEND, fail_silently=False) as connection:
        return connection.send_messages([email_from_json(message)])


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            send_queued_email.enqueue(email_to_json(message))
        return len(email_messages)
