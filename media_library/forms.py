"""Admin forms that check every upload and say what is wrong before anything is stored.

``SafeImageForm`` is Wagtail's image form base (WAGTAILIMAGES_IMAGE_FORM_BASE), so the single
upload, the multiple uploader and the chooser's upload tab all pass through it. It cleans the
photo to show a refusal as a form error; the guarantee itself is the model's file field
(media_library.image_field), which stores the form's clean bytes as they are.
``MediaItemForm`` is wagtailmedia's (WAGTAILMEDIA["MEDIA_FORM_BASE"]), for the add and edit views
and the chooser's upload tab. ``DocumentForm`` is Wagtail's document form base
(WAGTAILDOCS_DOCUMENT_FORM_BASE: the single, multiple and chooser uploads).
"""

import os

import willow
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtailmedia.forms import BaseMediaForm

from .image_safety import clean_image, corrupt_image_error, inspect_image
from .media_files import check_captions, check_media_upload
from .renditions import original_stored
from .storage import refuse_when_full


class SafeImageField(WagtailImageField):
    """Wagtail's checks (size, pixels, format against extension), then ours, then cleaning."""

    def to_python(self, data):
        if data in self.empty_values:
            return super().to_python(data)
        if self.max_upload_size is not None and getattr(data, "size", 0) > self.max_upload_size:
            # Refuse before any image library reads a byte of an oversized file.
            self.check_image_file_size(data)
        data.seek(0)
        # Our checks from the header first (type, pixels per format, frames): Wagtail's own
        # would count a GIF's frames one by one, or parse a file we refuse anyway.
        inspect_image(data.read())
        data.seek(0)
        try:
            checked = super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 – Willow lets Pillow's errors for broken files through
            raise corrupt_image_error() from error
        clean = clean_image(checked)
        refuse_when_full(clean.size)
        # Like Wagtail's field, hand on the (cleaned, upright) image for later checks.
        clean.image = willow.Image.open(clean)
        clean.seek(0)
        return clean

    def check_image_file_format(self, f):
        # Phones name the same format .heic or .heif; Willow calls both "heic".
        if f.image.format_name == "heic" and f.name.lower().endswith(".heif"):
            return
        super().check_image_file_format(f)


class SafeImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            # Wagtail's "description" is the alt text; say so, in the editor's words.
            self.fields["description"].label = _("Alt text in Thai")
            self.fields["description"].help_text = _(
                "What the photo shows, for readers who cannot see it. Required before a Thai "
                "story with this photo can be published."
            )
        if "file" in self.fields:
            original = self.fields["file"]
            self.fields["file"] = SafeImageField(
                label=original.label,
                required=original.required,
                widget=original.widget,
            )

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit and "file" in self.changed_data and self.original_file:
            # Wagtail deletes a replaced photo's renditions after saving the new file, the small
            # copy made on saving included: make it again and queue the rest.
            original_stored(image)
        return image


class MediaItemForm(BaseMediaForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "captions" in self.fields:
            self.fields["captions"].widget.attrs["accept"] = ".vtt,text/vtt"
            if self.instance.type == "audio":
                del self.fields["captions"]
                self.fields.pop("captions_language", None)

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is None or "file" not in self.changed_data:
            return uploaded
        format_, duration = check_media_upload(uploaded, self.instance.type)
        refuse_when_full(uploaded.size)
        stem = os.path.splitext(os.path.basename(uploaded.name))[0] or "media"
        uploaded.name = f"{stem}.{format_.extension}"
        self.instance.mime_type = format_.mime_type
        self.instance.file_size = uploaded.size
        self.detected_duration = duration
        return uploaded

    def clean_captions(self):
        captions = self.cleaned_data.get("captions")
        if captions and "captions" in self.changed_data:
            check_captions(captions)
            stem = os.path.splitext(os.path.basename(captions.name))[0] or "captions"
            captions.name = f"{stem}.vtt"
        return captions

    def clean(self):
        cleaned_data = super().clean()
        detected = getattr(self, "detected_duration", None)
        if detected:
            cleaned_data["duration"] = round(detected, 2)
        elif not cleaned_data.get("duration") and self.instance.type == "audio":
            if "file" in self.changed_data and "file" not in self.errors:
                self.add_error(
                    "duration",
                    ValidationError(
                        _(
                            "The length could not be read from this file. Enter it in seconds; "
                            "podcast apps show it."
                        ),
                        code="duration_required",
                    ),
                )
        return cleaned_data


class DocumentForm(BaseDocumentForm):
    def clean(self):
        cleaned_data = super().clean()
        uploaded = cleaned_data.get("file")
        if uploaded is not None and "file" in self.changed_data:
            try:
                refuse_when_full(uploaded.size, storages["documents"])
            except ValidationError as error:
                # A form-wide error: as a file error it would drop the file, and the document
                # model's own check would then also complain of a missing file extension.
                self.add_error(None, error)
        return cleaned_data
