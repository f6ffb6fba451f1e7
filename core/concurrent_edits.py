"""Two editors saving the same page: both versions are kept, and the later one is told.

Checked against Wagtail 8.0.1. Wagtail's edit form carries the revision it was loaded from
(``loaded_revision_id``); its autosave refuses to overwrite a newer version, and while both
editors have the page open its editing-session ping shows who else is there. A plain save (the
"Save draft" button, or a browser without the ping's JavaScript, or the ping's notice missed on
a phone) still makes a new revision, so nothing is lost, but nothing tells the editor that
someone else saved in between and that their save now hides that version. This hook does.
"""

from django.contrib import messages
from django.utils.translation import gettext as _


def newer_savers(request, page):
    """Who saved a revision of ``page`` after the one this edit form was loaded from."""
    loaded = request.POST.get("loaded_revision_id", "")
    latest = page.latest_revision
    if not loaded.isdigit() or latest is None:
        return []
    # Only those before this save: a save that lands after it is that editor's to be told of.
    between = page.revisions.filter(pk__gt=int(loaded), pk__lt=latest.pk).select_related("user")
    return sorted({_name(revision.user) for revision in between})


def _name(user):
    if user is None:
        return _("someone")
    return user.get_full_name() or user.get_username()


def tell_of_newer_versions(request, page):
    if not request.accepts("text/html"):
        return  # autosave: Wagtail refuses an out-of-date autosave itself
    savers = newer_savers(request, page)
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
