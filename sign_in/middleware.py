"""A session that owes its second factor may only pay it or sign out.

Every sign-in form ends with django.contrib.auth.login(); whichever one a user came through
(Wagtail's admin login, the page-privacy login, any added later), this middleware stands in
front of every view, so a password alone reaches nothing: not the admin, not a private page.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from .two_factor import Step, step_owed

# What the page that takes the code (or sets up the app) needs around it, besides itself.
_ALWAYS_OPEN = {"wagtailadmin_logout", "wagtailadmin_javascript_catalog", "wagtailadmin_sprite"}
_STEP_VIEWS = {Step.VERIFY: "sign_in_verify", Step.ENROL: "sign_in_setup"}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = step_owed(request.user)
        if step is not None and _url_name(request.path_info) not in {
            _STEP_VIEWS[step],
            *_ALWAYS_OPEN,
        }:
            target = reverse(_STEP_VIEWS[step])
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        return self.get_response(request)


def _url_name(path):
    try:
        return resolve(path).url_name
    except Resolver404:
        return None
