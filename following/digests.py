"""Building and queueing the digests (``manage.py send_digests``, docs/following.md).

One run has a fixed end, ``until`` (the moment it starts). The stories that any follower of
this frequency may get, those first published after the earliest watermark and up to
``until``, are loaded once, in both languages, with what they are filed under and the URL of
their photo's small copy; memory grows with those few hundred stories, never with the number
of followers, who are read in chunks with ``.iterator(chunk_size=...)``.

Per follower, in one transaction: the watermark moves from the value read to ``until`` (only if
it still has the value read, so two runs at once cannot both send), a ``DigestSend`` row is
written (unique per follower and window), and the email is queued (a task row in the same
database). A crash anywhere before the commit leaves no trace; after it, the digest is sent by
the worker and no later run sends those stories again.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Min, Prefetch
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from background.mail import email_to_json
from media_library.renditions import SMALL_COPY_SPEC
from networks.models import Network
from news.models import ReporterProfile, StoryPage, Topic

from .consent import erase
from .mail import absolute, build_message
from .models import ConsentRecord, DigestSend, Subscriber
from .tasks import send_digest_email
from .tokens import CONFIRM_DAYS

CHUNK_SIZE = 500
# A digest lists at most this many stories (newest first) and links to the rest on the site.
MAX_STORIES = 20


@dataclass(frozen=True)
class DigestStory:
    title: str
    summary: str
    url: str
    image_url: str
    image_alt: str
    published_at: object
    networks: frozenset
    topics: frozenset
    reporters: frozenset
    district: str
    text: str = ""
    html: str = ""

    def concerns(self, follower):
        return bool(
            self.networks & follower["networks"]
            or self.topics & follower["topics"]
            or self.reporters & follower["reporters"]
            or (self.district and self.district in follower["districts"])
        )


def _small_photo_url(story):
    """The small copy made at upload, if it exists: the same URL for every reader."""
    image = story.hero_image
    if image is None:
        return ""
    for rendition in getattr(image, "prefetched_renditions", []):
        if rendition.filter_spec == SMALL_COPY_SPEC:
            return absolute(rendition.url)
    return ""


def candidate_stories(since, until):
    """{language: [DigestStory, newest first]} for stories first published in (since, until]."""
    stories = (
        StoryPage.objects.published()
        .filter(first_published_at__gt=since, first_published_at__lte=until)
        .with_hero_renditions([SMALL_COPY_SPEC])
    )
    by_language = {}
    for story in stories:
        url = story.get_url()
        if not url:
            continue
        language = story.locale.language_code.split("-")[0]
        fields = dict(
            title=story.title,
            summary=story.summary,
            url=absolute(url),
            image_url=_small_photo_url(story),
            image_alt=(story.hero_image.alt_text_for(language) if story.hero_image else ""),
            published_at=story.first_published_at,
            networks=frozenset(network.pk for network in story.networks.all()),
            topics=frozenset(topic.pk for topic in story.topics.all()),
            reporters=frozenset(byline.reporter_id for byline in story.bylines.all()),
            district=story.district,
        )
        # Rendered once per story, not once per reader: the same for everyone who gets it.
        with translation.override(language):
            fields["text"] = render_to_string("following/email/story.txt", {"story": fields})
            fields["html"] = mark_safe(  # noqa: S308 (our own template, autoescaped)
                render_to_string("following/email/story.html", {"story": fields})
            )
        by_language.setdefault(language, []).append(DigestStory(**fields))
    return by_language


def _followers(frequency):
    return (
        Subscriber.objects.confirmed()
        .filter(frequency=frequency)
        .order_by("pk")
        .prefetch_related(
            Prefetch("networks", queryset=Network.objects.only("pk")),
            Prefetch("topics", queryset=Topic.objects.only("pk")),
            Prefetch("reporters", queryset=ReporterProfile.objects.only("pk")),
        )
    )


def _follows(subscriber):
    return {
        "networks": {network.pk for network in subscriber.networks.all()},
        "topics": {topic.pk for topic in subscriber.topics.all()},
        "reporters": {reporter.pk for reporter in subscriber.reporters.all()},
        "districts": set(subscriber.districts or ()),
    }


def digest_message(subscriber, stories):
    shown = stories[:MAX_STORIES]
    with translation.override(subscriber.language):
        subject = ngettext(
            "Siang Chumchon: %(count)d new story for you",
            "Siang Chumchon: %(count)d new stories for you",
            len(stories),
        ) % {"count": len(stories)}
        context = {
            "stories": shown,
            "more": len(stories) - len(shown),
            "home_url": absolute(f"/{subscriber.language}/"),
            "frequency_label": subscriber.get_frequency_display(),
        }
        return build_message(subscriber, "digest", subject, context)


def _queue_one(subscriber, stories, until):
    """Moves the watermark, records the send and queues the email, all or nothing.
    False when another run got there first."""
    seen = subscriber.watermark
    try:
        with transaction.atomic():
            moved = Subscriber.objects.filter(
                pk=subscriber.pk,
                confirmed_at__isnull=False,
                last_digest_at=subscriber.last_digest_at,
            ).update(last_digest_at=until)
            if not moved:
                return False
            DigestSend.objects.create(
                subscriber=subscriber, since=seen, until=until, story_count=len(stories)
            )
            send_digest_email.enqueue(email_to_json(digest_message(subscriber, stories)))
    except IntegrityError:
        return False  # the same window was already sent
    return True


def _move_quiet(pks, until):
    """Followers with nothing new: their watermark moves on (never back), nothing is sent."""
    if pks:
        Subscriber.objects.filter(pk__in=pks, last_digest_at__lt=until).update(last_digest_at=until)
        Subscriber.objects.filter(pk__in=pks, last_digest_at__isnull=True).update(
            last_digest_at=until
        )


def send_digests(frequency, until=None, chunk_size=CHUNK_SIZE):
    """Queue every due digest of this frequency; returns {"queued": n, "nothing_new": n}."""
    until = until or timezone.now()
    followers = _followers(frequency)
    earliest = followers.aggregate(earliest=Min(Coalesce("last_digest_at", "confirmed_at")))[
        "earliest"
    ]
    counts = {"queued": 0, "nothing_new": 0}
    if earliest is None or earliest >= until:
        return counts
    stories = candidate_stories(earliest, until)
    quiet = []
    for subscriber in followers.iterator(chunk_size=chunk_size):
        since = subscriber.watermark
        follows = _follows(subscriber)
        due = [
            story
            for story in stories.get(subscriber.language, ())
            if since < story.published_at <= until and story.concerns(follows)
        ]
        if not due:
            counts["nothing_new"] += 1
            quiet.append(subscriber.pk)
            if len(quiet) >= chunk_size:
                _move_quiet(quiet, until)
                quiet = []
            continue
        if _queue_one(subscriber, due, until):
            counts["queued"] += 1
    _move_quiet(quiet, until)
    return counts


def forget_unconfirmed(now=None):
    """Addresses never confirmed are deleted once their confirmation link has expired (their
    consent records anonymised, as for a reader who leaves). Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=CONFIRM_DAYS)
    stale = Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
    count = 0
    for subscriber in stale.iterator(chunk_size=CHUNK_SIZE):
        erase(subscriber, ConsentRecord.Action.DELETE)
        count += 1
    return count


def describe(counts):
    return _("Digests queued: %(queued)d; followers with nothing new: %(nothing_new)d.") % counts
