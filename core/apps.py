from django.apps import AppConfig
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site core")

    def ready(self):
        from wagtail.models import Site

        from . import constant_translations, instances_from_the_database
        from .concurrent_edits import record_savers
        from .fragments import forget_fragments
        from .page_routing import forget_sites

        post_save.connect(record_savers, dispatch_uid="core_concurrent_edit_savers")
        # The sites page_routing.site_for_request keeps in the cache, dropped when one changes.
        post_save.connect(forget_sites, sender=Site, dispatch_uid="core_forget_sites")
        post_delete.connect(forget_sites, sender=Site, dispatch_uid="core_forget_sites")
        setting_changed.connect(forget_fragments, dispatch_uid="core_forget_fragments")
        instances_from_the_database.skip_modelcluster_scan()
        constant_translations.install()
