"""StoryPage's manager: the one optimised story queryset that pages, feeds, sitemaps, search
and the API all start from (``StoryPage.objects.published(locale).with_listing_images()``).

A PageQuerySet subclass through ``PageManager.from_queryset``, as Wagtail documents for custom
page managers; the story types (NewsPage, ...) inherit it, so ``NewsPage.objects.published()``
lists live news only.
"""

from django.db import connections, models
from django.db.models import BooleanField, Exists, OuterRef, Prefetch
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Substr
from django.db.models.query import ModelIterable
from wagtail.images import get_image_model
from wagtail.models import PageManager, PageQuerySet, PageViewRestriction

from core.compiled_queries import evaluate, padded
from media_library.renditions import attach_drawn_renditions, drawn_specs

from .taxonomy import TaggedStory

# The renditions components/picture.html may draw (media_library.renditions keeps the list);
# prefetching exactly these lets a listing draw every card's image without one query per story,
# the small copy included while the full set is being made.
LISTING_IMAGE_FILTERS = drawn_specs("")
# What a card shows and what its address is made from (Wagtail's Page.get_url_parts reads the
# url_path and the locale): loading the rest of a page's columns, the body's JSON above all,
# cost a listing of 32 cards about a tenth of its time. A field a card reads that is not here
# costs a query per card, which tests/test_query_budgets.py would count.
CARD_FIELDS = (
    *("title", "url_path", "path", "depth", "live", "locale", "content_type", "alias_of"),
    *("translation_key", "first_published_at", "last_published_at", "summary", "hero_image"),
)


class StoryQuerySet(PageQuerySet):
    # The rendition specs whose rows are read for the hero photos once the stories are
    # loaded (``with_listing_images``); None reads none.
    _hero_specs_drawn = None
    # Whether the stories' networks are read once they are loaded (``cards``): a card shows
    # them. ``prefetch_related(None)`` turns it off with the other prefetches.
    _networks_attached = False

    def _clone(self):
        # Django's QuerySet._clone copies only its own attributes (checked against Django 5.2).
        clone = super()._clone()
        clone._hero_specs_drawn = self._hero_specs_drawn
        clone._networks_attached = self._networks_attached
        return clone

    def prefetch_related(self, *lookups):
        clone = super().prefetch_related(*lookups)
        if lookups == (None,):
            clone._networks_attached = False
        return clone

    def _fetch_all(self):
        # Every way a queryset is read (iteration, len, bool, slicing, a paginator) loads its
        # rows here: the networks' and the renditions' rows follow, one more query each.
        loading = self._result_cache is None
        super()._fetch_all()
        if not loading or not self._result_cache:
            return
        if self._networks_attached and isinstance(self._result_cache[0], models.Model):
            attach_networks(self._result_cache)
        if self._hero_specs_drawn and self._iterable_class is ModelIterable:
            attach_drawn_renditions(
                [story.hero_image for story in self._result_cache], self._hero_specs_drawn
            )

    def public_in_one_query(self):
        """Stories in no private section, as Wagtail's ``public()`` (checked against 8.0.1),
        in the same query: Wagtail first reads every view restriction of the site in a query
        of its own, once per list. Here a page is private when a restricted page's path begins
        its path (it or an ancestor is restricted), asked in a subquery. (The search backends
        accept no subquery in a filter: searches start from ``published()``.)"""
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return self.exclude(Exists(restricted))

    def published(self, locale=None):
        """Live, public stories, newest first, with everything a listing shows prefetched."""
        byline_model = self.model._meta.get_field("bylines").related_model
        return self._newest_first(self.live().public(), locale).prefetch_related(
            "networks",
            "topics",
            "tags",
            Prefetch(
                "bylines",
                queryset=byline_model.objects.select_related("reporter").order_by("sort_order"),
            ),
        )

    def cards(self, locale=None):
        """The same stories with only what a story card shows (``{% story_card %}``):
        type, title, summary, date, hero image and member networks, and no other column
        (``CARD_FIELDS``). Pages that draw cards use this (with ``with_listing_images()``):
        three queries per list, whatever its length."""
        cards = self._newest_first(self.live().public_in_one_query(), locale).only(*CARD_FIELDS)
        cards._networks_attached = True
        return cards

    @staticmethod
    def _newest_first(stories, locale):
        # Not the content type: a story's class comes from Django's ContentType cache
        # (Wagtail's ``cached_content_type``), and joining it cost every list a table.
        stories = stories.select_related("hero_image", "locale").order_by(
            "-first_published_at", "-pk"
        )
        return stories.filter(locale=locale) if locale is not None else stories

    def with_hero_renditions(self, filter_specs):
        """Prefetch these renditions of the hero images (Wagtail's prefetch_renditions, through
        the FK): the one place listings, feeds and the API ask for their photos' renditions."""
        rendition_model = get_image_model().get_rendition_model()
        return self.prefetch_related(
            Prefetch(
                "hero_image__renditions",
                queryset=rendition_model.objects.filter(filter_spec__in=list(filter_specs)),
                to_attr="prefetched_renditions",
            )
        )

    def with_listing_images(self):
        """The renditions a story card draws, read as rows (``DrawnRendition``) once the
        stories are loaded: one query for the whole list, and no model instance per rendition
        (a home page draws 416)."""
        clone = self._chain()
        clone._hero_specs_drawn = LISTING_IMAGE_FILTERS
        return clone

    def sharing_with(self, story_pk):
        """Stories sharing a network, topic or tag with the story ``story_pk``, itself left out.

        For each link table, whether the story has a link there to one of that story's own
        (``EXISTS``, by its primary key: nothing of the story's own needs loading first). Read
        newest first, PostgreSQL stops at the first few matches: with 100,000 stories this
        costs about a millisecond, where ``IN (every story sharing something)`` built that
        whole set first, about 50 ms. Written as SQL (names from the models, the outer column
        from the query's own alias) because the same three ``Exists`` built from querysets cost
        a cold story page about 10% more instructions (docs/performance.md).
        """
        stories = self._chain()
        quote = connections[self.db].ops.quote_name
        outer_pk = f"{quote(stories.query.get_initial_alias())}.{quote(self.model._meta.pk.column)}"
        conditions = []
        for through, own, other in (
            (self.model.networks.through, "storypage", "network"),
            (self.model.topics.through, "storypage", "topic"),
            (TaggedStory, "content_object", "tag"),
        ):
            table = quote(through._meta.db_table)
            own_column = quote(through._meta.get_field(own).column)
            other_column = quote(through._meta.get_field(other).column)
            conditions.append(
                f"EXISTS (SELECT 1 FROM {table} link WHERE link.{own_column} = {outer_pk} "  # noqa: S608 - names from the models
                f"AND link.{other_column} IN "
                f"(SELECT {other_column} FROM {table} WHERE {own_column} = %s))"
            )
        shared = RawSQL(  # noqa: S611 - the story's pk is a parameter
            f"({' OR '.join(conditions)})", (story_pk,) * len(conditions), BooleanField()
        )
        return stories.filter(shared).exclude(pk=story_pk)


StoryManager = PageManager.from_queryset(StoryQuerySet)


def attach_networks(stories):
    """Each story's member networks, read in one query whose SQL is compiled once
    (``core.compiled_queries``) and kept where ``story.networks.all()`` reads them, as
    ``prefetch_related_objects(stories, "networks")`` keeps them (checked against Django
    5.2.19's ``prefetch_one_level``: the manager's queryset with its result cache filled).
    Django's prefetch builds and compiles its query on every call: 1.7 ms of a cold story
    page's 21 ms for the story and its four related cards (docs/performance.md).

    The links are read as plain rows and each network becomes one instance, shared by every
    story it is linked to: there are ten networks, and a home page links them 112 times, which
    as model instances (a link and its network each) cost it about 5% of its time."""
    stories = [story for story in stories if story.pk is not None]
    if not stories:
        return
    through = type(stories[0])._meta.get_field("networks").remote_field.through
    network_model = through._meta.get_field("network").related_model
    network_fields = network_model._meta.concrete_fields
    rows = evaluate(
        ("networks of stories", through),
        lambda story_ids: (
            through.objects.filter(storypage_id__in=story_ids)
            # Network's own ordering, as the prefetch reads it.
            .order_by("network__sort_order", "network__name_en", "network_id")
            .values_list("storypage_id", *(f"network__{field.name}" for field in network_fields))
        ),
        padded(sorted({story.pk for story in stories})),
    )
    field_names = [field.attname for field in network_fields]
    pk_index = field_names.index(network_model._meta.pk.attname)
    networks = {}
    by_story = {}
    for story_id, *values in rows:
        network = networks.get(values[pk_index])
        if network is None:
            network = networks[values[pk_index]] = network_model.from_db(
                through.objects.db, field_names, values
            )
        by_story.setdefault(story_id, []).append(network)
    for story in stories:
        networks_of_story = story.networks.get_queryset()
        networks_of_story._result_cache = list(by_story.get(story.pk, ()))
        networks_of_story._prefetch_done = True
        if not hasattr(story, "_prefetched_objects_cache"):
            story._prefetched_objects_cache = {}
        story._prefetched_objects_cache["networks"] = networks_of_story
