"""Builds the files the media tests upload: phone-like photos full of metadata, tiny audio and
video containers assembled byte by byte, and files that only pretend to be images."""

import io
import struct
import zlib

import pillow_heif
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

pillow_heif.register_heif_opener()

SECRET_MAKE = "SecretPhoneMaker"
SECRET_MODEL = "Model-X-Surin"
SECRET_SERIAL = "SN-0042-SECRET"
SECRET_SOFTWARE = "CameraApp 9.9-secret"
SECRET_XMP_MARK = "exif:GPSLatitude"
SECRETS = [SECRET_MAKE, SECRET_MODEL, SECRET_SERIAL, SECRET_SOFTWARE, SECRET_XMP_MARK]
GPS_IFD = 0x8825
DEVICE_TAGS = {0x010F: "Make", 0x0110: "Model", 0x0131: "Software", 0xA431: "BodySerialNumber"}

XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="14,52.86N" '
    b'exif:GPSLongitude="103,29.61E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def phone_exif(orientation=1):
    exif = Image.Exif()
    exif[0x010F] = SECRET_MAKE
    exif[0x0110] = SECRET_MODEL
    exif[0x0131] = SECRET_SOFTWARE
    exif[0x0112] = orientation
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0xA431] = SECRET_SERIAL
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (14.0, 52.0, 51.6)
    gps[3] = "E"
    gps[4] = (103.0, 29.0, 36.6)
    return exif


def photo(width=60, height=40):
    """A small image whose left half is red and right half blue, so rotation is visible."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (width // 2, 0, width, height))
    return image


def phone_photo_bytes(fmt, orientation=1, width=60, height=40):
    image = photo(width, height)
    output = io.BytesIO()
    exif = phone_exif(orientation)
    if fmt == "HEIF":
        heif = pillow_heif.from_pillow(image)
        heif.save(output, quality=80, exif=exif.tobytes(), xmp=XMP)
    elif fmt in ("JPEG", "WEBP", "PNG", "AVIF"):
        image.save(output, format=fmt, exif=exif, xmp=XMP)
    else:
        image.save(output, format=fmt)
    return output.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def animated_gif_bytes(frames, size=8):
    images = []
    for index in range(frames):
        frame = Image.new("L", (size, size), 0)
        frame.putpixel((index % size, index // size % size), 255)
        images.append(frame)
    output = io.BytesIO()
    images[0].save(output, format="GIF", save_all=True, append_images=images[1:], duration=50)
    return output.getvalue()


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb_header_bytes(width=100_000, height=100_000):
    """A PNG that claims ten billion pixels in a few dozen bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 200


# --- audio and video ----------------------------------------------------------------------


def mp3_bytes(frames=40, with_id3=True):
    """MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417-byte frames of silence (about 1 s per 38)."""
    header = bytes([0xFF, 0xFB, 0x90, 0x64])
    frame = header + b"\0" * (417 - len(header))
    data = frame * frames
    if with_id3:
        title = b"\x03" + "เสียงชุมชน".encode()
        frame_tit2 = b"TIT2" + struct.pack(">I", len(title)) + b"\0\0" + title
        size = len(frame_tit2)
        syncsafe = bytes(
            [(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F]
        )
        data = b"ID3\x04\x00\x00" + syncsafe + frame_tit2 + data
    return data


def adts_aac_bytes(frames=20):
    """ADTS AAC-LC, 44.1 kHz mono, with empty raw frames."""
    frame_length = 7 + 6
    header = bytes(
        [
            0xFF,
            0xF1,
            0x50,
            0x40 | ((frame_length >> 11) & 0x03),
            (frame_length >> 3) & 0xFF,
            ((frame_length & 0x07) << 5) | 0x1F,
            0xFC,
        ]
    )
    return (header + b"\x00" * 6) * frames


def _ogg_crc(data):
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else (crc << 1)
            crc &= 0xFFFFFFFF
    return crc


def _ogg_page(packet, sequence, granule, flags):
    segments = []
    remaining = len(packet)
    while remaining >= 255:
        segments.append(255)
        remaining -= 255
    segments.append(remaining)
    header = (
        b"OggS"
        + bytes([0, flags])
        + struct.pack("<qII", granule, 0x5EA9, sequence)
        + b"\0\0\0\0"
        + bytes([len(segments)])
        + bytes(segments)
    )
    page = bytearray(header + packet)
    page[22:26] = struct.pack("<I", _ogg_crc(bytes(page)))
    return bytes(page)


def ogg_opus_bytes(seconds=2):
    """Ogg Opus of silence: 20 ms CELT silence frames, with correct page checksums."""
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48000, 0, 0)
    tags = b"OpusTags" + struct.pack("<I", 4) + b"test" + struct.pack("<I", 0)
    frames = seconds * 50
    pages = [_ogg_page(head, 0, 0, 0x02), _ogg_page(tags, 1, 0, 0)]
    silence = b"\xf8\xff\xfe"
    for index in range(frames):
        last = index == frames - 1
        granule = 312 + (index + 1) * 960
        pages.append(_ogg_page(silence, 2 + index, granule, 0x04 if last else 0))
    return b"".join(pages)


def _box(kind, payload=b""):
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4_bytes(handler=b"vide", codec=b"avc1", brand=b"isom", duration_s=3, location=True):
    """An MP4 skeleton: ftyp, moov with mvhd, one track (hdlr + stsd), user data with a
    location and a camera model, and an mdat."""
    timescale = 1000
    mvhd = _box(
        b"mvhd",
        b"\0" * 4 + struct.pack(">IIII", 0, 0, timescale, duration_s * timescale) + b"\0" * 80,
    )
    hdlr = _box(b"hdlr", b"\0" * 8 + handler + b"\0" * 12 + b"track\0")
    sample_entry = _box(codec, b"\0" * 6 + struct.pack(">H", 1) + b"\0" * 70)
    stsd = _box(b"stsd", b"\0" * 4 + struct.pack(">I", 1) + sample_entry)
    trak = _box(b"trak", _box(b"mdia", hdlr + _box(b"minf", _box(b"stbl", stsd))))
    udta = b""
    if location:
        udta = _box(
            b"udta",
            _box(b"\xa9xyz", b"\0\x12\x15\xc7+14.8810+103.4935/")
            + _box(b"\xa9mak", f"\0\0\0\0{SECRET_MAKE}".encode())
            + _box(b"\xa9mod", f"\0\0\0\0{SECRET_MODEL}".encode()),
        )
    moov = _box(b"moov", mvhd + trak + udta)
    ftyp = _box(b"ftyp", brand + b"\0\0\0\0" + brand + b"mp41")
    return ftyp + moov + _box(b"mdat", b"\0" * 256)


def webm_bytes(doctype=b"webm"):
    """EBML header declaring the DocType, followed by an empty Segment."""
    doctype_element = b"\x42\x82" + bytes([0x80 | len(doctype)]) + doctype
    body = (
        b"\x42\x86\x81\x01"  # EBMLVersion 1
        + b"\x42\xf7\x81\x01"  # EBMLReadVersion 1
        + b"\x42\xf2\x81\x04"
        + b"\x42\xf3\x81\x08"
        + doctype_element
        + b"\x42\x87\x81\x04"
        + b"\x42\x85\x81\x02"
    )
    header = b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(body)]) + body
    return header + b"\x18\x53\x80\x67\x01\xff\xff\xff\xff\xff\xff\xff" + b"\0" * 64


WEBVTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nสวัสดีค่ะ\n".encode()
