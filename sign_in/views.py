import math
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_credentials
from django.contrib import messages
from django.contrib.auth import get_user_model, logout, user_login_failed
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.log_actions import log

from . import two_factor
from .forms import AuthenticatorCodeForm, CodeForm

# New recovery codes wait here until the user says they have kept them: shown once.
_NEW_CODES_SESSION_KEY = "sign_in_new_recovery_codes"
_WRONG_CODE = gettext_lazy("That code is not right. Check the time on your phone and try again.")


def _next_url(request, default=None):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("wagtailadmin_home")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): a page, in the site's look."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60)
    response = TemplateResponse(
        request, "sign_in/locked_out.html", {"minutes": minutes}, status=429
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response.render()


@require_http_methods(["GET", "POST"])
def verify(request):
    """After the password: a code from the authenticator app, or a recovery code."""
    user = request.user
    next_url = _next_url(request)
    if user.is_verified() or not user_has_device(user):
        return HttpResponseRedirect(next_url)
    form = CodeForm(request.POST or None)
    form.fields["code"].label = _("Code from your authenticator app, or a recovery code")
    if form.is_valid():
        # Wrong codes count with wrong passwords against the same user name and address.
        credentials = get_credentials(username=user.get_username())
        if not AxesProxyHandler.is_allowed(request, credentials):
            logout(request)
            return locked_out(request, credentials=credentials)
        try:
            device = two_factor.verify_code(user, form.cleaned_data["code"])
        except two_factor.Throttled as throttled:
            form.add_error("code", _wait_message(throttled.seconds))
        else:
            if device is not None:
                otp_login(request, device)
                if isinstance(device, StaticDevice):
                    left = two_factor.recovery_codes_left(user)
                    messages.warning(request, _recovery_codes_left_message(left))
                return HttpResponseRedirect(next_url)
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                logout(request)
                return locked_out(request, credentials=credentials)
            form.add_error("code", _WRONG_CODE)
    return TemplateResponse(request, "sign_in/verify.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up an authenticator app: scan the QR code (or type the secret), confirm a code."""
    user = request.user
    if user_has_device(user) and not user.is_verified():
        return redirect("sign_in_verify")
    next_url = _next_url(request)
    device = two_factor.pending_authenticator(user)
    form = AuthenticatorCodeForm(request.POST or None)
    if form.is_valid():
        try:
            confirmed = two_factor.confirm_authenticator(device, form.cleaned_data["code"])
        except two_factor.Throttled as throttled:
            form.add_error("code", _wait_message(throttled.seconds))
        else:
            if confirmed:
                otp_login(request, device)
                request.session[_NEW_CODES_SESSION_KEY] = two_factor.new_recovery_codes(user)
                messages.success(request, _("Two-step sign-in is on."))
                return HttpResponseRedirect(
                    reverse("sign_in_recovery_codes") + "?" + urlencode({"next": next_url})
                )
            form.add_error("code", _WRONG_CODE)
    context = {
        "form": form,
        "next": next_url,
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret_for_typing(device),
        "required": two_factor.must_use_two_factor(user),
        "replacing": two_factor.authenticator(user) is not None,
    }
    return TemplateResponse(request, "sign_in/setup.html", context)


@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """New recovery codes are shown once; the user prints, downloads or copies them."""
    user = request.user
    if not user_has_device(user):
        return redirect("sign_in_manage")
    action = request.POST.get("action")
    if action == "new":
        request.session[_NEW_CODES_SESSION_KEY] = two_factor.new_recovery_codes(user)
        return redirect("sign_in_recovery_codes")
    if action == "done":
        request.session.pop(_NEW_CODES_SESSION_KEY, None)
        return HttpResponseRedirect(_next_url(request, reverse("sign_in_manage")))
    context = {
        "codes": request.session.get(_NEW_CODES_SESSION_KEY),
        "codes_left": two_factor.recovery_codes_left(user),
        "next": _next_url(request, reverse("sign_in_manage")),
    }
    return TemplateResponse(request, "sign_in/recovery_codes.html", context)


def download_recovery_codes(request):
    codes = request.session.get(_NEW_CODES_SESSION_KEY)
    if not codes:
        return redirect("sign_in_recovery_codes")
    text = "\n".join(
        [
            _("Siang Chumchon: recovery codes for %(username)s")
            % {"username": request.user.get_username()},
            _("Each code works once, in place of a code from your authenticator app."),
            "",
            *codes,
            "",
        ]
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="siang-chumchon-recovery-codes.txt"'
    return response


@require_http_methods(["GET", "POST"])
def manage(request):
    """The user's own two-step sign-in: what is set up, new recovery codes, remove."""
    user = request.user
    if request.method == "POST" and request.POST.get("action") == "remove":
        two_factor.remove_two_factor(user)
        log(instance=user, action="sign_in.two_factor_removed", user=user)
        messages.success(request, _("Two-step sign-in has been removed from your account."))
        return redirect("sign_in_manage")
    context = {
        "authenticator": two_factor.authenticator(user),
        "codes_left": two_factor.recovery_codes_left(user),
        "required": two_factor.must_use_two_factor(user),
    }
    return TemplateResponse(request, "sign_in/manage.html", context)


@require_http_methods(["GET", "POST"])
def reset_for_user(request, user_id):
    """An administrator resets someone's second factor, e.g. after a lost phone."""
    if not request.user.is_superuser:
        raise PermissionDenied
    account = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        two_factor.remove_two_factor(account)
        log(instance=account, action="sign_in.two_factor_reset", user=request.user)
        messages.success(
            request,
            _("Two-step sign-in reset for %(name)s.") % {"name": account.get_username()},
        )
        return redirect("wagtailusers_users:index")
    context = {
        "account": account,
        "has_two_factor": user_has_device(account),
        "required": two_factor.must_use_two_factor(account),
    }
    return TemplateResponse(request, "sign_in/reset_for_user.html", context)


def _wait_message(seconds):
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second and try again.",
        "Too many wrong codes. Wait %(seconds)d seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


def _recovery_codes_left_message(left):
    return ngettext(
        "You used a recovery code. %(count)d code is left: make new ones in your account.",
        "You used a recovery code. %(count)d codes are left: make new ones in your account.",
        left,
    ) % {"count": left}
