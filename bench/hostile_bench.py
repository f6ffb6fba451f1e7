"""How long each hostile request takes: the figures of docs/security.md ("Escaping and hostile
input"). Timings are recorded here, never asserted in a test.

Run from the project root (SQLite, or PostgreSQL with DATABASE_URL):

    .venv/bin/python -m pytest bench/hostile_bench.py -m bench -q -s

For every string of tests/hostile_strings.py it times, with Django's test client (no network):
a reader's search for it, a story listing and the pages API given it as every query
parameter, and the story page, RSS feed, podcast feed and API entry of a story holding it in
every field. It prints the median, 95th percentile and slowest request per channel (with the
string that was slowest) and writes every timing to var/hostile_bench.json.
"""

import json
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

from tests.hostile_strings import HOSTILE
from tests.story_helpers import module_data
from tests.test_security_strings import STORY_SLOTS, build_world, hostile_stories

pytestmark = pytest.mark.bench
OUT = Path("var/hostile_bench.json")
BATCH = 25
ORDINARY = "ข่าวงานบุญประเพณีของชุมชนบ้านท่าสว่าง"
ORDINARY_ID = "ordinary"


def query(params):
    return urlencode(params, encoding="utf-8", errors="surrogatepass")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        yield build_world()


def test_time_of_each_hostile_request(db, client, world):
    timings = {}

    def timed(channel, string_id, path):
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        assert response.status_code < 500, (channel, string_id)
        timings.setdefault(channel, []).append((elapsed, string_id))

    # The same requests with an ordinary Thai phrase: the hostile timings are read as ratios to
    # these, measured in the same run (the machine is shared and its speed varies).
    ordinary = [(f"{ORDINARY_ID}-{number}", ORDINARY) for number in range(BATCH)]
    for string_id, text in ordinary + HOSTILE:
        timed("search page", string_id, f"/th/search/?{query({'q': text})}")
        filters = {name: text for name in ("type", "network", "topic", "tag", "page")}
        timed("listing with parameters", string_id, f"{world.index.url}?{query(filters)}")
        api = {name: text for name in ("search", "network", "tag", "offset")}
        timed("API with parameters", string_id, f"/api/v2/pages/?{query(api)}")

    strings = ordinary + HOSTILE
    for start in range(0, len(strings), BATCH):
        chunk = strings[start : start + BATCH]
        batch = [{slot: (text, limit) for slot, _kind, limit in STORY_SLOTS} for _id, text in chunk]
        for (string_id, _text), story in zip(chunk, hostile_stories(world, batch), strict=True):
            n = story.slug.removeprefix("hostile-")
            timed("story page", string_id, story.url)
            timed("RSS feed", string_id, f"/th/feeds/rss/network/hostile-{n}/")
            timed("podcast feed", string_id, f"/th/podcast/hostile-{n}/")
            timed("API entry", string_id, f"/api/v2/pages/{story.pk}/")

    summary = {}
    print(f"\n{connection.vendor}: {len(HOSTILE)} hostile strings")
    print(
        "| request | ordinary median ms | count | median ms | 95th percentile ms | slowest ms (string) | median ÷ ordinary | 95th percentile ÷ ordinary |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for channel, all_values in timings.items():
        baseline = statistics.median(e for e, i in all_values if i.startswith(ORDINARY_ID))
        values = [(e, i) for e, i in all_values if not i.startswith(ORDINARY_ID)]
        seconds = sorted(elapsed for elapsed, _id in values)
        slowest, slowest_id = max(values)
        p95 = seconds[int(len(seconds) * 0.95) - 1]
        summary[channel] = {
            "ordinary_median_ms": round(baseline * 1000, 1),
            "median_ratio": round(statistics.median(seconds) / baseline, 2),
            "p95_ratio": round(p95 / baseline, 2),
            "count": len(values),
            "median_ms": round(statistics.median(seconds) * 1000, 1),
            "p95_ms": round(p95 * 1000, 1),
            "max_ms": round(slowest * 1000, 1),
            "slowest_string": slowest_id,
        }
        row = summary[channel]
        print(
            f"| {channel} | {row['ordinary_median_ms']:.0f} | {row['count']} | "
            f"{row['median_ms']:.0f} | {row['p95_ms']:.0f} | {row['max_ms']:.0f} ({slowest_id}) | "
            f"{row['median_ratio']:.2f} | {row['p95_ratio']:.2f} |"
        )
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "database": connection.vendor,
                "summary": summary,
                "timings": {
                    channel: [[round(e * 1000, 2), i] for e, i in values]
                    for channel, values in timings.items()
                },
            },
            indent=1,
        )
    )
