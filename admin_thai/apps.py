from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminThaiConfig(AppConfig):
    name = "admin_thai"
    verbose_name = _("Thai admin")

    def ready(self):
        from . import accessibility, buddhist_era, wagtail_overrides

        wagtail_overrides.label_link_chooser_fields()
        buddhist_era.install()
        accessibility.install()
