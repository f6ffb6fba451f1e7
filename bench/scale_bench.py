"""The 100,000-story benchmark: story pages, listings, filters, network and reporter pages, the
last page of a listing, feeds, sitemaps and Thai search, timed one request at a time with the
page cache off.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/siang make bench     # with the rest
    DATABASE_URL=postgres://... .venv/bin/python -m pytest bench/scale_bench.py -m bench -q -s

PostgreSQL only: the test is skipped unless DATABASE_URL names a PostgreSQL database (SQLite
is not what a site of this size runs on). The stories live in a database of their own,
``SCALE_DATABASE_URL``, by default DATABASE_URL's name with ``_100k`` added
(``siang`` → ``siang_100k``): created and filled by bench/bulk_stories.py on the first run
(a few minutes), reused as it is afterwards (``SCALE_REBUILD=1`` starts it again).
``SCALE_STORIES`` changes the number (100,000).

Each address is requested once to warm the process (imports, templates, the database's own
buffers), then ``SCALE_REPEATS`` times (20) through Django's test client in one process with
the production middleware, no Redis and ``PAGE_CACHE_SECONDS=0``: every request renders from
scratch ("cold" for the application; the database is warm, as on a server that has been up
for a minute). Timings are percentiles of those requests; the SQL columns come from one more
request per address with the queries recorded. The table replaces the region between
``<!-- bench:scale:begin -->`` and ``<!-- bench:scale:end -->`` of docs/performance.md.
"""

import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.harness import region, replace_region  # noqa: E402  (ROOT on the path first, when run as a script)

DOC = ROOT / "docs" / "performance.md"
STORIES = int(os.environ.get("SCALE_STORIES", "100000"))
REPEATS = int(os.environ.get("SCALE_REPEATS", "20"))
SEARCHES = ["ผ้าไหม", "ช้าง", "ข้าวหอมมะลิ", "สมุนไพร พื้นบ้าน", '"งานช้างสุรินทร์"']

pytestmark = pytest.mark.bench


def is_postgres(url):
    return (url or "").startswith(("postgres://", "postgresql://"))


def scale_database_url():
    url = os.environ.get("SCALE_DATABASE_URL")
    if url:
        return url
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_100k"))


@pytest.mark.skipif(
    not is_postgres(os.environ.get("DATABASE_URL")),
    reason="the 100,000-story bench runs on PostgreSQL only (set DATABASE_URL)",
)
def test_scale_bench():
    # Its own process: its own database (not the test database pytest-django made) and
    # settings read afresh, with the page cache off.
    env = dict(
        os.environ,
        DATABASE_URL=scale_database_url(),
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        PAGE_CACHE_SECONDS="0",
    )
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, __file__], env=env, check=True, cwd=ROOT)  # noqa: S603
    assert "Not measured yet" not in region(DOC.read_text(encoding="utf-8"), "scale")


# The measuring process -------------------------------------------------------------------


def ensure_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        if os.environ.get("SCALE_REBUILD") == "1":
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def build_if_needed():
    from django.core.management import call_command

    from bench.bulk_stories import build_stories, ensure_site
    from news.models import StoryPage

    call_command("migrate", verbosity=0, interactive=False)
    have = StoryPage.objects.count()
    if have >= STORIES:
        return f"reused: {have:,} stories already there"
    ensure_site(demo=True)
    result = build_stories(
        STORIES - StoryPage.objects.count(),
        progress=lambda done, seconds: print(f"  {done:,} stories, {seconds:.0f} s", flush=True),
    )
    return (
        f"built by bench/bulk_stories.py in {result.seconds / 60:.1f} minutes "
        f"({result.indexed_seconds / 60:.1f} of them writing the search index)"
    )


def addresses():
    """(label, path) of each page measured, found in the database."""
    from django.db.models import Count

    from networks.models import Network
    from news.models import ReporterProfile, StoryIndexPage, StoryPage, Topic
    from news.models.listing import STORIES_PER_PAGE

    index = StoryIndexPage.objects.get(locale__language_code="th")
    count = StoryPage.objects.published(index.locale_id).count()
    last = -(-count // STORIES_PER_PAGE)
    network = Network.objects.annotate(n=Count("stories")).order_by("-n").first()
    topic = Topic.objects.annotate(n=Count("stories")).order_by("-n").first()
    reporter = ReporterProfile.objects.annotate(n=Count("bylines")).order_by("-n").first()
    tag = (
        StoryPage.tags.through.objects.values("tag__slug")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["tag__slug"]
    )
    newest = StoryPage.objects.published(index.locale_id).first()
    oldest = StoryPage.objects.published(index.locale_id).order_by("first_published_at").first()
    stories = index.url
    urls = [
        ("a story (the newest)", newest.url),
        ("a story (the oldest)", oldest.url),
        ("stories, page 1", stories),
        (f"stories, last page ({last:,})", f"{stories}?page={last}"),
        ("stories, page 5,000", f"{stories}?page=5000"),
        ("one type (local wisdom)", index.listing_url("type", "local-wisdom")),
        ("one tag", index.listing_url("tag", tag)),
        ("one district", index.listing_url("district", "prasat")),
        ("reporter page", index.listing_url("reporter", reporter.slug)),
        (
            "filters: network + type + topic",
            f"{index.listing_url('network', network.slug)}?type=news&topic={topic.slug}",
        ),
        ("filters, last page", f"{index.listing_url('topic', topic.slug)}?type=news&page=99999"),
        ("network page", network.get_url("th")),
        ("RSS, all stories", "/th/feeds/rss/"),
        ("Atom, one network", f"/en/feeds/atom/network/{network.slug}/"),
        ("sitemap.xml", "/sitemap.xml"),
        ("sitemap, last part", "/sitemap.xml?p=last"),
        ("news sitemap", "/news-sitemap.xml"),
    ]
    urls += [(f"search: {query}", f"/th/search/?q={quote(query)}") for query in SEARCHES]
    return urls


def measure(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)  # warm-up: the process, not the page (no page cache)
    assert response.status_code == 200, (path, response.status_code)
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    slowest = max((float(q["time"]) * 1000 for q in queries.captured_queries), default=0)
    timings.sort()

    def percentile(share):
        return timings[min(len(timings) - 1, round(share * (len(timings) - 1)))]

    return {
        "p50": statistics.median(timings),
        "p95": percentile(0.95),
        "p99": percentile(0.99),
        "queries": len(queries.captured_queries),
        "slowest_sql": slowest,
        "bytes": len(response.content),
    }


def sitemap_last_part(client):
    """/sitemap.xml is an index when the site has more addresses than one part holds."""
    body = client.get("/sitemap.xml").content.decode()
    parts = re.findall(r"<loc>[^<]*?(/sitemap[^<]*)</loc>", body)
    return parts[-1].replace("&amp;", "&") if parts else "/sitemap.xml"


def machine():
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0].split()[0]
    memory = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1]
    load = Path("/proc/loadavg").read_text().split()[:3]
    return (
        f"{os.cpu_count()} cores (`nproc`: {subprocess.check_output(['nproc'], text=True).strip()}), "  # noqa: S607
        f"{int(memory) / 1024 / 1024:.0f} GB RAM, {platform.python_implementation()} "
        f"{platform.python_version()}, Django {django.get_version()}, PostgreSQL {pg}; "
        f"load average at the end of the run {' / '.join(load)} (1 / 5 / 15 minutes)"
    )


def write_section(rows, built, stories):
    lines = [
        "## 100,000 stories (`bench/scale_bench.py`)",
        "",
        f"{stories:,} published stories (both languages, three types, 10 networks, "
        f"tags, topics, districts, reporters, eight years of dates), {built}. Machine: "
        f"{machine()}: the machine was shared with other work, so read the figures as "
        f"upper bounds and compare rows with each other. Django's test client in one "
        f"process, production middleware, page cache off (`PAGE_CACHE_SECONDS=0`, no Redis): "
        f"every request renders from scratch. {REPEATS} timed requests per address after one "
        f"warm-up; target p95 under 200 ms.",
        "",
        "| page | p50 ms | p95 ms | p99 ms | SQL queries | slowest query ms | KB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, result in rows:
        lines.append(
            f"| {label} | {result['p50']:.0f} | {result['p95']:.0f} | {result['p99']:.0f} "
            f"| {result['queries']} | {result['slowest_sql']:.0f} | {result['bytes'] / 1024:.0f} |"
        )
    under = sum(1 for _label, result in rows if result["p95"] < 200)
    lines += [
        "",
        f"{under} of {len(rows)} addresses had a p95 under 200 ms in this run.",
        "",
        "The stories come from `bench/bulk_stories.py`, not `manage.py import_stories`: the",
        "import (news/interchange) validates a file, writes revisions, log entries and the",
        "reference index and adds each page to Wagtail's tree one at a time (`add_child`); the",
        "bulk builder generates its records, computes treebeard's paths itself, writes the",
        "page, story and story-type rows, links, tags and bylines with multi-row INSERTs per",
        "table and batch, and the search index through the backend's own `add_items` (same",
        "Thai analysis, each distinct text analysed once). No revisions, no log entries, no",
        "renditions. The import stays the way real stories come in.",
        "",
        "What keeps these pages fast (docs/stories.md, docs/search.md): the index",
        "`news_live_story_listing_order` (live stories of a language, newest first; on",
        "PostgreSQL it carries `path` and the content type too), listings counted and paged",
        "through from Wagtail's page table alone (index-only scans, no join with the story",
        "table), `news_page_children_by_depth_path` (menus: a page's children),",
        "`core_page_url_path` (routing finds a page by its address without reading the whole",
        "page table), listings and sitemap parts that read a page's keys from the nearer end",
        "(the last page costs what the first does), a sitemap index of 500-page parts counted",
        "once from `distribution_live_pages_by_path`, and a search that counts at most 201",
        "matches from the GIN index and ranks at most 200.",
        "",
        "Rerun: `DATABASE_URL=postgres://… make bench` (or this file alone, see its docstring).",
    ]
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(replace_region(text, "scale", "\n".join(lines)), encoding="utf-8")


def main():
    url = os.environ["DATABASE_URL"]
    ensure_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from django.test import Client

    from bench.bulk_stories import use_media_root

    use_media_root()

    from news.models import StoryPage

    built = build_if_needed()
    print(built, flush=True)
    client = Client(HTTP_HOST="localhost")
    rows = []
    for label, path in addresses():
        if path == "/sitemap.xml?p=last":
            path = sitemap_last_part(client)
        result = measure(client, path)
        print(
            f"{label:40} {path[:60]:60} " + " ".join(f"{k}={v:.0f}" for k, v in result.items()),
            flush=True,
        )
        rows.append((label, result))
    write_section(rows, built, StoryPage.objects.count())


if __name__ == "__main__":
    main()
