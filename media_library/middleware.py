"""A disk that fills between an upload form's free-space check and the write itself.

The form's check (media_library.storage.refuse_when_full) catches almost every full-disk upload
as a form error. When the disk fills in the moment between, UploadStorage has already removed the
partial file and the row was never saved; this turns the StorageFull error into a page that says
so, instead of a server error.
"""

from django.shortcuts import render

from .storage import StorageFull

INSUFFICIENT_STORAGE = 507


class StorageFullMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, StorageFull):
            return render(
                request,
                "media_library/storage_full.html",
                {"back": request.META.get("HTTP_REFERER") or request.path},
                status=INSUFFICIENT_STORAGE,
            )
        return None
