"""Two editors saving the same page: both versions are kept, and the later one is told.

Checked against Wagtail 8.0.1. Wagtail's edit form carries the revision it was loaded from
(``loaded_revision_id``); its autosave refuses to overwrite a newer version, and while both
editors have the page open its editing-session ping shows who else is there. A plain save (the
"Save draft" button, or a browser without the ping's JavaScript, or the ping's notice missed on
a phone) still makes a new revision, so nothing is lost, but nothing tells the editor that
someone else saved in between and that their save now hides that version. This does.

Who saved in between is read inside the save's own transaction, at the moment Wagtail's
save_revision() has updated the page row (``post_save`` of the page): that row stays locked until
the save commits, so of two saves at the same moment the later one waits for the earlier and
sees its revision, and the earlier one cannot see the later. Read after the save instead, two
saves whose transactions overlap could each miss the other.
"""

from contextvars import ContextVar

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.models import Page

_saving = ContextVar("concurrent_edit_saving", default=None)


def note_the_edit(request, page):
    """before_edit_page: remember which request saves which page, for the page's post_save."""
    _saving.set((request, page.pk) if request.method == "POST" else None)
    request.concurrent_savers = []


def record_savers(sender, instance, **kwargs):
    """post_save of any page: while this save holds the page row, who else saved since the
    version the editor loaded."""
    current = _saving.get()
    if current is None or not isinstance(instance, Page):
        return
    request, page_id = current
    loaded = request.POST.get("loaded_revision_id", "")
    if instance.pk != page_id or not loaded.isdigit():
        return
    others = (
        instance.revisions.filter(pk__gt=int(loaded))
        .exclude(pk=instance.latest_revision_id)
        .select_related("user")
    )
    request.concurrent_savers = sorted({_name(revision.user) for revision in others})


def _name(user):
    if user is None:
        return _("someone")
    return user.get_full_name() or user.get_username()


def tell_of_newer_versions(request, page):
    """after_edit_page: the warning, for a save that found another editor's version."""
    _saving.set(None)
    if not request.accepts("text/html"):
        return  # autosave: Wagtail refuses an out-of-date autosave itself
    savers = getattr(request, "concurrent_savers", [])
    if savers:
        messages.warning(
            request,
            _(
                "%(names)s saved this page while you were editing it. Your version is saved "
                "as the newest; theirs is kept in the page's history, so compare the two there "
                "before you publish."
            )
            % {"names": ", ".join(savers)},
        )
