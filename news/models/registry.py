"""The story types, gathered once from the page models that name themselves.

Each type has two stable spellings and both are contracts that never change: the public one
(``local-wisdom``) in listing addresses, ?type= filters, feeds, search and the API, and the
import one (``local_wisdom``) in import and export files (docs/import-format.md).
"""

from .pages import CultureStoryPage, LocalWisdomPage, NewsPage

STORY_PAGE_MODELS = (NewsPage, LocalWisdomPage, CultureStoryPage)
# Public spelling → model, in the order listings and the search form offer them.
STORY_TYPES = {model.type_slug: model for model in STORY_PAGE_MODELS}
# Import spelling → model.
IMPORT_TYPES = {model.import_name: model for model in STORY_PAGE_MODELS}
