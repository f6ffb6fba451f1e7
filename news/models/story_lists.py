"""A served story's four lists (topics, tags, bylines with their reporters, corrections) in one
query instead of four.

Each list is one branch of a ``UNION ALL``: the same columns in every branch (a branch fills
the ones its rows need and leaves the rest NULL, each column of one type so PostgreSQL can
unite them), each row numbered in its list's own order by the database, so the lists keep
the order their relations give (Topic's ``name_en`` in the database's collation, tags in the
order they were added, bylines and corrections by their ``sort_order``). The rows become the
same model instances those relations build (``Model.from_db``). Three queries fewer on every
story page (docs/performance.md, sixteenth session); ``tests/test_query_budgets.py`` compares
the lists with the relations'.
"""

from django.apps import apps
from django.db import connection
from django.db.models import (
    BigIntegerField,
    CharField,
    DateField,
    F,
    IntegerField,
    TextField,
    Value,
    Window,
)
from django.db.models.functions import Cast, RowNumber

from .reporters import ReporterProfile
from .taxonomy import Tag, Topic

TOPICS, TAGS, BYLINES, CORRECTIONS = range(4)
# The columns every branch has, in order, and their types.
COLUMNS = {
    "list": IntegerField,
    "position": IntegerField,
    "row_id": BigIntegerField,
    "text_a": CharField,
    "text_b": CharField,
    "text_c": CharField,
    "long_text": TextField,
    "number_a": BigIntegerField,
    "number_b": BigIntegerField,
    "number_c": BigIntegerField,
    "number_d": BigIntegerField,
    "number_e": BigIntegerField,
    "day": DateField,
}
REPORTER_FIELDS = ("id", "user_id", "display_name", "slug", "photo_id", "network_id", "bio")


def _branch(queryset, kind, order_by, **columns):
    """One list's rows in COLUMNS, NULL where ``columns`` names nothing."""
    annotations = {}
    for name, field in COLUMNS.items():
        if name == "list":
            annotations[name] = Value(kind, output_field=IntegerField())
        elif name == "position":
            annotations[name] = Window(RowNumber(), order_by=order_by)
        else:
            annotations[name] = Cast(columns.get(name, Value(None)), output_field=field())
    return queryset.order_by().annotate(**annotations).values_list(*COLUMNS)


def story_lists_query(story_pk):
    """The rows of the four lists of the story ``story_pk``, in list and position order."""
    # The story's own module imports this one.
    StoryByline = apps.get_model("news", "StoryByline")
    StoryCorrection = apps.get_model("news", "StoryCorrection")
    return (
        _branch(
            Topic.objects.filter(stories=story_pk),
            TOPICS,
            [F("name_en").asc()],
            row_id=F("id"),
            text_a=F("name_th"),
            text_b=F("name_en"),
            text_c=F("slug"),
        )
        .union(
            _branch(
                Tag.objects.filter(tagged_stories__content_object=story_pk),
                TAGS,
                [F("tagged_stories__id").asc()],
                row_id=F("id"),
                text_a=F("name"),
                text_c=F("slug"),
            ),
            _branch(
                StoryByline.objects.filter(story=story_pk),
                BYLINES,
                [F("sort_order").asc(), F("id").asc()],
                row_id=F("id"),
                number_a=F("sort_order"),
                number_b=F("reporter_id"),
                text_a=F("reporter__display_name"),
                text_c=F("reporter__slug"),
                long_text=F("reporter__bio"),
                number_c=F("reporter__photo_id"),
                number_d=F("reporter__network_id"),
                number_e=F("reporter__user_id"),
            ),
            _branch(
                StoryCorrection.objects.filter(story=story_pk),
                CORRECTIONS,
                [F("corrected_on").asc(), F("sort_order").asc(), F("id").asc()],
                row_id=F("id"),
                number_a=F("sort_order"),
                long_text=F("text"),
                day=F("corrected_on"),
            ),
            all=True,
        )
        .order_by("list", "position")
    )


def story_lists(story_pk, rows):
    """{context name: list} from the rows of ``story_lists_query``."""
    db = connection.alias
    StoryByline = apps.get_model("news", "StoryByline")
    StoryCorrection = apps.get_model("news", "StoryCorrection")
    lists = {"story_topics": [], "story_tags": [], "bylines": [], "corrections": []}
    for kind, _position, row_id, text_a, text_b, text_c, long_text, *numbers, day in rows:
        number_a, number_b, number_c, number_d, number_e = numbers
        if kind == TOPICS:
            lists["story_topics"].append(
                Topic.from_db(
                    db, ["id", "name_th", "name_en", "slug"], [row_id, text_a, text_b, text_c]
                )
            )
        elif kind == TAGS:
            lists["story_tags"].append(
                Tag.from_db(db, ["id", "name", "slug"], [row_id, text_a, text_c])
            )
        elif kind == BYLINES:
            byline = StoryByline.from_db(
                db,
                ["id", "sort_order", "story_id", "reporter_id"],
                [row_id, number_a, story_pk, number_b],
            )
            byline.reporter = ReporterProfile.from_db(
                db,
                REPORTER_FIELDS,
                [number_b, number_e, text_a, text_c, number_c, number_d, long_text],
            )
            lists["bylines"].append(byline)
        else:
            lists["corrections"].append(
                StoryCorrection.from_db(
                    db,
                    ["id", "sort_order", "story_id", "corrected_on", "text"],
                    [row_id, number_a, story_pk, day, long_text],
                )
            )
    return lists
