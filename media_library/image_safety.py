"""Makes a photo safe to publish before it is stored, at a cost known in advance.

Reporters upload straight from their phones. A phone photo carries the GPS position where it was
taken and the make, model and serial number of the phone: published as-is, it can reveal where a
source lives. So every image is decoded and re-encoded from its pixels alone: no EXIF, XMP, IPTC,
comment, text chunk, colour profile or trailing data survives, whatever the caller says about
the file. ``clean_image`` is called where the original's file is written
(``media_library.image_field``), so every door (admin uploads, imports, demo content, factories,
code written later) passes through it; the admin form calls it earlier only to show its message.

What a file costs is checked from its header before any pixel is decoded (``inspect_image``):
bytes, the format (only JPEG, PNG, WebP, AVIF, GIF and HEIC/HEIF are ever parsed: Pillow is told
so, and never meets EPS, PSD or TIFF), and pixels per format (``pixel_limits``). A JPEG is then
decoded at the reduced size libjpeg can produce directly (1/2, 1/4 or 1/8, Pillow's ``draft()``),
which keeps a 48-megapixel phone photo under about 100 MB; the other formats cannot be decoded
smaller, so their limits are lower. Still images larger than 2560 pixels on their long side are
scaled down to it; the photo is turned upright according to its EXIF orientation; colours with a
profile are converted to sRGB and the profile dropped (a browser assumes sRGB without one);
CMYK, 16-bit and palette images become ordinary 8-bit images. HEIC/HEIF (the iPhone default) is
stored as JPEG, which every browser and Wagtail's renditions understand.

Pillow and Willow have no "strip metadata on save" switch, and Willow copies a source's EXIF and
colour profile into every rendition; re-encoding from pixels is the one way that removes every
block, including ones we do not know by name, from the original and so from its renditions.
"""

import hashlib
import io
import os
import threading
import unicodedata
import warnings
from collections import OrderedDict

import pillow_heif
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, UnidentifiedImageError

pillow_heif.register_heif_opener()
# Every plugin loaded now: Image.open(formats=...) looks formats up without loading them.
Image.init()

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
# The formats Pillow may try (its JPEG opener also returns MPO files).
OPENED_FORMATS = ["JPEG", "PNG", "WEBP", "AVIF", "GIF", "HEIF"]
ACCEPTED_TEXT = "JPEG, PNG, WebP, AVIF, GIF, HEIC"

# Width × height × frames, per format; settings.MEDIA_LIBRARY_MAX_IMAGE_PIXELS overrides any key.
# A baseline JPEG (what every phone camera writes) is decoded at reduced size, so its limit covers
# the 108 MP modes of some phones at under 100 MB. The others are decoded whole, and their
# decoders hold several copies: measured per pixel (bench/files_bench.py), a progressive JPEG
# without colour subsampling about 7 bytes, HEIC 7, PNG 11, WebP 15 and AVIF 21. The limits keep
# each under about 300 MB, except HEIC, which must take an iPhone's 48 MP photo (about 360 MB).
DEFAULT_PIXEL_LIMITS = {
    "JPEG": 110_000_000,
    "JPEG progressive": 25_000_000,
    "HEIF": 52_000_000,
    "PNG": 16_800_000,
    "WEBP": 16_800_000,
    "AVIF": 12_600_000,
    "GIF": 16_800_000,
}
# A GIF's frames are counted up to this many (a message can then say how many there are).
FRAMES_COUNTED = 10_000
# A colour profile bigger than this is not a real one (sRGB is 3 KB, Display P3 half a KB,
# print CMYK profiles up to a few hundred KB); its pixels are taken as sRGB.
MAX_ICC_PROFILE_BYTES = 1024 * 1024

# Signatures of files that are never images, whatever their name says; refused with a message
# that tells the editor what the file really is.
NOT_IMAGE_SIGNATURES = [
    (b"MZ", _("a Windows program")),
    (b"\x7fELF", _("a program")),
    (b"#!", _("a script")),
    (b"PK\x03\x04", _("a ZIP archive or office document")),
    (b"%PDF", _("a PDF document")),
    (b"%!PS", _("a PostScript file")),
    (b"\xc5\xd0\xd3\xc6", _("a PostScript file")),
]


def max_dimension():
    return getattr(settings, "MEDIA_LIBRARY_MAX_IMAGE_DIMENSION", 2560)


def max_frames():
    return getattr(settings, "MEDIA_LIBRARY_MAX_IMAGE_FRAMES", 50)


def max_upload_size():
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 40 * 1024 * 1024)


def pixel_limits():
    return {**DEFAULT_PIXEL_LIMITS, **getattr(settings, "MEDIA_LIBRARY_MAX_IMAGE_PIXELS", {})}


def refuse_non_image_content(head):
    """Refuse markup and programs before any image library parses them."""
    for signature, what in NOT_IMAGE_SIGNATURES:
        if head.startswith(signature):
            raise ValidationError(
                _("This file is %(what)s, not a photo. Upload a %(formats)s image.")
                % {"what": what, "formats": ACCEPTED_TEXT},
                code="not_an_image",
            )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<svg", b"<!doctype", b"<html", b"<script", b"<!--")) or (
        b"<svg" in head.lower()
    ):
        raise ValidationError(
            _(
                "SVG and web pages are not accepted: they can carry scripts. "
                "Upload a %(formats)s image."
            )
            % {"formats": ACCEPTED_TEXT},
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


def too_many_pixels_error():
    return ValidationError(
        _("This image has too many pixels to process safely."), code="file_too_many_pixels"
    )


def _megapixels(pixels):
    return f"{pixels / 1_000_000:.1f}".removesuffix(".0")


def count_gif_frames(data, stop_after):
    """Frames of a GIF, counted from its block structure, stopping at ``stop_after``.

    Pillow's own count walks every frame in Python: a 23 MB GIF of a million one-pixel frames
    takes seven seconds to count. Here the count stops as soon as the budget is exceeded."""
    position = 13
    if len(data) < position:
        return 0
    flags = data[10]
    if flags & 0x80:
        position += 3 << ((flags & 0x07) + 1)
    frames = 0
    while position < len(data) and frames < stop_after:
        block = data[position]
        if block == 0x3B:  # trailer
            break
        if block == 0x21:  # extension: label, then data sub-blocks
            position += 2
        elif block == 0x2C:  # image descriptor, optional local colour table, LZW code size
            if position + 10 > len(data):
                break
            local = data[position + 9]
            position += 10
            if local & 0x80:
                position += 3 << ((local & 0x07) + 1)
            position += 1
            frames += 1
        else:
            break
        while position < len(data) and data[position]:
            position += data[position] + 1
        position += 1
    return frames


class InspectedImage:
    """What the header of an accepted image says: format, size, frames and what they cost."""

    def __init__(self, image, data):
        self.image = image
        self.format = image.format
        self.width, self.height = image.size
        self.progressive = self.format in ("JPEG", "MPO") and bool(image.info.get("progressive"))
        if self.format in ("JPEG", "MPO", "HEIF"):
            # Only the main picture is kept: not an MPO's second view, nor a HEIF's depth map.
            self.frames = 1
        elif self.format == "GIF":
            self.frames = max(1, count_gif_frames(data, FRAMES_COUNTED))
        else:
            self.frames = getattr(image, "n_frames", 1)

    @property
    def limit_key(self):
        if self.progressive:
            return "JPEG progressive"
        return "JPEG" if self.format == "MPO" else self.format

    @property
    def pixels(self):
        return self.width * self.height * self.frames


HEIF_BRANDS = {
    b"heic",
    b"heix",
    b"hevc",
    b"hevx",
    b"heim",
    b"heis",
    b"mif1",
    b"msf1",
    b"avif",
    b"avis",
}


def _has_image_signature(head):
    """Whether the first bytes say JPEG, PNG, GIF, WebP, HEIC or AVIF (then a file Pillow cannot
    read is a damaged photo, not some other kind of file)."""
    return (
        head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a"))
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        or (head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS)
    )


def _open(data):
    """Pillow's image for ``data``, header only, trying only the formats we accept."""
    try:
        with warnings.catch_warnings():
            # Our own per-format limits decide; Pillow still refuses anything over twice its own.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data), formats=OPENED_FORMATS)
    except Image.DecompressionBombError as error:
        raise too_many_pixels_error() from error
    except UnidentifiedImageError as error:
        if _has_image_signature(data[:32]):
            raise corrupt_image_error() from error
        raise ValidationError(
            _(
                "This file is not an image we accept. Upload a %(formats)s image; "
                "its content is checked, not its name."
            )
            % {"formats": ACCEPTED_TEXT},
            code="invalid_image",
        ) from error
    except Exception as error:  # noqa: BLE001 – Pillow raises many types for broken headers
        raise corrupt_image_error() from error


def inspect_image(data):
    """Check ``data`` (bytes) from its header: type, size and pixels. Decodes nothing.

    Returns an InspectedImage, or raises ValidationError with a message for the editor."""
    if len(data) > max_upload_size():
        raise ValidationError(
            _("This file is too big (%(size)s). The largest accepted is %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(max_upload_size())},
            code="file_too_large",
        )
    refuse_non_image_content(data[:1024])
    inspected = InspectedImage(_open(data), data)
    if inspected.frames > max_frames():
        frames = f"{inspected.frames}" + ("+" if inspected.frames >= FRAMES_COUNTED else "")
        raise ValidationError(
            _(
                "This animation has %(frames)s frames; at most %(max)d are accepted. "
                "Shorten it or upload a still photo."
            )
            % {"frames": frames, "max": max_frames()},
            code="too_many_frames",
        )
    limit = pixel_limits()[inspected.limit_key]
    if inspected.pixels > limit:
        if inspected.progressive:
            message = _(
                "This JPEG is saved as progressive and has %(pixels)s megapixels; a progressive "
                "JPEG may have at most %(max)s. Save it as an ordinary (baseline) JPEG, or "
                "smaller, and upload it again."
            )
        else:
            message = _(
                "This image has %(pixels)s megapixels; at most %(max)s are accepted for "
                "%(format)s images. Make it smaller and upload it again."
            )
        raise ValidationError(
            message
            % {
                "pixels": _megapixels(inspected.pixels),
                "max": _megapixels(limit),
                "format": "HEIC" if inspected.format == "HEIF" else inspected.format,
            },
            code="file_too_many_pixels",
        )
    return inspected


def header_size(file):
    """(width, height) from ``file``'s header, or (None, None) for anything we would refuse."""
    try:
        file.seek(0)
        inspected = inspect_image(file.read())
        file.seek(0)
    except (ValidationError, OSError, ValueError):
        return None, None
    return inspected.width, inspected.height


# Decoding -------------------------------------------------------------------------------------


def _fit(size, box):
    """``size`` scaled down to fit a ``box`` × ``box`` square, keeping its shape."""
    width, height = size
    scale = box / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _decode_main_picture(image):
    """The one picture of a JPEG, MPO or HEIF file (pillow-heif opens a HEIF at its primary
    image, resets the EXIF orientation it has already applied, and decodes nothing else)."""
    if image.format in ("JPEG", "MPO") and max(image.size) > max_dimension():
        # libjpeg scales by 1/2, 1/4 or 1/8 while decoding, never below the size asked for.
        image.draft(image.mode, _fit(image.size, max_dimension()))
    image.load()
    return [image]


def _decode_frames(image):
    if getattr(image, "n_frames", 1) == 1:
        image.load()  # a still image is cleaned in place: a copy would double its cost
        return [image]
    frames = []
    for index in range(image.n_frames):
        image.seek(index)
        image.load()
        frame = image.copy()
        frame.info = dict(image.info)
        frames.append(frame)
    return frames


# Cleaning ------------------------------------------------------------------------------------


def _orientation(image):
    try:
        return image.getexif().get(0x0112, 1)
    except Exception:  # noqa: BLE001 – a broken EXIF block only loses the orientation
        return 1


_TRANSPOSE = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_eight_bit(image):
    """An 8-bit image in a mode every encoder takes: L, LA, RGB, RGBA or P."""
    if image.mode.startswith("I;16") or image.mode == "I":
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode == "F":
        return image.convert("L")
    if image.mode == "1":
        return image.convert("L")
    if image.mode in ("RGBa", "La"):
        return image.convert(image.mode.upper())
    if image.mode == "PA":
        return image.convert("RGBA")
    return image


def _to_srgb(image, icc):
    """Pixels converted from their colour profile to sRGB; no profile is kept."""
    profile = None
    if icc and len(icc) <= MAX_ICC_PROFILE_BYTES:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
            profile = None
    if image.mode == "P" and profile is not None:
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if profile is not None and image.mode in ("RGB", "RGBA", "CMYK"):
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        try:
            converted = ImageCms.profileToProfile(image, profile, _SRGB, outputMode=output_mode)
        except (OSError, ValueError, ImageCms.PyCMSError):
            converted = None  # a profile LittleCMS reads but cannot apply: take it as sRGB
        if converted is not None:
            return converted
    if image.mode == "CMYK":
        return image.convert("RGB")
    return image


def _flatten(image):
    """For JPEG: transparency composited onto white, not dropped to whatever colour it hid."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        white.alpha_composite(rgba)
        return white.convert("RGB")
    if image.mode not in ("RGB", "L"):
        return image.convert("RGB")
    return image


def _clean_frame(frame, stored_format, orientation, scale):
    """The frame's pixels, scaled, upright and in sRGB, with no metadata at all."""
    icc = frame.info.get("icc_profile")
    transparency = frame.info.get("transparency")
    original_mode = frame.mode
    if scale and max(frame.size) > max_dimension():
        if frame.mode in ("P", "1") or frame.mode.startswith("I"):
            frame = frame.convert("RGBA" if transparency is not None else "RGB")
        # In place: a second full-size copy is what made large PNGs cost a gigabyte.
        frame.thumbnail((max_dimension(), max_dimension()), Image.Resampling.BICUBIC)
    frame = _to_eight_bit(frame)
    frame = _to_srgb(frame, icc)
    for method in _TRANSPOSE.get(orientation, ()):
        frame = frame.transpose(method)
    if stored_format == "JPEG":
        frame = _flatten(frame)
    elif stored_format in ("WEBP", "AVIF") and frame.mode not in ("RGB", "RGBA"):
        frame = frame.convert("RGBA" if frame.mode in ("LA", "P") else "RGB")
    # A plain image holding only the pixels: encoders fall back to .info (a JPEG's comment,
    # a PNG's or AVIF's profile and EXIF) when not told otherwise.
    clean = frame.copy()
    clean.info = {}
    if transparency is not None and clean.mode == original_mode and clean.mode in ("P", "L", "RGB"):
        clean.info["transparency"] = transparency
    return clean


def _encode(frames, stored_format, timing):
    first, rest = frames[0], frames[1:]
    params = {}
    if stored_format == "JPEG":
        params.update(quality=90, optimize=True)
    elif stored_format == "PNG":
        # zlib's fastest level: a 2560-pixel PNG takes a sixth of the time of the default (6),
        # for a file about a tenth larger; the reporter is waiting, the disk is not.
        params.update(compress_level=1)
    elif stored_format == "WEBP":
        params.update(quality=90)
    elif stored_format == "AVIF":
        params.update(quality=80)
    if rest:
        params.update(save_all=True, append_images=rest, **timing)
    output = io.BytesIO()
    first.save(output, format=stored_format, **params)
    return output.getvalue()


def _decode_and_clean(inspected):
    stored_format = STORED_FORMATS[inspected.format][0]
    image = inspected.image
    orientation = _orientation(image)
    if inspected.format in ("JPEG", "MPO", "HEIF"):
        frames = _decode_main_picture(image)
    else:
        frames = _decode_frames(image)
    timing = {}
    if len(frames) > 1:
        timing = {"duration": image.info.get("duration", 100), "loop": image.info.get("loop", 0)}
    still = len(frames) == 1
    cleaned = []
    while frames:
        # Each frame is let go as soon as its clean copy exists.
        cleaned.append(_clean_frame(frames.pop(0), stored_format, orientation, still))
    return cleaned, timing


# What this process has produced, by digest: bytes the cleaner wrote itself are stored as they
# are when they come back (from the admin form to the model, from an export to an import in the
# same process). Nothing a caller says is trusted; only bytes identical to clean output are.
_PRODUCED = OrderedDict()
_PRODUCED_LOCK = threading.Lock()
_PRODUCED_KEEP = 64


def _remember(digest):
    with _PRODUCED_LOCK:
        _PRODUCED[digest] = True
        _PRODUCED.move_to_end(digest)
        while len(_PRODUCED) > _PRODUCED_KEEP:
            _PRODUCED.popitem(last=False)


def _produced(digest):
    with _PRODUCED_LOCK:
        return digest in _PRODUCED


def _png_extra_chunks(data):
    chunks, position = [], 8
    while position + 8 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        if kind not in (b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"):
            chunks.append(kind.decode("latin-1"))
        position += 12 + length
        if kind == b"IEND":
            break
    if position < len(data):
        chunks.append("data after the end")
    return chunks


def metadata_blocks(data):
    """What a stored image carries besides its pixels (nothing, for what clean_image writes).

    For originals stored before every door cleaned them (manage.py clean_original_images)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=OPENED_FORMATS)
    except Exception:  # noqa: BLE001 – not an image we would store as it is
        return ["not a clean image"]
    with image:
        found = [
            key
            for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop")
            if image.info.get(key)
        ]
        if image.format in ("JPEG", "MPO"):
            found += [name for name, _value in image.applist if name != "APP0"]
            if not data.endswith(b"\xff\xd9"):
                found.append("data after the end")
        elif image.format == "PNG":
            found += _png_extra_chunks(data)
        elif image.format not in ("GIF", "WEBP", "AVIF"):
            found.append(image.format)
        if image.format in ("GIF", "WEBP", "AVIF") and (
            b"XMP " in data or b"EXIF" in data or b"Exif" in data or b"\x21\xfe" in data
        ):
            found.append("metadata block")
    return found


def safe_stem(name, default="photo"):
    """A file name's stem with no folders, control or direction characters, or leading dots."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = os.path.splitext(base)[0]
    stem = "".join(
        char for char in stem if unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co")
    )
    return stem.strip().lstrip(".").strip() or default


def clean_image(uploaded, name=None):
    """Return a new upload holding only the pixels of ``uploaded`` (see the module docstring).

    ``uploaded`` is any file object; ``name`` its name if the object has none. Raises
    ValidationError, with a message for the editor, for anything that is not a complete image in
    an accepted format within the limits. The result's ``sha1`` is Wagtail's ``file_hash``.
    """
    uploaded.seek(0)
    data = uploaded.read()
    name = name or getattr(uploaded, "name", None) or "photo"
    digest = hashlib.sha256(data).digest()
    inspected = inspect_image(data)
    stored_format, extension, content_type = STORED_FORMATS[inspected.format]
    if _produced(digest) and stored_format == inspected.format:
        clean_bytes = data
    else:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                frames, timing = _decode_and_clean(inspected)
                del inspected
                clean_bytes = _encode(frames, stored_format, timing)
                del frames
        except ValidationError:
            raise
        except MemoryError as error:
            raise too_many_pixels_error() from error
        except Exception as error:  # noqa: BLE001 – Pillow raises many types for broken files
            raise corrupt_image_error() from error
        _remember(hashlib.sha256(clean_bytes).digest())
    clean = SimpleUploadedFile(
        f"{safe_stem(name)}.{extension}", clean_bytes, content_type=content_type
    )
    clean.sha1 = hashlib.sha1(clean_bytes, usedforsecurity=False).hexdigest()
    return clean
