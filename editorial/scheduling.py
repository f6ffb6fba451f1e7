"""Scheduled publishing: approving with a time, and the stories whose time passed unnoticed."""

from datetime import timedelta

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Revision

OVERDUE_AFTER = timedelta(minutes=5)


def schedule_latest_revision(page, go_live_at):
    """Sets the publish time on the revision the approval is about to publish."""
    if isinstance(go_live_at, str):
        go_live_at = parse_datetime(go_live_at)
    revision = page.get_latest_revision()
    revision.content["go_live_at"] = go_live_at.isoformat()
    revision.save(update_fields=["content"])


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


def overdue_stories(now=None):
    """(page, go_live_at) for every overdue scheduled publication."""
    found = []
    for revision in overdue_revisions(now):
        page = revision.content_object
        if page is not None:
            found.append((page.specific, revision.approved_go_live_at))
    return found
