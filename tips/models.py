"""A tip sent in by a reader (docs/tips.md): what happened, where, which network, photos, and
optionally who sent it and how to reach them.

The sender's name and contact details live only here. The inbox shows them to the editors who
may see the tip (tips.permissions); no feed, API, export or page reads this model, and
``erase_old_contacts`` empties them after settings.TIPS_CONTACT_RETENTION_DAYS.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.models import Network
from news.models import District, StoryPage

from .storage import tip_storage

# Longest text a tip may carry; a long story fits, a pasted book does not.
MAX_TEXT_LENGTH = 5000
MAX_PHOTOS = 3


class Tip(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        USED = "used", _("Used in a story")
        CLOSED = "closed", _("Closed")

    text = models.TextField(_("what happened"), max_length=MAX_TEXT_LENGTH)
    district = models.CharField(_("district"), max_length=30, choices=District.choices, blank=True)
    place = models.CharField(_("village or place"), max_length=200, blank=True)
    network = models.ForeignKey(
        Network, verbose_name=_("member network"), on_delete=models.PROTECT, related_name="tips"
    )
    language = models.CharField(_("language"), max_length=8, default="th")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    # Who sent it: optional, shown only in the inbox, erased after the retention period.
    sender_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_line = models.CharField(_("LINE ID"), max_length=100, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_erased_at = models.DateTimeField(_("contact details erased"), null=True, blank=True)

    # The consent record: what the sender agreed to, in which words and language, and when.
    consent_credit = models.BooleanField(_("may be named as the source"), default=False)
    consent_contact = models.BooleanField(_("may be contacted"), default=False)
    consent_text = models.TextField(_("consent text shown"), blank=True)
    consent_given_at = models.DateTimeField(_("consent given"), null=True, blank=True)

    story = models.ForeignKey(
        StoryPage,
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tip")
        verbose_name_plural = _("tips")

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        """TIP-<Buddhist-Era year>-<number>, e.g. TIP-2569-000123: easy to read out on a phone."""
        year = timezone.localtime(self.created_at).year + 543
        return f"TIP-{year}-{self.pk or 0:06d}"

    @property
    def has_contact(self):
        return bool(
            self.sender_name or self.contact_phone or self.contact_line or self.contact_email
        )

    def erase_contact(self, now=None):
        self.sender_name = ""
        self.contact_phone = ""
        self.contact_line = ""
        self.contact_email = ""
        self.contact_erased_at = now or timezone.now()
        self.save(
            update_fields=[
                "sender_name",
                "contact_phone",
                "contact_line",
                "contact_email",
                "contact_erased_at",
            ]
        )


def tip_photo_path(photo, filename):
    return f"{timezone.now():%Y/%m}/{filename}"


class TipPhoto(models.Model):
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="photos")
    # Cleaned bytes only (media_library.image_safety.clean_image), in the private storage.
    file = models.FileField(_("photo"), upload_to=tip_photo_path, storage=tip_storage)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("tip photo")
        verbose_name_plural = _("tip photos")

    def __str__(self):
        return self.file.name


class TipAnswer(models.Model):
    """The log of an editor's answer (the email address itself is not copied here)."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("answer"), max_length=MAX_TEXT_LENGTH)
    emailed = models.BooleanField(_("sent by email"), default=False)
    created_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("answer to a tip")
        verbose_name_plural = _("answers to tips")

    def __str__(self):
        return f"{self.tip.reference} {self.created_at:%Y-%m-%d %H:%M}"
