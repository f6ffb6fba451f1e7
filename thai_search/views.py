"""The reader's search page, in both languages (/th/search/, /en/search/)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.rich_text import get_text_for_indexing

from news.models.filters import FILTER_NAMES
from thai_text.language import current_language

from .forms import SearchForm
from .highlight import highlight, snippet
from .search import (
    MAX_QUERY_LENGTH,
    SearchTooSlow,
    is_searchable,
    search_stories,
    suggestions,
    time_limited,
)

RESULTS_PER_PAGE = 10


def _current_locale():
    return Locale.objects.filter(language_code=current_language()).first()


def _story_text(story):
    # The body's words from its stored data (StoryPage.body_text): turning the blocks into
    # objects would load every photo of every result, two queries per result.
    return [story.summary, get_text_for_indexing(story.body_text())]


def search(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "page_title": _("Search"), "max_length": MAX_QUERY_LENGTH}
    if not form.is_bound or not form.is_valid():
        context["message"] = _("Type a word or a few words to search the stories.")
        return render(request, "thai_search/search.html", context)
    query = form.cleaned_data["q"]
    context["query"] = query
    if not query:
        context["message"] = _("Type a word or a few words to search the stories.")
    elif len(query) > MAX_QUERY_LENGTH:
        context["message"] = _(
            "Your search is longer than %(limit)d characters. Please use fewer words."
        ) % {"limit": MAX_QUERY_LENGTH}
    elif not is_searchable(query):
        context["message"] = _("Your search has no letters or numbers to look for.")
    else:
        try:
            with time_limited():
                results = search_stories(
                    query,
                    locale=_current_locale(),
                    filters={name: form.cleaned_data[name] for name in FILTER_NAMES},
                )
                page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
                page.object_list = list(page.object_list)
        except SearchTooSlow:
            context["message"] = _(
                "That search matches too many stories to sort in time. "
                "Please add a word or choose a type or network."
            )
            return render(request, "thai_search/search.html", context)
        for story in page.object_list:
            story.search_snippet = snippet(_story_text(story), query)
            story.title_marked = highlight(story.title, query)
            story.type_label = story.specific_class._meta.verbose_name
        context["results"] = page
        context["more_results"] = getattr(results, "more", False)
        if not page.object_list:
            context["suggestions"] = suggestions(query)
        params = request.GET.copy()
        params.pop("page", None)
        context["query_string"] = params.urlencode()
    return render(request, "thai_search/search.html", context)
