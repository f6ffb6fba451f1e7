"""Digests for 25,000 followers: the time to build and queue them all, and memory that does not
grow with the number of followers.

    .venv/bin/python -m pytest bench/digest_bench.py -m bench -s
    DATABASE_URL=postgres://... .venv/bin/python -m pytest bench/digest_bench.py -m bench -s

(given by path: bench/ is outside the suite's testpaths, so neither `make test` nor CI runs it).
A bilingual site with the 10 networks and STORIES stories published over the last day, a third
of them with a photo; followers bulk-created, confirmed two days ago, each following one or two
networks (some a topic or a district too), in Thai or English, daily. ``send_digests("daily")``
runs against the site's queue (django-tasks-db; no worker runs), first with 5,000 followers,
then with 25,000 (the same 5,000 and 20,000 more), each timed, with the process's resident
memory sampled during the run. The memory check is made, and the figures written, on
PostgreSQL, where the database's memory is another process's. On SQLite in memory the test
database lives in this process (about 33 KB of rows per queued email: 826 MB for 25,000, by
`PRAGMA page_count`) and the resident size grew another 128 MB between the two runs on
2026-12-04 that this bench cannot tell apart from SQLite's own allocations: there the figures
are printed, not checked.

Figures go to stdout and (PostgreSQL) bench/digest_results.json; docs/following.md quotes them.
"""

import gc
import json
import os
import random
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.mail import QUEUED_EMAIL_BACKEND
from demo import factories
from following.digests import send_digests
from following.models import DigestSend, Subscriber
from news.models import District

pytestmark = [pytest.mark.bench, pytest.mark.django_db(transaction=False)]
RESULTS = Path(__file__).resolve().parent / "digest_results.json"
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
STORIES = 300
# DIGEST_BENCH_SIZES="200,1000" for a quick try of the bench itself.
SIZES = tuple(int(n) for n in os.environ.get("DIGEST_BENCH_SIZES", "5000,25000").split(","))


def build_site(site_tree):
    index_th = factories.StoryIndexPageFactory(parent=site_tree["home_th"], slug="เรื่องราว")
    index_en = factories.StoryIndexPageFactory(
        parent=site_tree["home_en"],
        slug="stories",
        title="Stories",
        locale=site_tree["home_en"].locale,
    )
    networks = [
        factories.NetworkFactory(slug=f"network-{n}", name_th=f"เครือข่าย {n}", name_en=f"N {n}")
        for n in range(10)
    ]
    topics = [factories.TopicFactory(slug=f"topic-{n}") for n in range(5)]
    photos = [factories.ImageFactory() for _ in range(10)]
    rng = random.Random(15)
    for number in range(STORIES):
        index = index_th if number % 2 == 0 else index_en
        story = factories.published_story(
            index,
            networks=[networks[(number // 2) % 10]],
            title=f"เรื่องที่ {number} ของเครือข่าย" if number % 2 == 0 else f"Story {number}",
            summary="ชาวบ้านร่วมกันฟื้นฟูป่าชุมชนและแหล่งน้ำ" * 2,
            hero_image=photos[number % 10] if number % 3 == 0 else None,
            district=rng.choice(District.values),
        )
        hours = STORIES - number  # spread over the last day, newest last
        type(story).objects.filter(pk=story.pk).update(
            first_published_at=timezone.now() - timedelta(minutes=hours * 4),
        )
    return networks, topics


def make_followers(start, stop, networks, topics):
    rng = random.Random(stop)
    confirmed = timezone.now() - timedelta(days=2)
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"reader{n}@example.org",
                language="th" if n % 4 else "en",
                frequency="daily",
                confirmed_at=confirmed,
                last_digest_at=confirmed,
                districts=[rng.choice(District.values)] if n % 5 == 0 else [],
            )
            for n in range(start, stop)
        ],
        batch_size=2000,
    )
    network_links, topic_links = [], []
    through_networks = Subscriber.networks.through
    through_topics = Subscriber.topics.through
    new = Subscriber.objects.filter(email__in=[f"reader{n}@example.org" for n in (start, stop - 1)])
    first, last = sorted(new.values_list("pk", flat=True))
    for pk in range(first, last + 1):
        for network in rng.sample(networks, rng.choice((1, 2))):
            network_links.append(through_networks(subscriber_id=pk, network_id=network.pk))
        if pk % 7 == 0:
            topic_links.append(through_topics(subscriber_id=pk, topic_id=rng.choice(topics).pk))
    through_networks.objects.bulk_create(network_links, batch_size=5000)
    through_topics.objects.bulk_create(topic_links, batch_size=5000)


def reset():
    """Back to before the run: no digest recorded, no email queued, watermarks two days old."""
    DigestSend.objects.all().delete()
    DBTaskResult.objects.all().delete()
    then = timezone.now() - timedelta(days=2)
    Subscriber.objects.update(last_digest_at=then)


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def in_process_database_bytes():
    """The pages of SQLite's in-memory test database, which live in this process and count in
    its resident memory (826 MB for 25,000 queued emails); 0 on PostgreSQL."""
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        (pages,) = cursor.fetchone()
        cursor.execute("PRAGMA page_size")
        (page_size,) = cursor.fetchone()
    return pages * page_size


class PeakRss:
    """The process's resident memory, sampled every 20 ms by a thread while the run goes on.
    (The database is another process on PostgreSQL, so this is the command's own memory.)"""

    def __enter__(self):
        self.before = self.peak = rss_bytes()
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, rss_bytes())
            time.sleep(0.02)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, rss_bytes())
        self.database = in_process_database_bytes()


def run():
    gc.collect()
    with PeakRss() as memory:
        started = time.perf_counter()
        counts = send_digests("daily")
        seconds = time.perf_counter() - started
    return counts, seconds, memory


def test_digests_for_25000_followers(site_tree, settings):
    settings.TASKS = QUEUE
    settings.EMAIL_BACKEND = QUEUED_EMAIL_BACKEND
    networks, topics = build_site(site_tree)
    figures = {"database": connection.vendor, "stories": STORIES, "runs": []}
    made = 0
    for size in SIZES:
        started = time.perf_counter()
        make_followers(made, size, networks, topics)
        made = size
        setup_seconds = time.perf_counter() - started
        reset()
        if os.environ.get("DIGEST_BENCH_PROFILE"):
            import cProfile

            cProfile.runctx("run()", globals(), locals(), sort="cumtime")
            reset()
        counts, seconds, memory = run()
        assert counts["queued"] + counts["nothing_new"] == size
        assert DBTaskResult.objects.count() == counts["queued"]
        assert DigestSend.objects.count() == counts["queued"]
        row = {
            "followers": size,
            "digests_queued": counts["queued"],
            "seconds": round(seconds, 1),
            "digests_per_second": round(counts["queued"] / seconds),
            "rss_before_mb": round(memory.before / 1e6, 1),
            "rss_peak_mb": round(memory.peak / 1e6, 1),
            "rss_growth_mb": round((memory.peak - memory.before) / 1e6, 1),
            "in_process_database_mb": round(memory.database / 1e6, 1),
            "bulk_create_seconds": round(setup_seconds, 1),
        }
        figures["runs"].append(row)
        print(row)
    if len(SIZES) < 2:
        return
    small, large = figures["runs"]
    if connection.vendor != "postgresql":
        return
    # Memory must not grow with followers: five times as many, and the peak hardly moves.
    assert large["rss_peak_mb"] < small["rss_peak_mb"] + 50
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
