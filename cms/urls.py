from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import page_urls
from distribution import api as distribution_api
from distribution import feed_urls
from distribution import urls as distribution_urls
from distribution.podcast import podcast_feed
from editorial import urls as editorial_urls
from home import views as home_views
from networks.views import colour_stylesheet

handler403 = home_views.permission_denied
handler404 = home_views.page_not_found
handler500 = home_views.server_error

# Private: the editors' side, never cached.
private_urlpatterns = editorial_urls.guarded_admin_urlpatterns + [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

# Public: what readers reach; every page carries its language prefix (/th/..., /en/...).
public_urlpatterns = [
    path("", home_views.root_redirect, name="root"),
    path("network-colours.css", colour_stylesheet, name="network_colours"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("", include(distribution_urls)),
    path("", include(distribution_api)),
    *editorial_urls.health_urlpatterns,
]

urlpatterns = private_urlpatterns + public_urlpatterns

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("podcast/<str:network_slug>/", podcast_feed, name="podcast_feed"),
    path("", include(feed_urls)),  # before the catch-all page pattern
    path("search/", include("thai_search.urls")),  # before the pages' catch-all pattern
    path("send-news/", include("tips.urls")),  # never cached (tips.views)
    path("", include(page_urls)),
    prefix_default_language=True,
)
