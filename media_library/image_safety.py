"""Makes an uploaded photo safe to publish before anything is stored.

Reporters upload straight from their phones. A phone photo carries the GPS position where it was
taken and the make, model and serial number of the phone: published as-is, it can reveal where a
source lives. So every accepted image is decoded completely (which also catches truncated and
corrupt files), turned upright according to its EXIF orientation, and re-encoded from its pixels
alone: no EXIF, XMP or IPTC block survives, only the colour profile. HEIC/HEIF (the iPhone
default) is converted to JPEG, which every browser and Wagtail's renditions understand. Still
photos larger than 2560 pixels on their long side are scaled down to it (see _encode).

Pillow and Willow have no "strip metadata on save" switch; re-encoding from pixels is the one way
that removes every block, including ones we do not know by name.
"""

import io
import os
import warnings

import pillow_heif
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

pillow_heif.register_heif_opener()

# Pillow format name → (format to store, file extension, MIME type).
STORED_FORMATS = {
    "JPEG": ("JPEG", "jpg", "image/jpeg"),
    "MPO": ("JPEG", "jpg", "image/jpeg"),  # phones save some JPEGs as multi-picture objects
    "PNG": ("PNG", "png", "image/png"),
    "WEBP": ("WEBP", "webp", "image/webp"),
    "AVIF": ("AVIF", "avif", "image/avif"),
    "GIF": ("GIF", "gif", "image/gif"),
    "HEIF": ("JPEG", "jpg", "image/jpeg"),
}

# Signatures of files that are never images, whatever their name says; refused with a message
# that tells the editor what the file really is.
NOT_IMAGE_SIGNATURES = [
    (b"MZ", _("a Windows program")),
    (b"\x7fELF", _("a program")),
    (b"#!", _("a script")),
    (b"PK\x03\x04", _("a ZIP archive or office document")),
    (b"%PDF", _("a PDF document")),
]


def max_dimension():
    return getattr(settings, "MEDIA_LIBRARY_MAX_IMAGE_DIMENSION", 2560)


def max_frames():
    return getattr(settings, "MEDIA_LIBRARY_MAX_IMAGE_FRAMES", 50)


def refuse_non_image_content(head):
    """Refuse markup and programs before any image library parses them."""
    for signature, what in NOT_IMAGE_SIGNATURES:
        if head.startswith(signature):
            raise ValidationError(
                _(
                    "This file is %(what)s, not a photo. Upload a JPEG, PNG, WebP, AVIF or HEIC image."
                )
                % {"what": what},
                code="not_an_image",
            )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<svg", b"<!doctype", b"<html", b"<script", b"<!--")) or (
        b"<svg" in head.lower()
    ):
        raise ValidationError(
            _(
                "SVG and web pages are not accepted: they can carry scripts. "
                "Upload a JPEG, PNG, WebP, AVIF or HEIC image."
            ),
            code="markup_not_image",
        )


def corrupt_image_error():
    return ValidationError(
        _(
            "This image is damaged or incomplete (perhaps the upload was cut off). "
            "Open it on your phone or computer and save it again."
        ),
        code="corrupt_image",
    )


def _open_fully(data):
    """Decode every frame, so a truncated or corrupt file fails here and not for a reader."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            frames = getattr(image, "n_frames", 1)
            if frames > max_frames():
                raise ValidationError(
                    _(
                        "This animation has %(frames)d frames; at most %(max)d are accepted. "
                        "Shorten it or upload a still photo."
                    )
                    % {"frames": frames, "max": max_frames()},
                    code="too_many_frames",
                )
            for index in range(frames):
                image.seek(index)
                image.load()
            image.seek(0)
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("This image has too many pixels to process safely."), code="file_too_many_pixels"
        ) from error
    except Exception as error:  # noqa: BLE001 – Pillow raises many types for broken files
        raise corrupt_image_error() from error
    return image


def _clean_frame(frame):
    """The frame's pixels, upright, with no metadata except colour profile and transparency."""
    clean = ImageOps.exif_transpose(frame).copy()
    clean.info = {
        key: frame.info[key] for key in ("icc_profile", "transparency") if key in frame.info
    }
    return clean


def _encode(image, stored_format):
    frames = getattr(image, "n_frames", 1)
    first = _clean_frame(image)
    if frames == 1 and max(first.size) > max_dimension():
        # A 12–48 MP phone original is never shown larger than 1200 px wide; keeping it whole
        # would make every rendition decode and resize four to sixteen times the pixels.
        first.thumbnail((max_dimension(), max_dimension()), Image.Resampling.LANCZOS)
    params = {}
    icc = first.info.get("icc_profile")
    if icc:
        params["icc_profile"] = icc
    if stored_format == "JPEG":
        if first.mode not in ("RGB", "L", "CMYK"):
            first = first.convert("RGB")
        params.update(quality=90, optimize=True)
    elif stored_format == "WEBP":
        params.update(quality=90)
    elif stored_format == "AVIF":
        params.update(quality=80)
    if frames > 1 and stored_format in ("GIF", "WEBP", "PNG", "AVIF"):
        rest = []
        for index in range(1, frames):
            image.seek(index)
            rest.append(_clean_frame(image))
        image.seek(0)
        params.update(
            save_all=True,
            append_images=rest,
            duration=image.info.get("duration", 100),
            loop=image.info.get("loop", 0),
        )
    output = io.BytesIO()
    first.save(output, format=stored_format, **params)
    return output.getvalue()


def sanitise_image_upload(uploaded):
    """Return a new upload holding only the pixels of ``uploaded`` (see the module docstring).

    Raises ValidationError, with a message for the editor, for anything that is not a complete
    image in an accepted format.
    """
    uploaded.seek(0)
    data = uploaded.read()
    refuse_non_image_content(data[:1024])
    image = _open_fully(data)
    try:
        stored_format, extension, content_type = STORED_FORMATS[image.format]
    except KeyError:
        raise ValidationError(
            _("%(format)s images are not accepted. Upload a JPEG, PNG, WebP, AVIF or HEIC image.")
            % {"format": image.format},
            code="invalid_image_extension",
        ) from None
    clean_bytes = _encode(image, stored_format)
    stem = os.path.splitext(os.path.basename(uploaded.name or "photo"))[0] or "photo"
    clean = SimpleUploadedFile(f"{stem}.{extension}", clean_bytes, content_type=content_type)
    clean.metadata_stripped = True
    return clean
