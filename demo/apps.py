from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content (`manage.py load_demo`): installed by the development and test settings and
    by a demo install (cms.settings.demo), never by production."""

    name = "demo"
    verbose_name = _("Demo content")
