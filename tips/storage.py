"""Where tip photos are kept: settings.STORAGES["tips"], never the public media folder.

On a server's disk that is var/tips/ (outside MEDIA_ROOT, which the web server hands to anyone);
with S3 it is the bucket's private-tips/ prefix with a private ACL. Nothing in the site builds
an address for these files: editors see them through the inbox's photo view, which asks the
tips permission policy first (tips.admin_views.photo).
"""

from django.core.files.storage import storages

from media_library.storage import UploadStorage


class PrivateTipStorage(UploadStorage):
    """A folder on disk with no web address: asking for one is a programming error."""

    def url(self, name):
        raise ValueError("tip photos have no public address; use the inbox's photo view")


def tip_storage():
    return storages["tips"]
