"""Scheduled publishing: the times an approval sets, and the stories whose time passed unnoticed."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Revision

OVERDUE_AFTER = timedelta(minutes=5)


def set_publication_times(page, go_live_at=None, expire_at=None):
    """Puts the approving editor's times on the revision the approval is about to publish.

    Both are set, empty or not: "publish now" publishes now and the story stays up unless the
    editor chose an end, whatever times the draft carried. Values come from ApproveForm, either
    as datetimes or, through Wagtail's edit view, as the ISO strings of its cleaned data.

    Writes the revision's content directly (checked against Wagtail 8.0.1, where a revision's
    content is the page's serialised fields and publishing reads go_live_at and expire_at from
    it): Wagtail's approve action publishes the latest revision as it is, with no hook for times.
    """
    revision = page.get_latest_revision()
    encoder = DjangoJSONEncoder()
    for name, value in (("go_live_at", go_live_at), ("expire_at", expire_at)):
        value = _as_datetime(value)
        revision.content[name] = encoder.default(value) if value else None
    revision.save(update_fields=["content"])


def _as_datetime(value):
    if not value:
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else value
    if not isinstance(parsed, datetime):
        raise PermissionDenied(f"Not a date and time: {value!r}")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def overdue_revisions(now=None):
    """Approved page revisions whose publish time passed more than five minutes ago.

    ``publish_scheduled`` publishes these and clears ``approved_go_live_at``; any left over mean
    the scheduler is not running or failed.
    """
    now = now or timezone.now()
    return (
        Revision.page_revisions.filter(approved_go_live_at__lt=now - OVERDUE_AFTER)
        .select_related("user")
        .order_by("approved_go_live_at")
    )


def overdue_stories(now=None, user=None):
    """(page, go_live_at) for every overdue scheduled publication; with a user, only the stories
    that user may edit or publish (an overdue story is not live: its title is not public)."""
    found = []
    for revision in overdue_revisions(now):
        page = revision.content_object
        if page is None:
            continue
        page = page.specific
        if user is not None:
            permissions = page.permissions_for_user(user)
            if not (permissions.can_edit() or permissions.can_publish()):
                continue
        found.append((page, revision.approved_go_live_at))
    return found
