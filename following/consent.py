"""Consent records: what a reader agreed to, and forgetting them when they leave (PDPA).

Leaving (unsubscribe, or "delete everything") deletes the follower and every digest record;
their consent records stay, for the association's own accounts of consent given and withdrawn,
with nothing left that names the reader: no link to the follower, no address, and the choices
reduced to counts (docs/following.md, "Personal data").
"""

from django.db import transaction
from django.utils import translation

from .forms import CONSENT_TEXT, CONSENT_VERSION
from .models import ConsentRecord


def record(subscriber, action, choices=None, source=""):
    with translation.override(subscriber.language):
        text = str(CONSENT_TEXT)
    return ConsentRecord.objects.create(
        subscriber=subscriber,
        action=action,
        consent_version=CONSENT_VERSION,
        language=subscriber.language,
        consent_text=text,
        source=source,
        choices=choices or {},
    )


def _anonymous(choices):
    return {
        key: (len(value) if isinstance(value, list) else value)
        for key, value in (choices or {}).items()
    }


def erase(subscriber, action, source=""):
    """The follower leaves: a last record of it, then nothing left that names them."""
    with transaction.atomic():
        record(subscriber, action, source=source)
        subscriber.delete()


def anonymise_consents(sender, instance, **kwargs):
    """Before any follower is deleted (by themselves, by staff in the admin, or as an unconfirmed
    address), their consent records lose everything that could name them (pre_delete)."""
    for consent in ConsentRecord.objects.filter(subscriber=instance):
        consent.subscriber = None
        consent.choices = _anonymous(consent.choices)
        consent.save(update_fields=["subscriber", "choices"])


def export(subscriber):
    """Everything the site keeps about this follower, as plain data (the manage page's JSON)."""
    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "frequency": subscriber.frequency,
        "networks": sorted(network.slug for network in subscriber.networks.all()),
        "topics": sorted(topic.slug for topic in subscriber.topics.all()),
        "districts": sorted(subscriber.districts or []),
        "reporters": sorted(reporter.slug for reporter in subscriber.reporters.all()),
        "asked_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "last_digest_up_to": (
            subscriber.last_digest_at.isoformat() if subscriber.last_digest_at else None
        ),
        "digests": [
            {"queued_at": digest.queued_at.isoformat(), "stories": digest.story_count}
            for digest in subscriber.digests.order_by("queued_at")
        ],
        "consent_records": [
            {
                "action": consent.action,
                "at": consent.at.isoformat(),
                "consent_version": consent.consent_version,
                "language": consent.language,
                "consent_text": consent.consent_text,
                "source": consent.source,
                "choices": consent.choices,
            }
            for consent in subscriber.consents.order_by("at")
        ],
    }
