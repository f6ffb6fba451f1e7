"""Builds many published stories fast, for the 100,000-story benchmark (bench/scale_bench.py).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/siang_scale_100k \\
        .venv/bin/python bench/bulk_stories.py --stories 100000

or from Python: ``build_stories(100_000)`` (the site skeleton, networks, topics and reporters
must exist: ``ensure_site()`` makes them with the demo's own loaders).

How it differs from ``manage.py import_stories`` (news/interchange), the real way stories come
in, which stays the one to use for anything but benchmark data:

* no file, no validation: records are generated here (Thai and English titles and bodies from
  bench/corpus.py and the demo's stories, spread over the 10 networks, topics, tags, 17
  districts, reporters, the three story types, both languages and eight years of dates);
* Wagtail's tree is written directly: treebeard's materialised paths are computed here
  (``Page._get_path``) and the page, story and story-type rows go in with one multi-row
  INSERT per table and chunk, instead of ``add_child`` one page at a time; the stories
  section's ``numchild`` is updated once per chunk;
* no revisions, no log entries, no reference index, no ``page_published`` signal and no
  renditions: the stories are live from the start (an editor opening one sees the page itself,
  as for any page without a revision);
* the search index is written in bulk through the backend's own ``add_items`` (the same Thai
  analysis as a published story gets), with the analysis of repeated texts memoised: bodies
  and titles come from pools, so each distinct text is segmented once.

100,000 stories take a few minutes on PostgreSQL (figures in docs/performance.md).
"""

import argparse
import datetime
import os
import random
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHUNK = 2000
BODY_POOL = 3000
TITLE_POOL = 4000
YEARS = 8
ENGLISH_SHARE = 0.25  # one Thai story in four has its English translation
TYPE_WEIGHTS = {"news": 6, "local-wisdom": 2, "culture": 2}


def use_media_root():
    """The test settings give every process a fresh temporary MEDIA_ROOT; the 100,000-story
    database is reused across runs, so its demo photos and renditions live in one folder
    (``SCALE_MEDIA_ROOT``, default var/scale-media). Call right after django.setup()."""
    from django.conf import settings

    folder = Path(os.environ.get("SCALE_MEDIA_ROOT", ROOT / "var" / "scale-media"))
    folder.mkdir(parents=True, exist_ok=True)
    settings.MEDIA_ROOT = str(folder)


@dataclass
class BuildResult:
    created: int
    seconds: float
    indexed_seconds: float


def ensure_site(demo=False):
    """The demo's networks, site skeleton (both languages), topics, reporters and stories
    sections; idempotent, as the demo loaders are. With ``demo``, the whole demo site
    (``load_demo``: accounts, its 30 stories and their photos, whose images the bulk stories
    then share as hero images)."""
    from demo import site, stories

    if demo:
        # The demo accounts get a random password: nobody signs in to benchmark data.
        os.environ.setdefault("DEMO_PASSWORD", uuid.uuid4().hex)
        site.load_all()
    site.load_networks()
    site.load_site()
    stories.load_topics()
    stories.load_reporters()
    _story_sections()


def _story_sections():
    from wagtail.models import Locale

    from demo import factories
    from demo.pages import ensure_child
    from home.models import HomePage

    thai = Locale.objects.get(language_code="th")
    english = Locale.objects.get(language_code="en")
    index_th = ensure_child(
        HomePage.objects.get(locale=thai, depth=2),
        factories.StoryIndexPageFactory,
        "เรื่องราว",
        thai,
        title="เรื่องราว",
        show_in_menus=True,
    )
    ensure_child(
        HomePage.objects.get(locale=english, depth=2),
        factories.StoryIndexPageFactory,
        "stories",
        english,
        translation_of=index_th,
        title="Stories",
        show_in_menus=True,
    )


# Texts ------------------------------------------------------------------------------------


class Texts:
    """Pools of Thai and English titles, summaries and bodies, built once from a seed."""

    def __init__(self, rng):
        from pythainlp.corpus import thai_words

        from bench.corpus import STORIES as CORPUS
        from demo.story_content import STORIES as DEMO

        # Whole paragraphs: the corpus's bodies (each written for the search benchmark's
        # queries) and the demo's.
        thai_sentences = [body for _t, body in CORPUS.values()]
        for story in DEMO:
            thai_sentences.extend(story["body_th"])
        english_sentences = [p for story in DEMO for p in story["body_en"]]
        titles_th = [title for title, _b in CORPUS.values()] + [s["title_th"] for s in DEMO]
        summaries_th = [s["summary_th"] for s in DEMO] + [
            body[:300] for _t, body in CORPUS.values()
        ]
        vocabulary = sorted(thai_words())
        places = ["บ้านท่าสว่าง", "บ้านตากลาง", "บ้านจารพัต", "ตำบลเมืองที", "บ้านโคกตาล"]

        def thai_body():
            sentences = [rng.choice(thai_sentences) for _ in range(rng.randint(4, 9))]
            filler = "".join(rng.choice(vocabulary) for _ in range(rng.randint(30, 70)))
            return [*sentences[:-1], f"{sentences[-1]} {filler}"]

        self.bodies_th = [thai_body() for _ in range(BODY_POOL)]
        self.bodies_en = [
            [rng.choice(english_sentences) for _ in range(rng.randint(3, 6))]
            for _ in range(BODY_POOL // 4)
        ]
        self.titles_th = [
            f"{rng.choice(titles_th)} {rng.choice(places)} {rng.choice(vocabulary)}"
            for _ in range(TITLE_POOL)
        ]
        self.titles_en = [s["title_en"] for s in DEMO]
        self.summaries_th = summaries_th
        self.summaries_en = [s["summary_en"] for s in DEMO]
        self.tags = sorted({rng.choice(vocabulary) for _ in range(400)} | set(places))[:300]


def _body_value(paragraphs):
    return [
        {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}
        for text in paragraphs
    ]


@lru_cache(maxsize=20_000)
def _words(text):
    from thai_text.reading_time import count_words

    return count_words(text)


def _reading_minutes(summary, paragraphs):
    """What StoryPage.save() stores, with each distinct text counted once (the pools repeat)."""
    from thai_text.reading_time import minutes_for_words

    return minutes_for_words(_words(summary) + sum(_words(text) for text in paragraphs))


@contextmanager
def memoised_analysis():
    """The Thai analysis of each distinct text done once while building (it is a pure
    function of the text; the pools repeat texts across many stories)."""
    from thai_search import analysis

    original = analysis.index_text
    analysis.index_text = lru_cache(maxsize=20_000)(original)
    try:
        yield
    finally:
        analysis.index_text = original


@contextmanager
def deferred_title_norms(index_class):
    """The backend's index refreshes every new entry's title weight after each batch, with
    an UPDATE that reads the whole index table (no index on ``title_norm``): quadratic over
    100,000 stories. Done once at the end instead."""
    refresh = index_class._refresh_title_norms
    index_class._refresh_title_norms = lambda self, full=False: None
    try:
        yield
    finally:
        index_class._refresh_title_norms = refresh


# Building ---------------------------------------------------------------------------------


class Builder:
    def __init__(self, seed):
        from wagtail.images import get_image_model

        from networks.models import Network
        from news.models import ReporterProfile, StoryIndexPage, Tag, Topic

        self.rng = random.Random(seed)
        self.texts = Texts(self.rng)
        self.now = datetime.datetime.now(tz=datetime.UTC)
        self.sections = {
            index.locale.language_code: index
            for index in StoryIndexPage.objects.select_related("locale").order_by("path")
        }
        if {"th", "en"} - set(self.sections):
            raise RuntimeError("Both stories sections are needed first: run ensure_site().")
        self.networks = list(Network.objects.all())
        if not self.networks:
            raise RuntimeError("No member network: run ensure_site() first.")
        self.topics = list(Topic.objects.all())
        self.reporters = list(ReporterProfile.objects.all())
        self.images = list(get_image_model().objects.values_list("pk", flat=True)[:50])
        self.tags = []
        for name in self.texts.tags:
            tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
            self.tags.append(tag)

    def records(self, count):
        """(language, translation_key, fields) per story; English ones follow their Thai."""
        from news.models.districts import District

        rng = self.rng
        kinds = list(TYPE_WEIGHTS)
        weights = list(TYPE_WEIGHTS.values())
        districts = [value for value, _label in District.choices]
        made = 0
        while made < count:
            kind = rng.choices(kinds, weights)[0]
            first = self.now - datetime.timedelta(seconds=rng.randint(3600, YEARS * 365 * 86400))
            shared = {
                "kind": kind,
                "first": first,
                "last": first + datetime.timedelta(days=1) if rng.random() < 0.1 else first,
                "networks": rng.sample(self.networks, rng.choice((1, 1, 1, 2, 3))),
                "topics": rng.sample(self.topics, min(len(self.topics), rng.choice((0, 1, 2)))),
                "tags": rng.sample(self.tags, rng.choice((0, 1, 2, 3))),
                "reporters": rng.sample(self.reporters, min(len(self.reporters), 1)),
                "district": rng.choice(districts) if rng.random() < 0.8 else "",
                "image": rng.choice(self.images) if self.images and rng.random() < 0.85 else None,
                "key": uuid.uuid4(),
            }
            yield "th", shared
            made += 1
            if made < count and rng.random() < ENGLISH_SHARE:
                yield "en", shared
                made += 1

    def story(self, language, shared, number):
        from news.models import STORY_TYPES, LocalWisdomPage

        texts, rng = self.texts, self.rng
        model = STORY_TYPES[shared["kind"]]
        if language == "th":
            title = rng.choice(texts.titles_th)
            summary = rng.choice(texts.summaries_th)
            body = rng.choice(texts.bodies_th)
        else:
            title = rng.choice(texts.titles_en)
            summary = rng.choice(texts.summaries_en)
            body = rng.choice(texts.bodies_en)
        section = self.sections[language]
        slug = f"{'เรื่อง' if language == 'th' else 'story'}-{number}"
        page = model(
            title=title,
            draft_title=title,
            slug=slug,
            url_path=f"{section.url_path}{slug}/",
            locale_id=section.locale_id,
            translation_key=shared["key"],
            live=True,
            has_unpublished_changes=False,
            first_published_at=shared["first"],
            last_published_at=shared["last"],
            summary=summary,
            body=_body_value(body),
            reading_minutes=_reading_minutes(summary, tuple(body)),
            district=shared["district"],
            hero_image_id=shared["image"],
        )
        if model is LocalWisdomPage:
            page.holder_name = "แม่ทองใบ ใจดี"
            page.practice = LocalWisdomPage.Practice.WEAVING_DYEING
        elif shared["kind"] == "culture":
            page.tradition = "งานช้างสุรินทร์"
        return page

    def write(self, pages):
        """The rows of these pages (already given ids, paths and content types), in bulk."""
        from django.db import connection
        from wagtail.models import Page

        from news.models import StoryPage

        by_model = {}
        for page in pages:
            by_model.setdefault(type(page), []).append(page)
        for model in (Page, StoryPage, *by_model):
            rows = pages if model in (Page, StoryPage) else by_model[model]
            fields = model._meta.local_concrete_fields
            # Django's bulk_create refuses multi-table models; this is what it does per table.
            for start in range(0, len(rows), 500):
                model._base_manager._insert(
                    rows[start : start + 500], fields=fields, using=connection.alias
                )

    def write_relations(self, pages, records):
        from news.models import StoryByline, StoryPage, TaggedStory

        networks_link = StoryPage.networks.through
        topics_link = StoryPage.topics.through
        networks, topics, tags, bylines = [], [], [], []
        for page, (_language, shared) in zip(pages, records, strict=True):
            networks += [
                networks_link(storypage_id=page.pk, network_id=n.pk) for n in shared["networks"]
            ]
            topics += [topics_link(storypage_id=page.pk, topic_id=t.pk) for t in shared["topics"]]
            tags += [TaggedStory(content_object_id=page.pk, tag_id=t.pk) for t in shared["tags"]]
            bylines += [
                StoryByline(story_id=page.pk, reporter_id=r.pk, sort_order=order)
                for order, r in enumerate(shared["reporters"])
            ]
            # Held in memory for the search index (its RelatedFields read them, no query).
            page.networks = shared["networks"]
        for model, rows in (
            (networks_link, networks),
            (topics_link, topics),
            (TaggedStory, tags),
            (StoryByline, bylines),
        ):
            model.objects.bulk_create(rows, batch_size=1000)

    def index(self, pages):
        from django.db.models import prefetch_related_objects
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        by_model = {}
        for page in pages:
            by_model.setdefault(type(page), []).append(page)
        for model, objs in by_model.items():
            index = backend.get_index_for_model(model)
            for start in range(0, len(objs), 500):
                batch = objs[start : start + 500]
                # Their tags are searched too: one query for the batch instead of one a story.
                prefetch_related_objects(batch, "tags")
                index.add_items(model, batch)


def build_stories(count, *, seed=2569, chunk=CHUNK, progress=None):
    """Adds ``count`` live stories (both languages) under the existing stories sections."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import F, Max
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    started = time.perf_counter()
    indexing = 0.0
    builder = Builder(seed)
    records = builder.records(count)
    content_types = {}
    created = 0
    # The last step of each section's children's paths (treebeard's numbering, base 36).
    steps = {}
    for language, section in builder.sections.items():
        last = Page.objects.filter(depth=section.depth + 1, path__startswith=section.path)
        last = last.order_by("-path").values_list("path", flat=True).first()
        steps[language] = Page._str2int(last[-Page.steplen :]) if last else 0
    from news.models import StoryPage

    search_index = get_search_backend().get_index_for_model(StoryPage)
    with memoised_analysis(), deferred_title_norms(type(search_index)):
        while created < count:
            batch = [next(records) for _ in range(min(chunk, count - created))]
            with transaction.atomic():
                next_id = (Page.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
                pages = []
                for offset, (language, shared) in enumerate(batch):
                    section = builder.sections[language]
                    steps[language] += 1
                    page = builder.story(language, shared, next_id + offset)
                    model = type(page)
                    if model not in content_types:
                        content_types[model] = ContentType.objects.get_for_model(model)
                    page.id = page.page_ptr_id = page.storypage_ptr_id = next_id + offset
                    page.content_type = content_types[model]
                    page.depth = section.depth + 1
                    page.path = Page._get_path(section.path, page.depth, steps[language])
                    page.numchild = 0
                    pages.append(page)
                builder.write(pages)
                for language, section in builder.sections.items():
                    added = sum(1 for lang, _s in batch if lang == language)
                    if added:
                        Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + added)
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(no_style(), [Page]):
                        cursor.execute(sql)
                builder.write_relations(pages, batch)
                indexing_started = time.perf_counter()
                builder.index(pages)
                indexing += time.perf_counter() - indexing_started
            created += len(batch)
            if progress:
                progress(created, time.perf_counter() - started)
    search_index._refresh_title_norms()
    if connection.vendor == "postgresql" and connection.get_autocommit():
        # What autovacuum does on a running site after a while: statistics for the planner
        # and the visibility map that lets counts and key lookups read indexes only.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return BuildResult(created, time.perf_counter() - started, indexing)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2569)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    use_media_root()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    ensure_site(demo=True)
    result = build_stories(
        args.stories,
        seed=args.seed,
        progress=lambda done, seconds: print(f"{done} stories, {seconds:.0f} s", flush=True),
    )
    print(
        f"{result.created} stories in {result.seconds:.0f} s (search index {result.indexed_seconds:.0f} s)"
    )


if __name__ == "__main__":
    main()
