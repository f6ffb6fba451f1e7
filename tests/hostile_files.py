"""Hostile files, built in code: what a careless phone, a clever attacker or a broken tool uploads.

Each ``Hostile`` says what a door must do with it: accept it and store it without anything that
identifies the reporter or could run in a browser, or refuse it with a message the editor can act
on. EXIF, IPTC and the odd container are written byte by byte here (no binary fixtures): a
JPEG's segments, a PNG's chunks, a GIF's blocks and a TIFF-structured EXIF block with GPS,
serial number and an embedded thumbnail.

``identifying_traces(data)`` lists what a stored file still carries; an empty list is clean.
"""

import io
import struct
import zlib
from dataclasses import dataclass, field

import pillow_heif
from PIL import Image, ImageCms

from tests.media_builders import (
    HTML_PAGE,
    SECRET_MAKE,
    SECRET_MODEL,
    SECRET_SERIAL,
    SECRET_SOFTWARE,
    SVG_WITH_SCRIPT,
    WEBVTT,
    WINDOWS_EXE,
    XMP,
    mp3_bytes,
    mp4_bytes,
    phone_exif,
    phone_photo_bytes,
    webm_bytes,
)

pillow_heif.register_heif_opener()

SECRET_CITY = "Ban-Secret-Village"
SECRET_BYLINE = "Secret-Source-Name"
SECRET_COMMENT = "taken-at-the-source-house"
SECRET_THUMBNAIL_MARK = "uncropped-original-thumbnail"
# Everything that must be gone from every stored original and rendition.
SECRETS = (
    SECRET_MAKE,
    SECRET_MODEL,
    SECRET_SERIAL,
    SECRET_SOFTWARE,
    SECRET_CITY,
    SECRET_BYLINE,
    SECRET_COMMENT,
    SECRET_THUMBNAIL_MARK,
)
# Markers of metadata blocks and of content a browser could run, in any stored image.
TRACE_MARKERS = {
    b"Exif\x00\x00": "EXIF block",
    b"http://ns.adobe.com/xap/1.0/": "XMP block",
    b"<x:xmpmeta": "XMP packet",
    b"Photoshop 3.0": "IPTC/Photoshop block",
    b"8BIM": "IPTC/Photoshop resource",
    b"ICC_PROFILE": "ICC profile",
    b"GPSLatitude": "GPS in XMP",
    b"<script": "script",
    b"<html": "HTML",
    b"PK\x03\x04": "ZIP archive",
}


# Byte-level builders --------------------------------------------------------------------------


def jpeg_bytes(image=None, **params):
    image = image or gradient()
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=85, **params)
    return output.getvalue()


def gradient(width=64, height=48):
    """Left half red, right half blue, so a rotation would show."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (width // 2, 0, width, height))
    return image


def jpeg_segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def with_segments(jpeg, *segments):
    """``jpeg`` with ``segments`` inserted right after its start-of-image marker."""
    return jpeg[:2] + b"".join(segments) + jpeg[2:]


def _tiff_value(kind, value):
    if kind == 2:
        return value.encode() + b"\0"
    if kind == 3:
        return b"".join(struct.pack(">H", v) for v in value)
    if kind == 4:
        return b"".join(struct.pack(">I", v) for v in value)
    if kind == 5:
        return b"".join(struct.pack(">II", n, d) for n, d in value)
    return bytes(value)  # 7: undefined


def _ifd_size(entries):
    data = sum(len(_tiff_value(k, v)) for _t, k, v in entries if len(_tiff_value(k, v)) > 4)
    return 2 + 12 * len(entries) + 4 + data


def _ifd(entries, offset, next_offset=0):
    head = struct.pack(">H", len(entries))
    data = b""
    data_offset = offset + 2 + 12 * len(entries) + 4
    for tag, kind, value in sorted(entries):
        raw = _tiff_value(kind, value)
        count = len(value) if kind in (3, 4, 5) else len(raw)
        if len(raw) <= 4:
            head += struct.pack(">HHI", tag, kind, count) + raw.ljust(4, b"\0")
        else:
            head += struct.pack(">HHII", tag, kind, count, data_offset + len(data))
            data += raw
    return head + struct.pack(">I", next_offset) + data


def exif_block(thumbnail=None):
    """An EXIF APP1 payload written by hand: make, model, software, serial number, GPS position
    and, if given, an embedded JPEG thumbnail (which may show what the photo was cropped from)."""
    gps = [
        (1, 2, "N"),
        (2, 5, [(14, 1), (52, 1), (5160, 100)]),
        (3, 2, "E"),
        (4, 5, [(103, 1), (29, 1), (3660, 100)]),
    ]
    exif = [(0xA431, 2, SECRET_SERIAL), (0x9003, 2, "2026:01:02 03:04:05")]
    ifd0 = [
        (0x010F, 2, SECRET_MAKE),
        (0x0110, 2, SECRET_MODEL),
        (0x0131, 2, SECRET_SOFTWARE),
        (0x0112, 3, [1]),
        (0x8769, 4, [0]),
        (0x8825, 4, [0]),
    ]
    ifd0_offset = 8
    exif_offset = ifd0_offset + _ifd_size(ifd0)
    gps_offset = exif_offset + _ifd_size(exif)
    ifd1_offset = gps_offset + _ifd_size(gps)
    ifd0 = [entry for entry in ifd0 if entry[0] not in (0x8769, 0x8825)]
    ifd0 += [(0x8769, 4, [exif_offset]), (0x8825, 4, [gps_offset])]
    ifd1 = []
    if thumbnail:
        ifd1 = [(0x0103, 3, [6]), (0x0201, 4, [0]), (0x0202, 4, [len(thumbnail)])]
        thumb_offset = ifd1_offset + _ifd_size(ifd1)
        ifd1 = [(0x0103, 3, [6]), (0x0201, 4, [thumb_offset]), (0x0202, 4, [len(thumbnail)])]
    tiff = b"MM\x00\x2a" + struct.pack(">I", ifd0_offset)
    tiff += _ifd(ifd0, ifd0_offset, ifd1_offset if thumbnail else 0)
    tiff += _ifd(exif, exif_offset) + _ifd(gps, gps_offset)
    if thumbnail:
        tiff += _ifd(ifd1, ifd1_offset) + thumbnail
    return b"Exif\x00\x00" + tiff


def iptc_block():
    """A Photoshop APP13 payload with IPTC byline, city and caption."""

    def dataset(number, text):
        value = text.encode()
        return b"\x1c\x02" + bytes([number]) + struct.pack(">H", len(value)) + value

    iptc = dataset(80, SECRET_BYLINE) + dataset(90, SECRET_CITY) + dataset(120, SECRET_COMMENT)
    if len(iptc) % 2:
        iptc += b"\0"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\0\0" + struct.pack(">I", len(iptc)) + iptc
    return b"Photoshop 3.0\0" + resource


def icc_segments(profile):
    """``profile`` split over APP2 segments as the ICC specification says."""
    chunks = [profile[i : i + 65000] for i in range(0, len(profile), 65000)] or [b""]
    return [
        jpeg_segment(0xE2, b"ICC_PROFILE\0" + bytes([n + 1, len(chunks)]) + chunk)
        for n, chunk in enumerate(chunks)
    ]


def xmp_segment():
    return jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + XMP)


def patched_jpeg_size(jpeg, width, height):
    """The same JPEG whose frame header claims another size (nothing decoded yet says no)."""
    data = bytearray(jpeg)
    position = 2
    while position < len(data):
        marker = data[position + 1]
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            data[position + 5 : position + 9] = struct.pack(">HH", height, width)
            return bytes(data)
        position += 2 + length
    raise ValueError("no frame header")


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_from_rows(width, height, bit_depth, colour_type, rows, extra_chunks=()):
    """A PNG written chunk by chunk; ``rows`` are raw scanlines without filter bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    raw = b"".join(b"\0" + row for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + b"".join(extra_chunks)
        + png_chunk(b"IDAT", zlib.compress(raw))
        + png_chunk(b"IEND", b"")
    )


def png_with_chunks(*chunks, image=None):
    output = io.BytesIO()
    (image or gradient()).save(output, format="PNG")
    data = output.getvalue()
    # After IHDR (8-byte signature + 25-byte IHDR chunk).
    return data[:33] + b"".join(chunks) + data[33:]


def png_16bit_rgb(width=16, height=12):
    rows = []
    for y in range(height):
        row = b""
        for x in range(width):
            row += struct.pack(">HHH", 65535 if x < width // 2 else 8000, 8000, y * 4000)
        rows.append(row)
    return png_from_rows(width, height, 16, 2, rows)


def png_16bit_grey(width=16, height=12, level=40000):
    return png_from_rows(width, height, 16, 0, [struct.pack(">H", level) * width] * height)


def png_header_only(width, height):
    return png_from_rows(width, height, 8, 2, [b"\0\0\0"])[:33] + png_chunk(b"IEND", b"")


def png_idat_bomb():
    """A 64×64 PNG whose IDAT would inflate to 16 MB: the decoder must stop at 64 × 64 pixels."""
    ihdr = struct.pack(">IIBBBBB", 64, 64, 8, 0, 0, 0, 0)
    compressor = zlib.compressobj(9)
    idat = compressor.compress(b"\0" * (16 * 1024 * 1024)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def png_text_bomb():
    """A zTXt chunk that inflates to 16 MB (Pillow refuses text over its own limit, 1 MB)."""
    bomb = zlib.compress(b"A" * (16 * 1024 * 1024), 9)
    return png_with_chunks(png_chunk(b"zTXt", b"Comment\0\0" + bomb))


def animation(fmt, frames, size=8):
    images = []
    for index in range(frames):
        frame = Image.new("RGB", (size, size), (index * 5 % 256, 40, 90))
        images.append(frame)
    output = io.BytesIO()
    images[0].save(output, format=fmt, save_all=True, append_images=images[1:], duration=40)
    return output.getvalue()


def gif_of_many_frames(frames):
    """A GIF of ``frames`` one-pixel frames, 23 bytes each: counting them is the attack."""
    frame = (
        b"\x21\xf9\x04\x00\x01\x00\x00\x00" + b"\x2c\0\0\0\0\x01\0\x01\0\0" + b"\x02\x02\x44\x01\0"
    )
    head = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
    return head + frame * frames + b"\x3b"


def gif_with_comment_and_xmp():
    output = io.BytesIO()
    gradient().convert("P").save(output, format="GIF", comment=SECRET_COMMENT.encode())
    data = output.getvalue()
    xmp = b"\x21\xff\x0bXMP DataXMP" + bytes([len(XMP[:255])]) + XMP[:255] + b"\0"
    return data[:-1] + xmp + data[-1:]


def webp_with_metadata():
    output = io.BytesIO()
    gradient().save(output, format="WEBP", exif=phone_exif(), xmp=XMP, icc_profile=hostile_icc())
    return output.getvalue()


def webp_claiming_size(width, height):
    data = bytearray(webp_with_metadata())
    position = data.index(b"VP8X")
    data[position + 12 : position + 15] = (width - 1).to_bytes(3, "little")
    data[position + 15 : position + 18] = (height - 1).to_bytes(3, "little")
    return bytes(data)


def hostile_icc():
    """A 'colour profile' that is a web page: must never reach storage."""
    return b"<html><script>alert(document.cookie)</script></html>" * 4


def srgb_profile_with_payload():
    """A real profile LittleCMS accepts, with a script appended after its declared end."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return profile + b"<html><script>alert(1)</script></html>"


def cmyk_jpeg():
    return jpeg_bytes(Image.new("CMYK", (40, 30), (0, 200, 200, 0)))


def tiff_bytes():
    output = io.BytesIO()
    gradient().save(output, format="TIFF", exif=phone_exif())
    return output.getvalue()


def bmp_bytes():
    output = io.BytesIO()
    gradient().save(output, format="BMP")
    return output.getvalue()


def zip_bytes():
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("index.html", HTML_PAGE)
    return output.getvalue()


def mpo_bytes():
    """A multi-picture JPEG (phones' depth or second camera) with EXIF in both pictures."""
    output = io.BytesIO()
    first = gradient()
    first.save(
        output, format="MPO", save_all=True, append_images=[gradient(32, 24)], exif=phone_exif()
    )
    return output.getvalue()


def eps_bytes():
    return b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n(pwned) print showpage\n"


# The catalogue ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    key: str
    name: str
    build: object  # () -> bytes
    # None: accepted, and stored clean. Otherwise words of the English refusal (any one of them).
    refused: tuple | None = None
    kind: str = "image"
    note: str = ""
    slow: bool = False
    upright: bool = field(default=False)  # accepted images whose left half must be on the left

    def data(self):
        if self.key not in _BUILT:
            _BUILT[self.key] = self.build()
        return _BUILT[self.key]


_BUILT = {}


def _jpeg_with(*segments, trailer=b""):
    return lambda: with_segments(jpeg_bytes(), *segments) + trailer


TOO_MANY_PIXELS = ("megapixels", "too many pixels")
DAMAGED = ("damaged or incomplete",)
NOT_ACCEPTED = ("not an image we accept", "not a valid", "not a supported", "extension")

IMAGES = [
    Hostile(
        "jpeg-gps-exif-xmp",
        "IMG_1001.jpg",
        _jpeg_with(jpeg_segment(0xE1, exif_block()), xmp_segment()),
        upright=True,
    ),
    Hostile(
        "jpeg-exif-thumbnail",
        "IMG_1002.jpg",
        lambda: with_segments(
            jpeg_bytes(),
            jpeg_segment(
                0xE1,
                exif_block(
                    thumbnail=with_segments(
                        jpeg_bytes(gradient(16, 12)),
                        jpeg_segment(0xFE, SECRET_THUMBNAIL_MARK.encode()),
                    )
                ),
            ),
        ),
        note="EXIF thumbnail of the uncropped original",
    ),
    Hostile("jpeg-iptc", "IMG_1003.jpg", _jpeg_with(jpeg_segment(0xED, iptc_block()))),
    Hostile(
        "jpeg-comment", "IMG_1004.jpg", _jpeg_with(jpeg_segment(0xFE, SECRET_COMMENT.encode()))
    ),
    Hostile(
        "jpeg-html-polyglot",
        "photo.jpg",
        _jpeg_with(jpeg_segment(0xFE, HTML_PAGE), trailer=HTML_PAGE),
        note="JPEG and web page at once",
    ),
    Hostile("jpeg-zip-polyglot", "photo2.jpg", lambda: jpeg_bytes() + zip_bytes()),
    Hostile("jpeg-hostile-icc", "IMG_1005.jpg", _jpeg_with(*icc_segments(hostile_icc()))),
    Hostile(
        "jpeg-icc-with-payload",
        "IMG_1006.jpg",
        _jpeg_with(*icc_segments(srgb_profile_with_payload())),
    ),
    Hostile(
        "jpeg-oversized-icc",
        "IMG_1007.jpg",
        _jpeg_with(*icc_segments(b"\0" * (2 * 1024 * 1024))),
        note="2 MB profile over 33 segments",
    ),
    Hostile("jpeg-cmyk", "print.jpg", cmyk_jpeg),
    Hostile(
        "jpeg-cmyk-hostile-icc",
        "print2.jpg",
        lambda: with_segments(cmyk_jpeg(), *icc_segments(hostile_icc())),
    ),
    Hostile(
        "jpeg-rotated-gps",
        "IMG_1008.jpg",
        lambda: phone_photo_bytes("JPEG", orientation=6, width=64, height=48),
    ),
    Hostile("mpo-two-pictures", "IMG_1009.jpg", mpo_bytes),
    Hostile(
        "jpeg-claims-65535-square",
        "huge.jpg",
        lambda: patched_jpeg_size(jpeg_bytes(), 65535, 65535),
        refused=TOO_MANY_PIXELS,
    ),
    Hostile(
        "jpeg-claims-120-megapixels",
        "big.jpg",
        lambda: patched_jpeg_size(jpeg_bytes(), 12000, 10000),
        refused=TOO_MANY_PIXELS,
    ),
    Hostile(
        "jpeg-progressive-30-megapixels",
        "progressive.jpg",
        lambda: patched_jpeg_size(jpeg_bytes(progressive=True), 6000, 5000),
        refused=("progressive",),
    ),
    Hostile(
        "jpeg-truncated",
        "cut.jpg",
        lambda: jpeg_bytes(Image.effect_noise((200, 200), 60).convert("RGB"))[:-600],
        refused=DAMAGED,
    ),
    Hostile(
        "jpeg-garbage-after-signature",
        "noise.jpg",
        lambda: b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8,
        refused=DAMAGED,
    ),
    Hostile(
        "png-text-chunks",
        "screen.png",
        lambda: png_with_chunks(
            png_chunk(b"tEXt", b"Comment\0" + SECRET_COMMENT.encode()),
            png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0" + XMP),
            png_chunk(b"zTXt", b"Author\0\0" + zlib.compress(SECRET_BYLINE.encode())),
        ),
    ),
    Hostile(
        "png-exif-chunk",
        "screen2.png",
        lambda: png_with_chunks(png_chunk(b"eXIf", exif_block()[6:])),
    ),
    Hostile(
        "png-private-chunk",
        "screen3.png",
        lambda: png_with_chunks(png_chunk(b"prVt", (SECRET_CITY + SECRET_SERIAL).encode())),
    ),
    Hostile(
        "png-hostile-icc",
        "screen4.png",
        lambda: png_with_chunks(png_chunk(b"iCCP", b"icc\0\0" + zlib.compress(hostile_icc()))),
    ),
    Hostile("png-html-after-end", "screen5.png", lambda: png_with_chunks() + HTML_PAGE),
    Hostile("png-16-bit-colour", "scan.png", png_16bit_rgb),
    Hostile("png-16-bit-grey", "scan2.png", png_16bit_grey),
    Hostile(
        "png-claims-10-gigapixels",
        "bomb.png",
        lambda: png_header_only(100_000, 100_000),
        refused=TOO_MANY_PIXELS,
    ),
    Hostile(
        "png-one-pixel-tall-30-megapixels",
        "thin.png",
        lambda: png_header_only(30_000_000, 1),
        refused=TOO_MANY_PIXELS,
    ),
    Hostile("png-idat-zlib-bomb", "bomb2.png", png_idat_bomb, note="16 MB of zeros in 16 KB"),
    Hostile("png-text-zlib-bomb", "bomb3.png", png_text_bomb, refused=DAMAGED),
    Hostile(
        "apng-60-frames",
        "anim.png",
        lambda: animation("PNG", 60),
        refused=("frames",),
    ),
    Hostile("gif-comment-and-xmp", "anim.gif", gif_with_comment_and_xmp),
    Hostile(
        "gif-100000-frames",
        "frames.gif",
        lambda: gif_of_many_frames(100_000),
        refused=("frames",),
    ),
    Hostile(
        "gif-1000000-frames",
        "frames2.gif",
        lambda: gif_of_many_frames(1_000_000),
        refused=("frames",),
        slow=True,
    ),
    Hostile(
        "gif-claims-65535-square",
        "big.gif",
        lambda: b"GIF89a\xff\xff\xff\xff\x00\x00\x00" + b"\x3b",
        refused=TOO_MANY_PIXELS + DAMAGED,
    ),
    Hostile("webp-exif-xmp-icc", "shared.webp", webp_with_metadata),
    Hostile(
        "webp-claims-16384-square",
        "big.webp",
        lambda: webp_claiming_size(16384, 16384),
        refused=TOO_MANY_PIXELS + DAMAGED,
    ),
    Hostile("webp-60-frames", "anim.webp", lambda: animation("WEBP", 60), refused=("frames",)),
    Hostile("avif-exif-xmp", "camera.avif", lambda: phone_photo_bytes("AVIF", width=64, height=48)),
    Hostile(
        "heic-gps-xmp",
        "IMG_1010.HEIC",
        lambda: phone_photo_bytes("HEIF", orientation=6, width=64, height=48),
    ),
    Hostile(
        "svg-with-script", "logo.svg", lambda: SVG_WITH_SCRIPT, refused=("SVG",) + NOT_ACCEPTED
    ),
    Hostile("svg-named-jpg", "logo.jpg", lambda: SVG_WITH_SCRIPT, refused=("SVG",)),
    Hostile("html-named-jpg", "page.jpg", lambda: HTML_PAGE, refused=("web pages",)),
    Hostile("exe-named-jpg", "setup.jpg", lambda: WINDOWS_EXE, refused=("Windows program",)),
    Hostile("zip-named-jpg", "archive.jpg", zip_bytes, refused=("ZIP archive",)),
    Hostile("pdf-named-png", "doc.png", lambda: b"%PDF-1.4\n%...", refused=("PDF document",)),
    Hostile("eps-named-jpg", "art.jpg", eps_bytes, refused=("PostScript",)),
    Hostile("tiff-with-gps", "scan.jpg", tiff_bytes, refused=NOT_ACCEPTED),
    Hostile("bmp-named-png", "paint.png", bmp_bytes, refused=NOT_ACCEPTED),
    Hostile("empty-file", "empty.jpg", lambda: b"", refused=("empty", "not an image", "damaged")),
    Hostile(
        "png-named-jpg",
        "mislabelled.jpg",
        lambda: png_with_chunks(png_chunk(b"tEXt", b"Comment\0" + SECRET_COMMENT.encode())),
        note="mislabelled: refused by Wagtail's extension check in forms, stored as .png in code",
    ),
]

# File names that try to leave the upload folder or fool a reader (the content is a clean JPEG).
HOSTILE_NAMES = [
    "../../etc/passwd.jpg",
    "..\\..\\windows\\win.jpg",
    "/etc/cron.d/evil.jpg",
    "photo\x00.html.jpg",
    "invoice\u202egpj.exe.jpg",
    "..jpg",
    "ภาพ\u200b\u2066ลับ\u2069.jpg",
    "%2e%2e%2fescape.jpg",
    "con.jpg",
    "a" * 300 + ".jpg",
]

DOCUMENTS = [
    Hostile("doc-path-trick", "../../etc/passwd.pdf", lambda: b"%PDF-1.4\n", kind="document"),
    Hostile(
        "doc-rtl-name",
        "report\u202efdp.exe",
        lambda: WINDOWS_EXE,
        kind="document",
        refused=("not allowed", "extension"),
    ),
    Hostile(
        "doc-html-named-txt",
        "notes.txt",
        lambda: HTML_PAGE,
        kind="document",
        note="accepted; served only as an attachment",
    ),
    Hostile(
        "doc-svg-named-pdf",
        "plan.pdf",
        lambda: SVG_WITH_SCRIPT,
        kind="document",
        note="accepted; served only as an attachment",
    ),
    Hostile(
        "doc-html",
        "index.html",
        lambda: HTML_PAGE,
        kind="document",
        refused=("not allowed", "extension"),
    ),
    Hostile(
        "doc-svg",
        "logo.svg",
        lambda: SVG_WITH_SCRIPT,
        kind="document",
        refused=("not allowed", "extension"),
    ),
    Hostile("doc-nul-name", "minutes\x00.pdf", lambda: b"%PDF-1.4\n", kind="document"),
]

AUDIO_VIDEO = [
    Hostile("audio-path-trick", "../../etc/radio.mp3", mp3_bytes, kind="audio"),
    Hostile(
        "audio-html-named-mp3",
        "song.mp3",
        lambda: HTML_PAGE,
        kind="audio",
        refused=("not a sound file",),
    ),
    Hostile(
        "audio-mp3-html-polyglot",
        "clip.mp3",
        lambda: mp3_bytes() + HTML_PAGE,
        kind="audio",
        note="stored as .mp3: a browser plays it, never renders it",
    ),
    Hostile("audio-exe", "clip.mp3", lambda: WINDOWS_EXE, kind="audio", refused=("not a sound",)),
    Hostile(
        "video-location-and-camera",
        "VID_0001.mp4",
        mp4_bytes,
        kind="video",
        note="©xyz and camera make and model blanked",
    ),
    Hostile(
        "video-named-html",
        "clip.html",
        mp4_bytes,
        kind="video",
        note="stored as .mp4 whatever its name",
    ),
    Hostile(
        "video-hevc",
        "IMG_0001.MOV",
        lambda: mp4_bytes(codec=b"hvc1"),
        kind="video",
        refused=("H.264",),
    ),
    Hostile(
        "video-matroska",
        "film.webm",
        lambda: webm_bytes(doctype=b"matroska"),
        kind="video",
        refused=("not a video file",),
    ),
    Hostile(
        "video-rtl-name",
        "clip\u202e4pm.exe.mp4",
        mp4_bytes,
        kind="video",
    ),
]

CAPTIONS = [
    Hostile(
        "captions-with-script",
        "subs.vtt",
        lambda: WEBVTT + b"\n00:00:02.000 --> 00:00:03.000\n<script>alert(1)</script>\n",
        kind="captions",
        note="stored as .vtt, which no browser runs",
    ),
    Hostile(
        "captions-html",
        "subs.vtt",
        lambda: HTML_PAGE,
        kind="captions",
        refused=("WebVTT",),
    ),
    Hostile("captions-path-trick", "../../../subs.html", lambda: WEBVTT, kind="captions"),
]

ALL = IMAGES + DOCUMENTS + AUDIO_VIDEO + CAPTIONS


def by_key(key):
    return next(hostile for hostile in ALL if hostile.key == key)


# Looking at what was stored ---------------------------------------------------------------------


def _jpeg_markers(data):
    """The markers of a JPEG up to its first scan, and whether anything follows its end."""
    markers = []
    position = 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:
            break
        position += 2 + struct.unpack(">H", data[position + 2 : position + 4])[0]
    return markers


def _png_chunks(data):
    chunks, position = [], 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        chunks.append(kind.decode("latin-1"))
        position += 12 + length
        if kind == b"IEND":
            break
    return chunks, position


def identifying_traces(data, secrets=SECRETS):
    """What in ``data`` (a stored image) could identify a reporter or run in a browser."""
    found = [f"secret {secret!r}" for secret in secrets if secret.encode() in data]
    found += [what for marker, what in TRACE_MARKERS.items() if marker in data]
    if data.startswith(b"\xff\xd8"):
        extra = [hex(m) for m in _jpeg_markers(data) if 0xE1 <= m <= 0xEF or m == 0xFE]
        if extra:
            found.append(f"JPEG segments {extra}")
        if not data.endswith(b"\xff\xd9"):
            found.append("bytes after the end of the JPEG")
    elif data.startswith(b"\x89PNG"):
        chunks, end = _png_chunks(data)
        extra = [c for c in chunks if c not in ("IHDR", "PLTE", "tRNS", "IDAT", "IEND")]
        if extra:
            found.append(f"PNG chunks {extra}")
        if end != len(data):
            found.append("bytes after the end of the PNG")
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        for chunk in (b"EXIF", b"XMP ", b"ICCP"):
            if chunk in data:
                found.append(f"WebP chunk {chunk!r}")
    elif data.startswith(b"GIF"):
        if b"\x21\xfe" in data:
            found.append("GIF comment")
        if not data.endswith(b"\x3b"):
            found.append("bytes after the end of the GIF")
    with Image.open(io.BytesIO(data)) as image:
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop"):
            if image.info.get(key):
                found.append(f"Pillow sees {key}")
        if image.getexif():
            found.append("EXIF tags")
    return found
