"""Editors hear of a new tip by email (docs/tips.md): a tip waiting in the inbox for days is
news lost.

Told: the editors of the tip's network and the editors-in-chief, who see it in the inbox
(tips.permissions); the administrators only when no editor would be, so no tip goes unseen.
Each email is in the language the person chose for the admin (Thai otherwise), and someone who
turned off Wagtail's "submitted for moderation" emails in their account gets none of these
either. It carries the reference, network, district and place, the beginning of what
happened and the tip's address in the inbox; never the sender's name, contact details or
photos, which stay in the inbox and are erased there after the retention period.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from roles.access import editors_in_chief, network_editors

EXCERPT_CHARACTERS = 200


def people_to_tell(tip):
    """Those who may see ``tip`` and want such emails (with an address to send them to): its
    network's editors and the editors-in-chief, or the administrators when there are none."""
    editors = [network_editors([tip.network_id]), editors_in_chief()]
    if not any(group.exists() for group in editors):
        editors = [get_user_model().objects.filter(is_active=True, is_superuser=True)]
    people = {}
    for group in editors:
        wanting = (
            group.exclude(email="")
            .exclude(wagtail_userprofile__submitted_notifications=False)
            .select_related("wagtail_userprofile")
        )
        people.update((user.pk, user) for user in wanting)
    return [people[pk] for pk in sorted(people)]


def _language(user):
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or settings.LANGUAGE_CODE


def new_tip_email(tip, user):
    with translation.override(_language(user)):
        subject = _("New tip %(reference)s: %(network)s") % {
            "reference": tip.reference,
            "network": tip.network.name,
        }
        # One line: a line break in a network's name would make Django refuse the email.
        subject = " ".join(subject.split())
        body = render_to_string(
            "tips/email/new_tip.txt",
            {
                "tip": tip,
                "excerpt": Truncator(" ".join(tip.text.split())).chars(EXCERPT_CHARACTERS),
                "address": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                + reverse("tips_admin:detail", args=[tip.pk]),
            },
        )
    return EmailMessage(subject, body, to=[user.email])


def tell_editors(tip):
    """Queues one email to each person who should hear of ``tip`` (after its commit)."""
    messages = [new_tip_email(tip, user) for user in people_to_tell(tip)]
    if messages:
        with get_connection() as connection:
            connection.send_messages(messages)
    return len(messages)
