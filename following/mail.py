"""The emails a follower gets: the confirmation, "you already follow", and the digest.

Each is plain text with an HTML alternative, in the follower's language, and carries
``List-Unsubscribe`` (the follower's own one-click link and a mailto) with
``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058). Every message goes through
EMAIL_BACKEND, the queue (background.mail): nothing waits for a mail server here. Links lead
straight to this site (no redirect), and photos are the same small copy for every reader (no
tracking).
"""

from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .tokens import CONFIRM_DAYS, confirm_token, manage_token


def site_url():
    """SITE_URL (read once, in cms/settings/base.py, as Wagtail's base URL), no trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path):
    return path if path.startswith(("http://", "https://")) else site_url() + path


def links(subscriber):
    """The follower's own links, in their language (call inside translation.override)."""
    token = manage_token(subscriber)
    return {
        "manage_url": absolute(reverse("following:manage", args=[token])),
        "unsubscribe_url": absolute(reverse("following:unsubscribe", args=[token])),
    }


def unsubscribe_headers(unsubscribe_url):
    mailbox = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    targets = [f"<{unsubscribe_url}>"]
    if mailbox:
        targets.append(f"<mailto:{mailbox}?subject=unsubscribe>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def build_message(subscriber, template, subject, context):
    """One message from following/email/<template>.txt and .html, in the follower's language."""
    with translation.override(subscriber.language):
        context = {
            **context,
            **links(subscriber),
            "site_url": site_url(),
            "language": subscriber.language,
        }
        text = render_to_string(f"following/email/{template}.txt", context)
        html = render_to_string(f"following/email/{template}.html", context)
        message = EmailMultiAlternatives(
            subject=str(subject),
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscriber.email],
            headers=unsubscribe_headers(context["unsubscribe_url"]),
        )
        message.attach_alternative(html, "text/html")
    return message


def send_confirmation(subscriber):
    with translation.override(subscriber.language):
        context = {
            "confirm_url": absolute(reverse("following:confirm", args=[confirm_token(subscriber)])),
            "confirm_days": CONFIRM_DAYS,
        }
        subject = _("Please confirm: follow Siang Chumchon by email")
        build_message(subscriber, "confirm", subject, context).send()


def send_already_following(subscriber):
    """Someone asked to follow with an address that already follows: tell its owner how to
    change what they follow, and change nothing (the page says the same to anyone)."""
    with translation.override(subscriber.language):
        subject = _("You already follow Siang Chumchon by email")
        build_message(subscriber, "already_following", subject, {}).send()
