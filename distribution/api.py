"""The read-only public API (Wagtail API v2) at /api/v2/: pages, images and documents.

Wagtail's endpoints already serve only live pages without a view restriction, and only images
and documents outside restricted collections. This adds story filters (?network=, ?topic=,
?tag=, ?reporter= by slug); ?search= goes through the site's default search backend; images and
documents are only those live public pages use (distribution.public_media); and a number out of
the database's range is a 400, never a 500.
"""

import functools
import re
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.urls import include, path
from django.utils.translation import gettext
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Site
from wagtail.utils.urlpatterns import decorate_urlpatterns

from news.models import StoryByline, StoryPage
from news.models.filters import filter_by_story_pk, known_filters
from news.portable import SOCIAL_FILTER

from .public_media import publicly_used_documents, publicly_used_images

STORY_FILTERS = ("network", "topic", "tag", "reporter")


class StoryTaxonomyFilter(BaseFilterBackend):
    """Keeps the stories in a network, topic, tag or by a reporter (the listings' filter,
    news.models.filters); an unknown slug finds none."""

    def filter_queryset(self, request, queryset, view):
        values = {name: request.GET[name] for name in STORY_FILTERS if name in request.GET}
        if not values:
            return queryset
        filters = known_filters(values)
        if filters is None:
            return queryset.none()
        return filter_by_story_pk(queryset, filters)


# The largest integer both PostgreSQL (bigint) and SQLite store; a larger OFFSET or id is a
# database error (a 500), so it is refused before any query.
LARGEST_DATABASE_INTEGER = 2**63 - 1
_WHOLE_NUMBER = re.compile(r"[0-9]+")
# Wagtail's own integer operations; model fields (id, width, ...) are found per model.
INTEGER_OPERATIONS = {"offset", "limit", "child_of", "descendant_of", "translation_of"}


def _is_integer_field(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    # Relations are left out: ?locale= takes a language code, not the Locale's id.
    return not field.is_relation and isinstance(field, models.IntegerField | models.AutoField)


class NumbersInRangeMixin:
    """Integer query parameters are whole numbers the database can hold, else a 400 saying so."""

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        for name, value in self.request.GET.items():
            if name not in INTEGER_OPERATIONS and not _is_integer_field(queryset.model, name):
                continue
            if not _WHOLE_NUMBER.fullmatch(value) or int(value) > LARGEST_DATABASE_INTEGER:
                raise BadRequestError(
                    gettext("%(name)s must be a whole number from 0 to %(largest)d")
                    % {"name": name, "largest": LARGEST_DATABASE_INTEGER}
                )


class PublicPagesAPIViewSet(NumbersInRangeMixin, PagesAPIViewSet):
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
        queryset = queryset.with_hero_renditions([SOCIAL_FILTER])
        return queryset.select_related("hero_image", "locale").prefetch_related(
            "networks",
            "topics",
            "tags",
            "corrections",
            Prefetch("bylines", queryset=StoryByline.objects.select_related("reporter")),
        )


class PublicImagesAPIViewSet(NumbersInRangeMixin, ImagesAPIViewSet):
    def get_queryset(self):
        # Listing and detail both start here: an unpublished upload is a 404 either way.
        return publicly_used_images(super().get_queryset())


class PublicDocumentsAPIViewSet(NumbersInRangeMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return publicly_used_documents(super().get_queryset())


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
        include(
            (
                decorate_urlpatterns(api_router.get_urlpatterns(), _answer_in_place),
                api_router.url_namespace,
            ),
            namespace=api_router.url_namespace,
        ),
    )
]
