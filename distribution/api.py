"""The read-only public API (Wagtail API v2) at /api/v2/: pages, images and documents.

Wagtail's endpoints already serve only live pages without a view restriction, and only images
and documents outside restricted collections. This adds story filters (?network=, ?topic=,
?tag=, ?reporter= by slug); ?search= goes through the site's default search backend.
"""

import functools
from urllib.parse import unquote

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.urls import path
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Site
from wagtail.utils.urlpatterns import decorate_urlpatterns

from news.models import StoryByline, StoryPage

from .portable import SOCIAL_FILTER

STORY_FILTERS = {
    "network": "networks__slug",
    "topic": "topics__slug",
    "tag": "tagged_items__tag__slug",
    "reporter": "bylines__reporter__slug",
}


class StoryTaxonomyFilter(BaseFilterBackend):
    """Keeps the stories in a network, topic, tag or by a reporter; an unknown slug finds none."""

    def filter_queryset(self, request, queryset, view):
        lookups = {
            lookup: request.GET[parameter]
            for parameter, lookup in STORY_FILTERS.items()
            if parameter in request.GET
        }
        if not lookups:
            return queryset
        stories = StoryPage.objects.filter(**lookups).values("pk")
        return queryset.filter(pk__in=stories)


class BoundedPagination(WagtailPagination):
    """Wagtail 8.0.1 hands any ?offset= integer to the database, which fails (a 500) on one
    past 64 bits; an offset beyond any listing is a 400 like Wagtail's other offset errors."""

    MAX_OFFSET = 1_000_000_000

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        if offset.strip().isdigit() and int(offset) > self.MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {self.MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    pagination_class = BoundedPagination
    filter_backends = [
        backend for backend in PagesAPIViewSet.filter_backends if backend is not SearchFilter
    ] + [StoryTaxonomyFilter, SearchFilter]  # search must stay last
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(STORY_FILTERS)

    def find_object(self, queryset, request):
        # Wagtail routes html_path from the site root, which knows nothing of the /th/ and /en/
        # prefixes: start from the root's translation in the path's language instead.
        site = Site.find_for_request(request)
        components = [unquote(part) for part in request.GET.get("html_path", "").split("/") if part]
        if site is None or not components or components[0] not in dict(settings.LANGUAGES):
            return super().find_object(queryset, request)
        root = (
            site.root_page.get_translations(inclusive=True)
            .filter(locale__language_code=components[0])
            .first()
        )
        if root is None:
            return None
        try:
            page, _, _ = root.specific.route(request, components[1:])
        except Http404:
            return None
        return page if queryset.filter(id=page.id).exists() else None

    def get_queryset(self):
        queryset = super().get_queryset()
        if not issubclass(queryset.model, StoryPage):
            return queryset
        # One query per relation for the whole listing, not one per story.
        renditions = (
            get_image_model().get_rendition_model().objects.filter(filter_spec=SOCIAL_FILTER)
        )
        return queryset.select_related("hero_image", "locale").prefetch_related(
            "networks",
            "topics",
            "tags",
            "corrections",
            Prefetch("bylines", queryset=StoryByline.objects.select_related("reporter")),
            Prefetch("hero_image__renditions", queryset=renditions),
        )


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    pagination_class = BoundedPagination


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    pagination_class = BoundedPagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)


def _answer_in_place(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        # LocaleMiddleware turns any 404 outside /th/ and /en/ into a redirect to /th/<path>
        # (the catch-all page pattern matches there), so an API client asking for a missing or
        # private page would get an HTML page. With a URLconf that has no language prefixes
        # for this request, the API's own JSON 404 reaches the client.
        request.urlconf = __name__
        return view(request, *args, **kwargs)

    return wrapper


urlpatterns = [
    path(
        "api/v2/",
        (
            decorate_urlpatterns(api_router.get_urlpatterns(), _answer_in_place),
            *api_router.urls[1:],
        ),
    )
]
