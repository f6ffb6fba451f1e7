"""The project's own image, document and audio/video models."""

from django.conf import settings
from django.core.files.storage import default_storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image, get_upload_to
from wagtailmedia.models import AbstractMedia

from thai_text.language import is_english

from . import renditions
from .image_field import CleanedImageField


class CustomImage(AbstractImage):
    # Wagtail's own field, except that the bytes are cleaned where they are written to storage
    # (media_library.image_field): every door, and no way around it.
    file = CleanedImageField(
        verbose_name=_("file"),
        upload_to=get_upload_to,
        width_field="width",
        height_field="height",
    )
    # Wagtail's ``description`` field is the alt text in Thai (the site's default language);
    # English stories use ``alt_text_en``. Publishing a story checks the one in its language.
    alt_text_en = models.CharField(
        _("alt text in English"),
        max_length=500,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it, in English."),
    )
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
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Where the photo comes from, if not our own reporter: an agency, a village."),
    )

    admin_form_fields = Image.admin_form_fields + (
        "alt_text_en",
        "caption",
        "credit",
        "licence",
        "source",
    )

    def alt_text_for(self, language_code):
        if is_english(language_code):
            return self.alt_text_en
        return self.description

    @property
    def default_alt_text(self):
        # Wagtail falls back to the title, which for a phone upload is a file name such as
        # IMG_2041.HEIC: worse than nothing for a screen reader. Prefer the other language.
        language = "en" if is_english() else "th"
        return self.alt_text_for(language) or self.alt_text_for("th" if language == "en" else "en")

    def save(self, *args, **kwargs):
        # The file first: cleaning it sets the stored file's size, dimensions and hash, which
        # the row must carry (the file field comes after them in the row, as it is redefined).
        if self.file and not self.file._committed:
            self.file.save(self.file.name, self.file.file, save=False)
        super().save(*args, **kwargs)
        if self.__dict__.pop("original_just_stored", False):
            renditions.original_stored(self)

    class Meta(AbstractImage.Meta):
        # Without these, the admin says "custom image", which no translation can reach.
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def document_storage():
    # A storage of their own (settings.STORAGES["documents"]) keeps documents out of MEDIA_ROOT,
    # which the web server serves to anyone: a private collection's file would leak from there.
    return storages["documents"] if "documents" in settings.STORAGES else default_storage


class CustomDocument(AbstractDocument):
    file = models.FileField(upload_to="documents", storage=document_storage, verbose_name=_("file"))
    description = models.TextField(_("description"), blank=True)

    admin_form_fields = Document.admin_form_fields + ("description",)


class MediaItem(AbstractMedia):
    """A sound recording or a video file hosted on the site (wagtailmedia's model, extended).

    wagtailmedia's ``thumbnail`` is a raw file upload that would bypass the photo cleaning, so it
    is left out of the form; ``poster`` chooses a cleaned image instead.
    """

    credit = models.CharField(
        _("credit"), max_length=255, blank=True, help_text=_("Who recorded or filmed it.")
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("member network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="media_items",
        help_text=_("The member network that made this recording."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("A few sentences about the recording; podcast apps show them."),
    )
    transcript = models.TextField(
        _("transcript"),
        blank=True,
        help_text=_("Everything that is said, for readers who cannot listen or prefer to read."),
    )
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to="media_captions",
        blank=True,
        help_text=_("Subtitles for the video, as a .vtt file."),
    )
    captions_language = models.CharField(
        _("captions language"),
        max_length=5,
        choices=[("th", "ไทย"), ("en", "English")],
        default="th",
        blank=True,
    )
    poster = models.ForeignKey(
        "media_library.CustomImage",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The picture shown before the video plays, and the cover in podcast apps."),
    )
    explicit = models.BooleanField(
        _("explicit content"),
        default=False,
        help_text=_("Tick if podcast apps should mark it as explicit."),
    )
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, editable=False)
    mime_type = models.CharField(_("MIME type"), max_length=50, blank=True, editable=False)

    admin_form_fields = (
        "title",
        "file",
        "collection",
        "network",
        "credit",
        "description",
        "duration",
        "poster",
        "transcript",
        "captions",
        "captions_language",
        "explicit",
        "tags",
    )

    class Meta(AbstractMedia.Meta):
        verbose_name = _("audio or video file")
        verbose_name_plural = _("audio and video files")

    @property
    def sources(self):
        return [{"src": self.url, "type": self.mime_type or "application/octet-stream"}]

    @property
    def duration_hms(self):
        seconds = round(self.duration or 0)
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours:02d}:{minutes:02d}:{seconds:02d}"
