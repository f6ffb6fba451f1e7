from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from wagtail.images.views.images import URLGeneratorView

from .scheduling import overdue_revisions, overdue_stories


@never_cache
def health(request):
    """200 when scheduled publishing keeps up, 503 when a story is overdue.

    Strangers (uptime monitors) get only the status: an overdue story is not live yet, so its
    title is still embargoed. Logged-in staff also get the overdue stories they may work on.
    """
    overdue = overdue_revisions().exists()
    body = {"status": "ok" if not overdue else "overdue"}
    user = request.user
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        body["time"] = timezone.now().isoformat()
        body["overdue_scheduled_publications"] = [
            {"page_id": page.pk, "title": page.title, "go_live_at": go_live_at.isoformat()}
            for page, go_live_at in overdue_stories(user=user)
        ]
    return JsonResponse(body, status=503 if overdue else 200)


def requires_image_url_permission(view):
    """The URL generator signs any filter spec (huge renditions for anyone with the link), so
    only administrators and holders of ``editorial.generate_image_urls`` reach it."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.has_perm("editorial.generate_image_urls")):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


image_url_generator = requires_image_url_permission(URLGeneratorView.as_view())
image_url_generator_output = requires_image_url_permission(
    URLGeneratorView.as_view(output_only=True)
)
