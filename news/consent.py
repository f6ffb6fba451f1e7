"""Consent to publish a knowledge holder's wisdom: what counts as recorded, and which stories
lack it. A local-wisdom story may be imported or saved without it (the import contract keeps
every type-specific field optional); editors are then shown the story until they record who
agreed and how, or take the story down."""

from django.db.models import Q

from .models import LocalWisdomPage

CONSENT_FIELDS = ("consent_given_by", "consent_method")


def has_recorded_consent(values):
    """True when ``values`` (a story or a dict of its fields) says who agreed and how."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    return all(get(name) for name in CONSENT_FIELDS)


def stories_lacking_consent(network_ids=None):
    """Local-wisdom stories, live or not, without a recorded consent; newest first.

    ``network_ids`` narrows them to stories tagged with one of these networks."""
    missing = Q()
    for name in CONSENT_FIELDS:
        missing |= Q(**{name: ""})
    stories = LocalWisdomPage.objects.filter(missing)
    if network_ids is not None:
        stories = stories.filter(networks__in=network_ids).distinct()
    return stories.order_by("-latest_revision_created_at", "-pk")
