"""Editorial roles per member network: which Wagtail groups are reporters, editors or chiefs."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from networks.models import Network


class EditorialGroup(models.Model):
    """Marks a Wagtail group as an editorial role, for one member network or for all."""

    class Role(models.TextChoices):
        REPORTER = "reporter", _("Reporter")
        NETWORK_EDITOR = "network_editor", _("Network editor")
        EDITOR_IN_CHIEF = "editor_in_chief", _("Editor-in-chief")

    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="editorial_role"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="editorial_groups",
        help_text=_("Empty for the editor-in-chief, who works on every network."),
    )

    class Meta:
        verbose_name = _("editorial group")
        verbose_name_plural = _("editorial groups")
        constraints = [
            models.UniqueConstraint(fields=["role", "network"], name="one_group_per_role_network"),
        ]

    def __str__(self):
        return self.group.name
