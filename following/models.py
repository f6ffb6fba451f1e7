"""Readers who follow networks, topics, districts or reporters by email (docs/following.md).

A ``Subscriber`` is one email address with what it follows, its language and how often it
wants a digest. Nothing is sent but the confirmation email until ``confirmed_at`` is set
(double opt-in). ``last_digest_at`` is the watermark: the next digest holds the stories first
published after it (after ``confirmed_at`` for the first one). ``ConsentRecord`` keeps what the
reader agreed to, when, from which page and in which language (Thailand's PDPA); when a reader
leaves, their records lose every link to them (``anonymise``), see docs/following.md.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from networks.models import Network
from news.models import ReporterProfile, Topic


def new_key():
    return secrets.token_urlsafe(12)


class Language(models.TextChoices):
    THAI = "th", "ไทย"
    ENGLISH = "en", "English"


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscriber(models.Model):
    email = models.EmailField(_("email address"), max_length=254, unique=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.THAI
    )
    frequency = models.CharField(
        _("how often"), max_length=6, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    networks = models.ManyToManyField(
        Network, verbose_name=_("member networks"), blank=True, related_name="+"
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    reporters = models.ManyToManyField(
        ReporterProfile, verbose_name=_("reporters"), blank=True, related_name="+"
    )
    # District slugs (news.models.districts.District): a fixed list, not a table.
    districts = models.JSONField(_("districts"), default=list, blank=True)
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("last digest up to"), null=True, blank=True)
    # The secret inside every link sent to this address (following.tokens signs it); a new key
    # makes every earlier link stop working.
    key = models.CharField(max_length=32, default=new_key, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("email follower")
        verbose_name_plural = _("email followers")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["frequency", "confirmed_at"], name="following_due")]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def watermark(self):
        return self.last_digest_at or self.confirmed_at

    def follows_anything(self):
        return bool(
            self.districts
            or self.networks.exists()
            or self.topics.exists()
            or self.reporters.exists()
        )


class ConsentRecord(models.Model):
    class Action(models.TextChoices):
        SUBSCRIBE = "subscribe", _("asked to follow")
        CONFIRM = "confirm", _("confirmed")
        CHANGE = "change", _("changed what they follow")
        UNSUBSCRIBE = "unsubscribe", _("unsubscribed")
        DELETE = "delete", _("deleted everything")

    # Null once the reader has left: the record keeps no link to them (docs/following.md).
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("follower"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents",
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    consent_version = models.CharField(_("consent text version"), max_length=20)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    consent_text = models.TextField(_("text the reader agreed to"), blank=True)
    source = models.CharField(_("from page"), max_length=200, blank=True)
    # What they chose (networks, topics, districts, reporters by slug; frequency; language).
    choices = models.JSONField(_("what they chose"), default=dict, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class DigestSend(models.Model):
    """One digest queued for one follower: written in the transaction that queues the email
    and moves the watermark, so a second run (or a run after a crash) never sends it again."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="digests", verbose_name=_("follower")
    )
    since = models.DateTimeField(_("stories since"))
    until = models.DateTimeField(_("stories until"))
    story_count = models.PositiveIntegerField(_("stories"))
    queued_at = models.DateTimeField(_("queued on"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "since"], name="one_digest_per_window")
        ]

    def __str__(self):
        return f"{self.story_count} @ {self.queued_at:%Y-%m-%d %H:%M}"
