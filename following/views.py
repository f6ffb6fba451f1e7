"""The reader's pages: follow, check your email, confirm, manage (change, download, delete),
unsubscribe. Every one is ``never_cache`` (``Cache-Control: private, no-store``...): they carry
a CSRF form or a reader's own link, and no shared cache may keep them.

A link that is forged, altered, expired or no longer in use gets one clear page (status 400)
and changes nothing.
"""

import json

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from networks.models import Network
from news.models import District, ReporterProfile, Topic
from thai_text.language import current_language

from . import consent, limits
from .forms import ChoicesForm, FollowForm
from .mail import send_already_following, send_confirmation
from .models import ConsentRecord, Subscriber
from .tokens import manage_token, subscriber_for_confirm, subscriber_for_manage

PREFILL_LIMIT = 100  # characters of a slug in a follow link's query string


def _prefill(request):
    """Initial choices from a follow link (?network=slug&reporter=slug...): unknown values are
    ignored, never an error."""

    def slugs(name):
        return [value[:PREFILL_LIMIT] for value in request.GET.getlist(name)[:10]]

    initial = {
        "networks": list(Network.objects.filter(slug__in=slugs("network"))),
        "topics": list(Topic.objects.filter(slug__in=slugs("topic"))),
        "reporters": list(ReporterProfile.objects.filter(slug__in=slugs("reporter"))),
        "districts": [slug for slug in slugs("district") if slug in District.values],
        "language": current_language(),
        "source": request.GET.get("from", "")[:200],
    }
    return initial


def _apply(subscriber, data):
    subscriber.language = data["language"]
    subscriber.frequency = data["frequency"]
    subscriber.districts = sorted(data["districts"])
    subscriber.save()
    subscriber.networks.set(data["networks"])
    subscriber.topics.set(data["topics"])
    subscriber.reporters.set(data["reporters"])


def _refused(request, form):
    return render(
        request,
        "following/follow.html",
        {
            "form": form,
            "page_title": _("Follow by email"),
            "refusal": _(
                "Too many requests to follow from here in the last few minutes. Nothing was "
                "saved and no email was sent. Please try again in ten minutes."
            ),
        },
        status=429,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow(request):
    if request.method != "POST":
        form = FollowForm(initial=_prefill(request))
        return render(
            request, "following/follow.html", {"form": form, "page_title": _("Follow by email")}
        )
    form = FollowForm(request.POST)
    if not form.is_valid():
        return render(
            request, "following/follow.html", {"form": form, "page_title": _("Follow by email")}
        )
    email = form.cleaned_data["email"]
    if not limits.client_allowed(request) or not limits.email_allowed(email):
        return _refused(request, form)
    existing = Subscriber.objects.filter(email=email).first()
    if existing is not None and existing.is_confirmed:
        send_already_following(existing)
        return redirect("following:check_email")
    try:
        with transaction.atomic():
            subscriber = existing or Subscriber(email=email)
            _apply(subscriber, form.cleaned_data)
            consent.record(
                subscriber,
                ConsentRecord.Action.SUBSCRIBE,
                form.chosen(),
                form.cleaned_data["source"] or request.path,
            )
            send_confirmation(subscriber)
    except IntegrityError:
        pass  # the same address sent twice at once: the first request's email is on its way
    return redirect("following:check_email")


@never_cache
@require_safe
def check_email(request):
    return render(request, "following/check_email.html", {"page_title": _("Check your email")})


def _bad_link(request):
    return render(
        request,
        "following/bad_link.html",
        {"page_title": _("This link does not work")},
        status=400,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    subscriber = subscriber_for_confirm(token)
    if subscriber is None:
        return _bad_link(request)
    if request.method == "POST" and not subscriber.is_confirmed:
        with transaction.atomic():
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["confirmed_at"])
            consent.record(subscriber, ConsentRecord.Action.CONFIRM, source=request.path)
        return redirect("following:manage", token=manage_token(subscriber))
    if subscriber.is_confirmed:
        return redirect("following:manage", token=manage_token(subscriber))
    return render(
        request,
        "following/confirm.html",
        {"page_title": _("Confirm that you follow"), "subscriber": subscriber},
    )


def _initial(subscriber):
    return {
        "networks": list(subscriber.networks.all()),
        "topics": list(subscriber.topics.all()),
        "reporters": list(subscriber.reporters.all()),
        "districts": list(subscriber.districts or []),
        "frequency": subscriber.frequency,
        "language": subscriber.language,
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = subscriber_for_manage(token)
    if subscriber is None:
        return _bad_link(request)
    saved = False
    if request.method == "POST":
        form = ChoicesForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                _apply(subscriber, form.cleaned_data)
                consent.record(subscriber, ConsentRecord.Action.CHANGE, form.chosen(), request.path)
            saved = True
    else:
        form = ChoicesForm(initial=_initial(subscriber))
    return render(
        request,
        "following/manage.html",
        {
            "page_title": _("Your email subscription"),
            "subscriber": subscriber,
            "form": form,
            "token": token,
            "saved": saved,
        },
    )


@never_cache
@require_safe
def export(request, token):
    subscriber = subscriber_for_manage(token)
    if subscriber is None:
        return _bad_link(request)
    body = json.dumps(consent.export(subscriber), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="siang-chumchon-subscription.json"'
    return response


@never_cache
@require_POST
def delete(request, token):
    subscriber = subscriber_for_manage(token)
    if subscriber is None:
        return _bad_link(request)
    consent.erase(subscriber, ConsentRecord.Action.DELETE, source=request.path)
    return render(
        request,
        "following/gone.html",
        {"page_title": _("Everything is deleted"), "deleted": True},
    )


@never_cache
@csrf_exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" with no cookie
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscriber = subscriber_for_manage(token)
    if subscriber is None:
        return _bad_link(request)
    if request.method == "POST":
        consent.erase(subscriber, ConsentRecord.Action.UNSUBSCRIBE, source=request.path)
        return render(request, "following/gone.html", {"page_title": _("You are unsubscribed")})
    return render(
        request,
        "following/unsubscribe.html",
        {"page_title": _("Unsubscribe"), "subscriber": subscriber},
    )
