"""Uploads on a full disk: a form error before anything is written, never a partial file.

Every upload is cleaned by a form (``media_library.forms``) before the model writes it; that is
where ``refuse_when_full`` says, in the editor's language, that there is no room, so the view
shows a form error (the multiple uploader its per-file message) and no row or file is made.
If the disk fills between that check and the write, ``UploadStorage`` (Django's
``FileSystemStorage``, checked against Django 5.2) removes the part it wrote, so no orphan is
left behind and the model's row, written after its file, is never saved.
``tests/faults/test_disk_full.py`` fills a real small file system to check both.
"""

import errno
import os
import shutil
import threading

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.utils.translation import gettext_lazy as _

# Room kept free beyond the file itself: its renditions, made later, need some too.
HEADROOM_BYTES = 8 * 1024 * 1024
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class StorageFull(OSError):
    """The disk filled while a file was written; the part written has been removed."""


class UploadStorage(FileSystemStorage):
    # The full path Django's _save() writes to, per thread: it may pick a new name on a clash.
    _target = threading.local()

    def path(self, name):
        full_path = super().path(name)
        self._target.path = full_path
        return full_path

    def _save(self, name, content):
        self._target.path = None
        try:
            return super()._save(name, content)
        except OSError as error:
            if error.errno not in _NO_ROOM:
                raise
            partial = self._target.path
            if partial and os.path.isfile(partial):
                os.remove(partial)
            raise StorageFull(error.errno, "No room left for the upload", name) from error


def free_bytes(storage):
    """Free space where ``storage`` writes, or None when it is not a local folder."""
    location = getattr(storage, "location", None)
    if not isinstance(storage, FileSystemStorage) or not location:
        return None
    folder = os.path.abspath(location)
    while not os.path.exists(folder):
        folder = os.path.dirname(folder)
    return shutil.disk_usage(folder).free


def refuse_when_full(size, storage=None):
    """A form error when ``size`` bytes (and some headroom) do not fit in ``storage``."""
    free = free_bytes(storage or storages["default"])
    if free is not None and free < size + HEADROOM_BYTES:
        raise ValidationError(
            _(
                "The site's storage is full, so this file was not saved and nothing was stored. "
                "Please tell the site's administrator, then try again."
            ),
            code="storage_full",
        )
