"""Thai search benchmark: quality (stock Wagtail vs thai_search, same data, same run) and speed.

    python bench/search_bench.py            # PostgreSQL quality + speed, then SQLite quality
    BENCH_DATABASE_URL=postgres://... python bench/search_bench.py

PostgreSQL database: BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/bench_search
(created if missing, its tables replaced). Results: printed, and written to bench/results.json.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_search")
STOCK = "wagtail.search.backends.database"
THAI = "thai_search.backends"
SPEED_SIZES = (10_000, 100_000)
BULK_ID_OFFSET = 1_000_000


def ensure_postgres_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build_corpus_site():
    from wagtail.models import Locale, Page

    from bench.corpus import STORIES
    from home.models import HomePage
    from networks.models import Network
    from news.models import NewsPage, StoryIndexPage

    locale = Locale.objects.get_or_create(language_code="th")[0]
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = root.add_child(instance=HomePage(title="เสียงชุมชน", slug="home", locale=locale))
    index = home.add_child(instance=StoryIndexPage(title="เรื่องราว", slug="stories"))
    network, _ = Network.objects.get_or_create(
        slug="bench", defaults={"name_th": "เครือข่ายทดสอบ", "name_en": "Bench network"}
    )
    ids = {}
    for key, (title, summary) in STORIES.items():
        page = index.add_child(
            instance=NewsPage(title=title, summary=summary, slug=key, live=False)
        )
        page.networks.set([network])
        page.save_revision().publish()
        ids[page.pk] = key
    return ids


def reindex(backend):
    from modelsearch.index import get_indexed_models

    backend.reset_indexes()
    for model in get_indexed_models():
        backend.get_index_for_model(model).add_items(model, model.get_indexed_objects())


def quality(backend_path, ids):
    from wagtail.search.backends import get_search_backend

    from bench.corpus import QUERIES
    from news.models import StoryPage

    backend = get_search_backend(backend_path)
    reindex(backend)
    found_pairs = total_pairs = false_hits = tone_false_hits = 0
    reciprocal_ranks, by_kind, misses = [], {}, []
    for query, relevant, kind in QUERIES:
        results = [ids.get(page.pk) for page in backend.search(query, StoryPage.objects.live())]
        hits = relevant & set(results)
        wrong = set(results) - relevant
        found_pairs += len(hits)
        total_pairs += len(relevant)
        false_hits += len(wrong)
        if kind == "tone":
            tone_false_hits += len(wrong)
        rank = next((i + 1 for i, key in enumerate(results) if key in relevant), None)
        reciprocal_ranks.append(1 / rank if rank else 0.0)
        stats = by_kind.setdefault(kind, [0, 0])
        stats[0] += len(hits)
        stats[1] += len(relevant)
        if relevant - hits:
            misses.append((query, sorted(relevant - hits)))
    return {
        "recall": round(found_pairs / total_pairs, 3),
        "found_pairs": found_pairs,
        "relevant_pairs": total_pairs,
        "mrr": round(statistics.mean(reciprocal_ranks), 3),
        "false_hits": false_hits,
        "tone_false_hits": tone_false_hits,
        "recall_by_kind": {kind: f"{a}/{b}" for kind, (a, b) in by_kind.items()},
        "misses": misses,
    }


def synthetic_stories(count, seed=2569):
    """Stories built from the corpus's sentences and random dictionary words (seeded)."""
    from pythainlp.corpus import thai_words

    from bench.corpus import STORIES

    rng = random.Random(seed)
    sentences = [part for _t, body in STORIES.values() for part in body.split(" ") if part]
    titles = [title for title, _b in STORIES.values()]
    vocabulary = sorted(thai_words())
    for number in range(count):
        body = " ".join(rng.choice(sentences) for _ in range(rng.randint(8, 14)))
        filler = "".join(rng.choice(vocabulary) for _ in range(rng.randint(60, 120)))
        yield f"{rng.choice(titles)} {number}", f"{body} {filler}"


def speed():
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from django.db import connection
    from django.db.models import F
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from bench.corpus import QUERIES
    from news.models import NewsPage
    from thai_search.query import to_tree, to_tsquery
    from thai_search.segmenter import get_segmenter

    results = {"segmenter": get_segmenter().engine}
    base = SPEED_SIZES[0]
    pages = [
        NewsPage(
            id=BULK_ID_OFFSET + number,
            page_ptr_id=BULK_ID_OFFSET + number,
            storypage_ptr_id=BULK_ID_OFFSET + number,
            title=title,
            summary=summary[:400],
            body=[],
        )
        for number, (title, summary) in enumerate(synthetic_stories(base))
    ]
    # The long summary stands in for the body: StreamField content is indexed as plain text too.
    for page, (_title, text) in zip(pages, synthetic_stories(base), strict=True):
        page.summary = text
        page.networks = []  # in memory: no query per unsaved page
    results["average_story_characters"] = round(
        statistics.mean(len(p.title) + len(p.summary) for p in pages)
    )
    for label, path in (("stock", STOCK), ("thai_search", THAI)):
        backend = get_search_backend(path)
        index = backend.get_index_for_model(NewsPage)
        IndexEntry.objects.filter(object_id__regex=r"^\d{7}$").delete()
        started = time.perf_counter()
        for start in range(0, base, 500):
            index.add_items(NewsPage, pages[start : start + 500])
        results[f"index_{base}_seconds_{label}"] = round(time.perf_counter() - started, 1)
        print(label, "indexing", base, results[f"index_{base}_seconds_{label}"], "s", flush=True)

    content_type_id = IndexEntry.objects.filter(object_id=str(BULK_ID_OFFSET)).values_list(
        "content_type_id", flat=True
    )[0]
    queries = [query for query, _relevant, _kind in QUERIES]
    queries += ["ก" * 5000, "'; DROP TABLE wagtailcore_page; --", '"', "😀 ช้าง"]

    def run(query):
        tree = to_tree(query)
        if tree is None:
            return []
        tsquery = SearchQuery(to_tsquery(tree), search_type="raw", config="simple")
        vector = F("title")._combine(F("body"), "||", False)
        rank = SearchRank(F("title"), tsquery) * F("title_norm") + SearchRank(F("body"), tsquery)
        return list(
            IndexEntry.objects.filter(content_type_id=content_type_id, object_id__regex=r"^\d{7}$")
            .annotate(_vector_=vector)
            .filter(_vector_=tsquery)
            .annotate(rank=rank)
            .order_by("-rank")
            .values_list("object_id", flat=True)[:20]
        )

    for size in SPEED_SIZES:
        copies = size // base
        with connection.cursor() as cursor:
            for copy in range(1, copies):
                cursor.execute(
                    """INSERT INTO wagtailsearch_indexentry
                       (content_type_id, object_id, title, autocomplete, body, title_norm,
                        title_text, body_text)
                       SELECT content_type_id, (object_id::int + %s)::text, title, autocomplete,
                              body, title_norm, title_text, body_text
                       FROM wagtailsearch_indexentry
                       WHERE content_type_id = %s AND object_id ~ '^1\\d{6}$'
                         AND object_id::int < %s
                       ON CONFLICT DO NOTHING""",
                    [copy * base, content_type_id, BULK_ID_OFFSET + base],
                )
            cursor.execute("ANALYZE wagtailsearch_indexentry")
        timings, slowest = [], []
        repeats = 3 if size <= base else 1  # keep the whole run within about 15 minutes
        for query in queries:
            if repeats > 1:
                run(query)  # warm
            for _ in range(repeats):
                started = time.perf_counter()
                matches = run(query)
                elapsed = (time.perf_counter() - started) * 1000
                timings.append(elapsed)
                slowest.append((round(elapsed), query[:30], len(matches)))
        timings.sort()
        results[f"latency_ms_{size}"] = {
            "p50": round(statistics.median(timings), 1),
            "p95": round(timings[int(len(timings) * 0.95) - 1], 1),
            "max": round(timings[-1], 1),
            "queries": len(timings),
            "slowest": sorted(slowest, reverse=True)[:5],
        }
        print(size, "stories", results[f"latency_ms_{size}"], flush=True)
    IndexEntry.objects.filter(object_id__regex=r"^\d{7}$").delete()
    return results


def summary(results, database):
    lines = [f"{database}: backend, recall (pairs), MRR, false hits (tone-mark false hits)"]
    for label, result in results.items():
        lines.append(
            f"  {label:12} {result['recall']:.3f} ({result['found_pairs']}/{result['relevant_pairs']})"
            f"  {result['mrr']:.3f}  {result['false_hits']} ({result['tone_false_hits']})"
            f"  by kind: {result['recall_by_kind']}"
        )
    return "\n".join(lines)


def main():
    role = sys.argv[1] if len(sys.argv) > 1 else "all"
    if role == "sqlite-quality":
        setup_django(os.environ["BENCH_SQLITE_URL"])
        ids = build_corpus_site()
        print(
            json.dumps(
                {
                    label: quality(path, ids)
                    for label, path in (("stock", STOCK), ("thai_search", THAI))
                }
            )
        )
        return
    ensure_postgres_database(PG_URL)
    setup_django(PG_URL)
    ids = build_corpus_site()
    report = {
        "postgresql": {
            label: quality(path, ids) for label, path in (("stock", STOCK), ("thai_search", THAI))
        }
    }
    print(summary(report["postgresql"], "PostgreSQL"), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, BENCH_SQLITE_URL=f"sqlite:///{folder}/bench.sqlite3")
        output = subprocess.run(  # noqa: S603 - this same script, another database
            [sys.executable, __file__, "sqlite-quality"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        report["sqlite"] = json.loads(output.strip().splitlines()[-1])
    print(summary(report["sqlite"], "SQLite"), flush=True)
    if role == "all":
        report["speed_postgresql"] = speed()
        print(json.dumps(report["speed_postgresql"], indent=1))
    text = json.dumps(report, ensure_ascii=False, indent=1)
    (ROOT / "bench" / "results.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
