"""The interchange format's vocabulary: story types, keys and their limits, read from the models."""

from news.models import IMPORT_TYPES, CultureStoryPage, LocalWisdomPage, NewsPage, StoryPage

FORMAT_KEY = "stories"

# The import spelling of each story type ("local_wisdom"), from the one registry.
STORY_TYPES = IMPORT_TYPES
TYPE_OF_MODEL = {model: name for name, model in STORY_TYPES.items()}
LOCALES = ("th", "en")

REQUIRED_KEYS = ("ref", "type", "locale", "title", "networks")
COMMON_KEYS = REQUIRED_KEYS + (
    "translation_of",
    "summary",
    "body",
    "topics",
    "tags",
    "district",
    "reporters",
    "published_at",
    "draft",
    "hero_image",
    "hero_image_alt",
    "hero_image_credit",
    "corrections",
)
# Type-specific fields, all optional in a file. Each key is the model field of the same name.
TYPE_KEYS = {
    LocalWisdomPage: (
        "holder_name",
        "holder_role",
        "holder_village",
        "holder_district",
        "practice",
        "consent_given_by",
        "consent_date",
        "consent_method",
        "licence",
    ),
    CultureStoryPage: (
        "tradition",
        "occurs_on",
        "lunar_timing",
        "place",
    ),
    NewsPage: (),
}
ALL_TYPE_KEYS = {key for fields in TYPE_KEYS.values() for key in fields}
CORRECTION_KEYS = ("date", "text")

REF_MAX_LENGTH = StoryPage._meta.get_field("import_ref").max_length
TITLE_MAX_LENGTH = StoryPage._meta.get_field("title").max_length
SUMMARY_MAX_LENGTH = StoryPage._meta.get_field("summary").max_length
TAG_MAX_LENGTH = 100
ALT_MAX_LENGTH = 255
CREDIT_MAX_LENGTH = 255
