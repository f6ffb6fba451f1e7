"""The public side: the tip form and its thank-you page (/th/send-news/, /en/send-news/).

Never cached (never_cache): the form carries a CSRF token and, when re-shown, what the reader
wrote. Refusals are messages on the form, with the reader's text kept.
"""

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .forms import TipForm
from .limits import address_refused, count_tip, session_refused
from .models import Tip
from .notifications import tell_editors
from .photos import store_photos

LAST_REFERENCE = "tips_last_reference"
# What a refused reader's form shows again (photos cannot be: browsers never refill a file input).
KEPT_FIELDS = (
    "text",
    "district",
    "place",
    "network",
    "sender_name",
    "contact_phone",
    "contact_line",
    "contact_email",
)


def _refusal(request):
    if session_refused(request):
        return _(
            "You have sent %(limit)d tips in the last %(minutes)d minutes. Thank you! Please "
            "wait a few minutes before sending another; your text is kept below."
        ) % {
            "limit": settings.TIPS_SESSION_LIMIT,
            "minutes": settings.TIPS_SESSION_WINDOW // 60,
        }
    if address_refused(request):
        return _(
            "Many tips have come from your connection in the last hour. Please try again later; "
            "your text is kept below."
        )
    return None


@never_cache
def send_tip(request):
    days = settings.TIPS_CONTACT_RETENTION_DAYS
    refusal = None
    if request.method == "POST":
        form = TipForm(request.POST, request.FILES, retention_days=days)
        if form.is_bot:
            # Nothing is stored; the bot is shown the same page as a person.
            return redirect("tips:thanks")
        refusal = _refusal(request)
        if refusal is not None:
            # Shown again unbound, with what the reader wrote: no photo is read or cleaned.
            kept = {name: request.POST.get(name, "") for name in KEPT_FIELDS}
            form = TipForm(initial=kept, retention_days=days)
        elif form.is_valid():
            tip = save_tip(form, get_language())
            count_tip(request)
            request.session[LAST_REFERENCE] = tip.reference
            return redirect("tips:thanks")
        status = 429 if refusal else 400
    else:
        form = TipForm(retention_days=days)
        status = 200
    context = {"form": form, "refusal": refusal, "page_title": _("Send news in")}
    return render(request, "tips/send.html", context, status=status)


@transaction.atomic
def save_tip(form, language):
    data = form.cleaned_data
    now = timezone.now()
    consent = form.consent_record()
    tip = Tip.objects.create(
        text=data["text"],
        district=data["district"],
        place=data["place"],
        network=data["network"],
        language=(language or "th")[:8],
        sender_name=data["sender_name"],
        contact_phone=data["contact_phone"],
        contact_line=data["contact_line"],
        contact_email=data["contact_email"],
        consent_credit=data["consent_credit"],
        consent_contact=data["consent_contact"],
        consent_text=consent,
        consent_given_at=now if consent else None,
        created_at=now,
    )
    store_photos(tip, data["photos"])
    transaction.on_commit(lambda: tell_editors(tip))
    return tip


@never_cache
def thanks(request):
    reference = request.session.get(LAST_REFERENCE)
    return render(
        request, "tips/thanks.html", {"reference": reference, "page_title": _("Thank you")}
    )
