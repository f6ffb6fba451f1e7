from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = _("Following by email")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_delete

        from .consent import anonymise_consents
        from .models import Subscriber

        pre_delete.connect(
            anonymise_consents, sender=Subscriber, dispatch_uid="following_anonymise"
        )
