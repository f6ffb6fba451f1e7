from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found as django_page_not_found


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


@never_cache
def server_error(request):
    # No context processors and no database: whatever broke must not break this page too.
    template = loader.get_template("500.html")
    language = translation.get_language_from_path(request.path) or "th"
    return HttpResponseServerError(template.render({"language": language}))
