from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site core")

    def ready(self):
        from .concurrent_edits import record_savers

        post_save.connect(record_savers, dispatch_uid="core_concurrent_edit_savers")
