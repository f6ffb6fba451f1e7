"""Stories (news, local-wisdom articles, culture stories) and their taxonomy, by concern:
districts, taxonomy (topics and tags), reporters, the story pages and their queryset (the
manager), the registry of story types, the one story filter (filters.py) and the stories
section with the listings it serves (index.py, listing.py). Nothing here imports the package
itself or a news module outside it, so no import leads back in.
"""

from .districts import District
from .index import StoryIndexPage
from .pages import (
    CultureStoryPage,
    LocalWisdomPage,
    NewsPage,
    StoryByline,
    StoryCorrection,
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
