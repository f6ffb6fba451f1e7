"""Feed URLs, included inside i18n_patterns: /th/feeds/rss/, /en/feeds/atom/network/media/ ..."""

from django.urls import path, register_converter
from django.views.decorators.cache import cache_control

from . import feeds


class ScopeConverter:
    regex = "|".join(feeds.SCOPES)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ScopeConverter, "feed_scope")

# Feed readers poll; ten minutes of caching in browsers and proxies spares the database.
cacheable = cache_control(public=True, max_age=600)
rss = cacheable(feeds.StoryRssFeed())
atom = cacheable(feeds.StoryAtomFeed())

app_name = "feeds"
urlpatterns = [
    path("feeds/rss/", rss, name="rss"),
    path("feeds/atom/", atom, name="atom"),
    path("feeds/rss/<feed_scope:scope>/<str:slug>/", rss, name="rss_scoped"),
    path("feeds/atom/<feed_scope:scope>/<str:slug>/", atom, name="atom_scoped"),
]
