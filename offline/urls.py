"""The manifest and the offline page carry a language prefix (cms/urls.py puts them in
i18n_patterns, before the pages' catch-all); the worker lives at the site's root."""

from django.urls import path

from . import views

root_urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
]

language_urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="web_manifest"),
    # _offline: no editor's page can take this slug (Wagtail's own /_util/ does the same).
    path("_offline/", views.offline_page, name="offline_page"),
]
