from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaLibraryConfig(AppConfig):
    name = "media_library"
    verbose_name = _("Media library")

    def ready(self):
        from wagtail.signals import page_published

        from . import uploaded_files
        from .renditions import queue_story_renditions

        page_published.connect(queue_story_renditions, dispatch_uid="media_library_renditions")
        uploaded_files.connect()
