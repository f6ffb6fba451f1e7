import threading

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThaiSearchConfig(AppConfig):
    name = "thai_search"
    verbose_name = _("Thai search")

    def ready(self):
        # Loading the dictionaries takes about half a second: do it in the background at start,
        # so the first reader's search does not wait for it.
        from .segmenter import get_segmenter

        threading.Thread(target=get_segmenter, name="thai-search-dictionaries", daemon=True).start()
