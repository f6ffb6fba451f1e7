"""The inbox in the admin (ข่าวจากชุมชน): list, one tip, its photos, and the editor's actions.

Every view asks the one permission policy (tips.permissions, registered for Tip): the list
shows only the tips the user may see, and a tip's page, photo or action answers 403 to anyone
else, whatever address they type.
"""

import mimetypes

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from .actions import NoStoriesSection, answer, delete_tip, make_draft_story
from .models import MAX_TEXT_LENGTH, Tip, TipPhoto

PER_PAGE = 50


def policy():
    return policy_registry.get_by_type(Tip)


def tips_for(user, action="view"):
    return policy().instances_user_has_permission_for(user, action)


def new_tip_count(user):
    return tips_for(user).filter(status=Tip.Status.NEW).count()


def _tip(request, pk, action="view"):
    tip = get_object_or_404(Tip.objects.select_related("network", "story"), pk=pk)
    if not policy().user_has_permission_for_instance(request.user, action, tip):
        raise PermissionDenied
    return tip


class AnswerForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Answer"), max_length=MAX_TEXT_LENGTH, widget=forms.Textarea
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Tip.Status.choices)


@never_cache
def index(request):
    if not policy().user_has_permission(request.user, "view"):
        raise PermissionDenied
    tips = tips_for(request.user).select_related("network").prefetch_related("photos")
    status = request.GET.get("status", "")
    if status in Tip.Status.values:
        tips = tips.filter(status=status)
    else:
        status = ""
    return TemplateResponse(
        request,
        "tips/admin/index.html",
        {
            "tips": tips[:PER_PAGE],
            "total": tips.count(),
            "statuses": Tip.Status.choices,
            "status": status,
            "page_title": _("News from the community"),
        },
    )


@never_cache
def detail(request, pk):
    tip = _tip(request, pk)
    return TemplateResponse(
        request,
        "tips/admin/detail.html",
        {
            "tip": tip,
            "photos": tip.photos.all(),
            "answers": tip.answers.select_related("author"),
            "answer_form": AnswerForm(),
            "status_form": StatusForm(initial={"status": tip.status}),
            "may_change": policy().user_has_permission_for_instance(request.user, "change", tip),
            "may_delete": policy().user_has_permission_for_instance(request.user, "delete", tip),
            "page_title": tip.reference,
        },
    )


@never_cache
def photo(request, pk, photo_pk):
    tip = _tip(request, pk)
    item = get_object_or_404(TipPhoto, pk=photo_pk, tip=tip)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(item.file.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def change_status(request, pk):
    tip = _tip(request, pk, "change")
    form = StatusForm(request.POST)
    if form.is_valid():
        tip.status = form.cleaned_data["status"]
        tip.save(update_fields=["status"])
        log(tip, "wagtail.edit", user=request.user)
        messages.success(request, _("Status changed."))
    else:
        messages.error(request, _("Choose one of the statuses in the list."))
    return redirect("tips_admin:detail", tip.pk)


@require_POST
def make_story(request, pk):
    tip = _tip(request, pk, "change")
    if tip.story_id:
        messages.error(request, _("A story was already made from this tip."))
        return redirect("tips_admin:detail", tip.pk)
    try:
        story = make_draft_story(tip, request.user)
    except NoStoriesSection:
        messages.error(request, _("There is no stories section to put the draft in."))
        return redirect("tips_admin:detail", tip.pk)
    messages.success(request, _("A draft story was made from this tip. Check it and edit it."))
    return redirect(reverse("wagtailadmin_pages:edit", args=[story.pk]))


@require_POST
def answer_tip(request, pk):
    tip = _tip(request, pk, "change")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Write an answer of at most %(max)d characters.") % {"max": MAX_TEXT_LENGTH}
        )
        return redirect("tips_admin:detail", tip.pk)
    if answer(tip, request.user, form.cleaned_data["message"]):
        messages.success(request, _("Your answer is on its way to the sender's email."))
    else:
        messages.success(
            request, _("Your answer is noted. The sender gave no email address to send it to.")
        )
    return redirect("tips_admin:detail", tip.pk)


@never_cache
def delete(request, pk):
    tip = _tip(request, pk, "delete")
    if request.method == "POST":
        reference = tip.reference
        delete_tip(tip, request.user)
        messages.success(
            request, _("Tip %(reference)s and its photos were deleted.") % {"reference": reference}
        )
        return redirect("tips_admin:index")
    return TemplateResponse(
        request, "tips/admin/delete.html", {"tip": tip, "page_title": tip.reference}
    )
