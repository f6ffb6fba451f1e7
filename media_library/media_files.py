"""Recognises audio and video uploads by their content, never by their name.

A file named ``interview.mp3`` may be anything; what a browser will do with it depends on the
bytes. Each accepted container is recognised by its signature (and, for MP4, by the codec of its
tracks: browsers play H.264 everywhere, while the HEVC an iPhone records by default does not play
in most of them). The few bytes that matter are read directly because the libraries that do this
(python-magic, ffprobe) need system binaries the association's small server may not have.
"""

import io
import struct
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

AUDIO = "audio"
VIDEO = "video"


@dataclass(frozen=True)
class MediaFormat:
    kind: str
    name: str
    extension: str
    mime_type: str


MP3 = MediaFormat(AUDIO, "MP3", "mp3", "audio/mpeg")
AAC = MediaFormat(AUDIO, "AAC", "aac", "audio/aac")
M4A = MediaFormat(AUDIO, "M4A", "m4a", "audio/mp4")
OGG = MediaFormat(AUDIO, "Ogg", "ogg", "audio/ogg")
OPUS = MediaFormat(AUDIO, "Opus", "opus", "audio/ogg")
MP4 = MediaFormat(VIDEO, "MP4", "mp4", "video/mp4")
WEBM = MediaFormat(VIDEO, "WebM", "webm", "video/webm")

ACCEPTED_TEXT = {
    AUDIO: "MP3, M4A/AAC, Ogg/Opus",
    VIDEO: "MP4 (H.264), WebM",
}

# Boxes whose content is metadata (QuickTime user data and iTunes/Apple metadata, where phones
# write the location ©xyz and the camera make and model).
MP4_METADATA_BOXES = {b"udta", b"meta"}
MP4_CONTAINER_BOXES = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}
H264_CODECS = {b"avc1", b"avc3"}


def max_size(kind):
    if kind == AUDIO:
        return getattr(settings, "MEDIA_LIBRARY_MAX_AUDIO_SIZE", 100 * 1024 * 1024)
    return getattr(settings, "MEDIA_LIBRARY_MAX_VIDEO_SIZE", 300 * 1024 * 1024)


def _unrecognised(kind):
    return ValidationError(
        _(
            "This file is not a %(kind)s file we can play. Accepted formats: %(formats)s. "
            "The file's content is checked, not its name."
        )
        % {"kind": _("sound") if kind == AUDIO else _("video"), "formats": ACCEPTED_TEXT[kind]},
        code="unrecognised_media",
    )


def _mpeg_audio_frame(head, offset):
    """MP3 or ADTS AAC, from the 11-bit frame sync at ``offset``."""
    if len(head) < offset + 2 or head[offset] != 0xFF or head[offset + 1] & 0xE0 != 0xE0:
        return None
    layer = (head[offset + 1] >> 1) & 0b11
    if layer == 0b01:
        return MP3
    if layer == 0b00 and head[offset + 1] & 0xF0 == 0xF0:
        return AAC
    return None


def _id3_length(head):
    if not head.startswith(b"ID3") or len(head) < 10:
        return 0
    size = 0
    for byte in head[6:10]:
        size = (size << 7) | (byte & 0x7F)
    return 10 + size


@dataclass
class Mp4Summary:
    handlers: list
    codecs: list
    duration: float | None
    metadata_boxes: list  # (offset, size) of boxes to blank


def _walk_mp4(file, start, end, summary, depth=0):
    position = start
    while position + 8 <= end:
        file.seek(position)
        header = file.read(16)
        if len(header) < 8:
            break
        size, box_type = struct.unpack(">I4s", header[:8])
        header_size = 8
        if size == 1:
            if len(header) < 16:
                break
            size = struct.unpack(">Q", header[8:16])[0]
            header_size = 16
        elif size == 0:
            size = end - position
        if size < header_size or position + size > end:
            raise ValueError("box runs past the end of the file")
        body = position + header_size
        if box_type in MP4_METADATA_BOXES and depth >= 1:
            summary.metadata_boxes.append((position, size, header_size))
        elif box_type in MP4_CONTAINER_BOXES:
            _walk_mp4(file, body, position + size, summary, depth + 1)
        elif box_type == b"mvhd":
            file.seek(body)
            data = file.read(32)
            if data[:1] == b"\x01":
                timescale, duration = struct.unpack(">IQ", data[20:32])
            else:
                timescale, duration = struct.unpack(">II", data[12:20])
            if timescale:
                summary.duration = duration / timescale
        elif box_type == b"hdlr":
            file.seek(body + 8)
            summary.handlers.append(file.read(4))
        elif box_type == b"stsd":
            file.seek(body + 8 + 4)
            summary.codecs.append(file.read(4))
        position += size


def summarise_mp4(file):
    file.seek(0, io.SEEK_END)
    end = file.tell()
    summary = Mp4Summary([], [], None, [])
    _walk_mp4(file, 0, end, summary)
    return summary


def _blank_mp4_metadata(file, summary):
    """Turn metadata boxes into 'free' boxes of the same size filled with zeros.

    Keeping each box's size means no sample offset elsewhere in the file changes, so the file
    stays playable without rewriting its index; players skip 'free' boxes.
    """
    for position, size, header_size in summary.metadata_boxes:
        file.seek(position + 4)
        file.write(b"free")
        file.seek(position + header_size)
        remaining = size - header_size
        while remaining:
            chunk = min(remaining, 64 * 1024)
            file.write(b"\0" * chunk)
            remaining -= chunk


def _mp4_format(file, kind):
    try:
        summary = summarise_mp4(file)
    except (ValueError, struct.error) as error:
        raise ValidationError(
            _("This file is damaged or incomplete. Export it again and upload the new file."),
            code="corrupt_media",
        ) from error
    if b"vide" in summary.handlers:
        video_codecs = [codec for codec in summary.codecs if codec not in (b"mp4a", b"Opus")]
        if not any(codec in H264_CODECS for codec in video_codecs):
            raise ValidationError(
                _(
                    "This video is not encoded as H.264 (it uses %(codec)s), so many browsers "
                    "cannot play it. On an iPhone choose Settings → Camera → Formats → "
                    "Most Compatible, or export the video as H.264 MP4."
                )
                % {"codec": b", ".join(video_codecs).decode("ascii", "replace") or "?"},
                code="unsupported_codec",
            )
        return MP4, summary
    if b"soun" in summary.handlers:
        return M4A, summary
    raise ValidationError(
        _("This file is damaged or incomplete. Export it again and upload the new file."),
        code="corrupt_media",
    )


def detect_format(file, kind):
    """The MediaFormat of ``file`` (any seekable binary file), or a ValidationError."""
    file.seek(0)
    head = file.read(4096)
    format_ = None
    summary = None
    if head[4:8] == b"ftyp":
        format_, summary = _mp4_format(file, kind)
    elif head.startswith(b"OggS"):
        if b"OpusHead" in head[:200]:
            format_ = OPUS
        elif b"\x01vorbis" in head[:200]:
            format_ = OGG
    elif head.startswith(b"\x1a\x45\xdf\xa3"):
        # EBML: WebM declares its DocType near the start; other Matroska files are refused.
        if b"\x42\x82\x84webm" in head[:128]:
            format_ = WEBM
    else:
        format_ = _mpeg_audio_frame(head, _id3_length(head))
    if format_ is None:
        raise _unrecognised(kind)
    if format_.kind != kind:
        if kind == AUDIO:
            message = _("This is a video file. Add it as a video, not as a sound recording.")
        else:
            message = _("This is a sound file. Add it as a sound recording, not as a video.")
        raise ValidationError(message, code="wrong_media_kind")
    return format_, summary


def read_duration(file, format_, summary=None):
    """Length in seconds when the container says it, else None (the editor enters it)."""
    if summary is not None and summary.duration:
        return summary.duration
    if format_ in (MP3, AAC, OGG, OPUS, M4A):
        import mutagen

        try:
            file.seek(0)
            info = mutagen.File(file)
        except Exception:  # noqa: BLE001 – mutagen raises many types; the editor can type it
            return None
        if info is not None and getattr(info.info, "length", 0):
            return float(info.info.length)
    return None


def check_media_upload(uploaded, kind):
    """Validate and clean an uploaded audio/video file in place; return (format, duration)."""
    limit = max_size(kind)
    if uploaded.size > limit:
        raise ValidationError(
            _("This file is too big (%(size)s). The largest accepted is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    file = uploaded.file
    format_, summary = detect_format(file, kind)
    duration = read_duration(file, format_, summary)
    if summary is not None and summary.metadata_boxes:
        _blank_mp4_metadata(file, summary)
    file.seek(0)
    return format_, duration


def check_captions(uploaded):
    """A WebVTT file: small, UTF-8, starting with the WEBVTT signature."""
    limit = getattr(settings, "MEDIA_LIBRARY_MAX_CAPTIONS_SIZE", 512 * 1024)
    if uploaded.size > limit:
        raise ValidationError(
            _("This captions file is too big. The largest accepted is %(limit)s.")
            % {"limit": filesizeformat(limit)},
            code="file_too_large",
        )
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    if not text.startswith("WEBVTT"):
        raise ValidationError(
            _("Captions must be a WebVTT file (.vtt) in UTF-8 that starts with the line WEBVTT."),
            code="invalid_captions",
        )
