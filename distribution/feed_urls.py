"""Feed URLs, included inside i18n_patterns: /th/feeds/rss/, /en/feeds/atom/network/media/ ..."""

from django.urls import path, register_converter

from . import feeds


class ScopeConverter:
    regex = "|".join(feeds.SCOPES)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ScopeConverter, "feed_scope")

app_name = "feeds"
urlpatterns = [
    path("feeds/rss/", feeds.StoryRssFeed(), name="rss"),
    path("feeds/atom/", feeds.StoryAtomFeed(), name="atom"),
    path("feeds/rss/<feed_scope:scope>/<str:slug>/", feeds.StoryRssFeed(), name="rss_scoped"),
    path("feeds/atom/<feed_scope:scope>/<str:slug>/", feeds.StoryAtomFeed(), name="atom_scoped"),
]
