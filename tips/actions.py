"""What an editor does with a tip: make a draft story of it, answer it, or delete it.

Each function is called by the inbox's views only after the permission policy said yes
(tips.admin_views); each leaves a line in Wagtail's log of actions.
"""

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale

from news.models import NewsPage, StoryIndexPage

from .models import Tip, TipAnswer
from .photos import copy_to_media_library


class NoStoriesSection(Exception):
    """No stories section in the tip's language (or any) to put a draft under."""


def credit_for(tip):
    """How the story names its source: by name only with the sender's recorded consent."""
    if tip.consent_credit and tip.sender_name:
        return _("Sent by %(name)s") % {"name": tip.sender_name}
    return _("Sent by a community member")


def _section(language):
    locale = Locale.objects.filter(language_code=language).first()
    section = StoryIndexPage.objects.filter(locale=locale).first() if locale else None
    section = section or StoryIndexPage.objects.order_by("pk").first()
    if section is None:
        raise NoStoriesSection
    return section


@transaction.atomic
def make_draft_story(tip, user):
    """A draft news story under the stories section of the tip's language, with the tip's text,
    network and district, its photos copied into the media library, and the credit."""
    section = _section(tip.language)
    with translation.override(section.locale.language_code):
        credit = credit_for(tip)
        title = Truncator(" ".join(tip.text.split())).chars(80)
        images = [
            copy_to_media_library(
                photo,
                _("Photo from %(reference)s (%(number)d)")
                % {"reference": tip.reference, "number": number},
                credit,
                user,
            )
            for number, photo in enumerate(tip.photos.all(), start=1)
        ]
        body = [("paragraph", linebreaks(escape(tip.text)))]
        body += [("image", {"image": image, "caption": "", "credit": credit}) for image in images]
        body.append(("paragraph", f"<p><i>{escape(credit)}</i></p>"))
        story = NewsPage(
            title=title or tip.reference,
            summary=Truncator(" ".join(tip.text.split())).chars(300),
            body=body,
            district=tip.district,
            hero_image=images[0] if images else None,
            owner=user,
            live=False,
        )
    story.networks.set([tip.network])  # in memory until add_child saves it (modelcluster)
    section.add_child(instance=story)
    story.save_revision(user=user, log_action=True)
    tip.story = story
    tip.status = Tip.Status.USED
    tip.save(update_fields=["story", "status"])
    log(tip, "tips.make_story", user=user)
    return story


def answer(tip, user, message):
    """Log the editor's answer and, when the sender gave an email address, send it (queued)."""
    emailed = bool(tip.contact_email and tip.consent_contact)
    if emailed:
        with translation.override(tip.language):
            subject = _("About your news %(reference)s") % {"reference": tip.reference}
        EmailMessage(subject, message, to=[tip.contact_email]).send()
    TipAnswer.objects.create(tip=tip, author=user, message=message, emailed=emailed)
    if tip.status == Tip.Status.NEW:
        tip.status = Tip.Status.IN_PROGRESS
        tip.save(update_fields=["status"])
    log(tip, "tips.answer", user=user)
    return emailed


def delete_tip(tip, user):
    """The tip, its answers and its photos (rows and files; tips.signals removes the files)."""
    log(tip, "wagtail.delete", user=user)
    with transaction.atomic():
        tip.delete()
