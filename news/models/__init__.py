"""Stories (news, local-wisdom articles, culture stories) and their taxonomy, by concern:
districts, taxonomy (topics and tags), reporters, pages, and the registry of story types."""

from .districts import District
from .pages import (
    CultureStoryPage,
    LocalWisdomPage,
    NewsPage,
    StoryByline,
    StoryCorrection,
    StoryIndexPage,
    StoryPage,
)
from .registry import IMPORT_TYPES, STORY_PAGE_MODELS, STORY_TYPES
from .reporters import ReporterProfile
from .taxonomy import BilingualNameMixin, Tag, TaggedStory, Topic

__all__ = [
    "IMPORT_TYPES",
    "STORY_PAGE_MODELS",
    "STORY_TYPES",
    "BilingualNameMixin",
    "CultureStoryPage",
    "District",
    "LocalWisdomPage",
    "NewsPage",
    "ReporterProfile",
    "StoryByline",
    "StoryCorrection",
    "StoryIndexPage",
    "StoryPage",
    "Tag",
    "TaggedStory",
    "Topic",
]
