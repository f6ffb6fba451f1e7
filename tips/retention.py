"""Senders' names and contact details are kept for settings.TIPS_CONTACT_RETENTION_DAYS (90 by
default) and then erased; the tip's text, photos and consent record stay for the editors.
Backups older than BACKUP_RETENTION_DAYS are pruned (docs/operations.md), so an erased contact
leaves the backups within that many days more."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Tip


def tips_to_erase(now=None):
    cutoff = (now or timezone.now()) - timedelta(days=settings.TIPS_CONTACT_RETENTION_DAYS)
    has_contact = (
        ~Q(sender_name="") | ~Q(contact_phone="") | ~Q(contact_line="") | ~Q(contact_email="")
    )
    return Tip.objects.filter(created_at__lt=cutoff).filter(has_contact)


def erase_old_contacts(now=None):
    """Erase and return how many tips' contact details were erased."""
    now = now or timezone.now()
    count = 0
    for tip in tips_to_erase(now):
        tip.erase_contact(now)
        count += 1
    return count
