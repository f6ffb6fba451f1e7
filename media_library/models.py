"""The project's own image and document models, swapped in from the first migration."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"), max_length=255, blank=True, help_text=_("Who took the photo.")
    )
    licence = models.CharField(
        _("licence"),
        max_length=100,
        blank=True,
        help_text=_("For example CC BY 4.0, or 'All rights reserved'."),
    )

    admin_form_fields = Image.admin_form_fields + ("caption", "credit", "licence")

    class Meta(AbstractImage.Meta):
        # Without these, the admin says "custom image", which no translation can reach.
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    description = models.TextField(_("description"), blank=True)

    admin_form_fields = Document.admin_form_fields + ("description",)
