import json

from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag, require_safe

from .worker import worker_script

# The site's colours (static/css/site.css: --accent, --paper), for the phone's bars and splash.
THEME_COLOUR = "#0b5c3b"
BACKGROUND_COLOUR = "#fffdf8"


def _script_version(request):
    return worker_script()[1]


@require_safe
@etag(_script_version)
def service_worker(request):
    """/sw.js: the worker at the site's root, so its scope is the whole site. Browsers ask for it
    again on every visit to see whether it changed: no-cache and an ETag make that answer a few
    hundred bytes (304) until a release changes it."""
    script, _version = worker_script()
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    patch_cache_control(response, no_cache=True)
    return response


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def manifest(request):
    """The web app manifest in the page's language: installing from a Thai page gives the Thai
    name and opens /th/; from an English page, the English name and /en/."""
    language = get_language()
    home = f"/{language}/"
    data = {
        "lang": language,
        "dir": "ltr",
        "name": _("Siang Chumchon"),
        "short_name": _("Siang Chumchon"),
        "description": _(
            "Community news from the member networks of the Community Organization "
            "Network Development Association, Surin"
        ),
        "id": home,
        "start_url": home,
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/manifest+json; charset=utf-8",
    )


@require_safe
@cache_control(public=True, max_age=60 * 60)
def offline_page(request):
    """What the worker shows for a page it has not kept while there is no network; it keeps
    one copy per language from the moment it is installed."""
    return render(request, "offline/offline.html", {"page_title": _("You are offline")})
