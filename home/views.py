import sys
from functools import cache

from django.contrib.staticfiles import finders
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import page_not_found as django_page_not_found

FAVICON = "img/favicon.ico"  # 16, 32 and 48 pixels, made from img/siang-chumchon-logo.png


def root_redirect(request):
    """'/' sends the reader to their language's home page (Thai unless the browser prefers English)."""
    language = translation.get_language_from_request(request, check_path=False)
    return HttpResponseRedirect(f"/{language}/")


def page_not_found(request, exception=None):
    return django_page_not_found(request, exception, template_name="404.html")


@never_cache
def permission_denied(request, exception=None):
    """A refused request, said in Thai and English, on a page that fits a phone."""
    admin_home = reverse("wagtailadmin_home")
    in_admin = request.path.startswith(admin_home)
    language = translation.get_language_from_path(request.path) or "th"
    context = {"in_admin": in_admin, "back_url": admin_home if in_admin else f"/{language}/"}
    return render(request, "403.html", context, status=403)


# The database cannot be reached (restarting, or the connection dropped mid-request): the site
# recovers by itself within seconds (docs/operations.md, "Faults"), so say "try again soon".
_DATABASE_AWAY = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10


@never_cache
def server_error(request):
    # No context processors and no database: whatever broke must not break this page too.
    language = translation.get_language_from_path(request.path) or "th"
    # Django calls this view while it handles the exception, so the exception is at hand.
    if isinstance(sys.exc_info()[1], _DATABASE_AWAY):
        template = loader.get_template("503.html")
        response = HttpResponse(template.render({"language": language}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"language": language}))


@cache
def _favicon_bytes():
    with open(finders.find(FAVICON), "rb") as icon:
        return icon.read()


@require_safe
@cache_control(public=True, max_age=30 * 24 * 60 * 60)
def favicon(request):
    """/favicon.ico, which browsers ask for on every site whatever the page links to."""
    return HttpResponse(_favicon_bytes(), content_type="image/x-icon")
