"""Hostile files through every upload door (issue 10, "Trust at every door": files and photos).

Every file of ``tests/hostile_files.py`` goes through the doors a photo can reach storage by:
the admin's single upload, multiple upload, the image chooser's upload tab, the multiple
uploader's parked files, ``import_stories`` (and an export imported again), the demo content and
code (factories, scripts). Documents, sound, video and captions go through theirs. What a door
must do: never answer 500; refuse with a message naming the problem; or store the file so that
nothing identifying (GPS, make, model, serial, XMP, IPTC, comments, thumbnails) or runnable
(HTML, scripts, archives) survives in the original or any rendition, inside the media folders,
under a name that leaves no folder and a type a browser will not run.

The fast tier sends every hostile image through the admin's upload and through code, and a
sample through each other door; ``slow`` sends every file through every door and makes every
rendition a story page uses. Timings per file are measured by
``tests/test_security_files_bench.py`` (``bench``), not asserted here.
"""

import json
import mimetypes
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import UploadedFile

from demo import factories
from media_library.image_field import CleanedImageField
from media_library.models import MediaItem
from media_library.renditions import filter_specs
from news.interchange.exporting import export_stories
from news.interchange.importing import import_stories
from news.models import StoryPage
from tests.hostile_files import (
    AUDIO_VIDEO,
    CAPTIONS,
    DOCUMENTS,
    HOSTILE_NAMES,
    IMAGES,
    by_key,
    exif_block,
    gradient,
    identifying_traces,
    jpeg_bytes,
    jpeg_segment,
    with_segments,
    xmp_segment,
)
from tests.media_builders import WEBVTT, mp4_bytes, upload
from tests.upload_doors import (
    Outcome,
    door_admin_multiple,
    door_admin_single,
    door_chooser,
    door_code,
    door_demo,
    door_factory,
    door_import,
    door_parked,
    english,
    post_file,
)

CustomImage = get_image_model()
Document = get_document_model()

STORED_IMAGE_TYPES = {"jpg", "png", "webp", "avif", "gif"}
# Wagtail's extension check refuses a PNG named .jpg in every form (and so in the import, which
# runs Wagtail's field); code that sets a file directly stores it as the .png it is.
FORM_REFUSALS = {"png-named-jpg": ("does not match", "extension")}
# One file of each family, for the doors the fast tier samples.
SAMPLE = [
    "jpeg-gps-exif-xmp",
    "heic-gps-xmp",
    "jpeg-html-polyglot",
    "png-text-chunks",
    "jpeg-claims-120-megapixels",
    "svg-named-jpg",
    "gif-100000-frames",
]
CHEAP_RENDITIONS = ["width-400|format-jpeg"]
# Every rendition the story page and the story cards ask for: 400, 800 and 1200 px, three formats.
STORY_RENDITIONS = filter_specs("") + filter_specs("wide")


@pytest.fixture(autouse=True)
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()
    return tmp_path


@pytest.fixture
def admin_client(client, db):
    from wagtail.users.models import UserProfile

    user = factories.UserFactory(username="security-admin", is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin's messages are read in English here
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def import_site(site_tree):
    factories.StoryIndexPageFactory(parent=site_tree["home_th"], slug="เรื่องราว")
    factories.NetworkFactory(slug="elderly")
    return site_tree


# Looking at the disk ---------------------------------------------------------------------------


def storage_roots():
    documents = Path(Document._meta.get_field("file").storage.location)
    return [Path(settings.MEDIA_ROOT), documents]


# The test's own inputs and outputs (files to import, an export), not written by a door.
OWN_FOLDERS = ("import", "import2", "export")


def all_files(tmp_path):
    found = set()
    for root in [tmp_path, *storage_roots()]:
        if root.exists():
            found |= {path.resolve() for path in root.rglob("*") if path.is_file()}
    own = [(tmp_path / folder).resolve() for folder in OWN_FOLDERS]
    return {path for path in found if not any(path.is_relative_to(folder) for folder in own)}


class DiskWatch:
    """The files a door writes: every new file under the test's folder and the storages."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.before = all_files(tmp_path)

    def new_files(self):
        return sorted(all_files(self.tmp_path) - self.before)

    def problems(self, label, *, accepted):
        problems = []
        roots = [root.resolve() for root in storage_roots()]
        for path in self.new_files():
            if not any(path.is_relative_to(root) for root in roots):
                problems.append(f"{label}: wrote outside the media folders: {path}")
                continue
            name = path.name
            if any(ord(char) < 32 or char in "\u202e\u202d\u2066\u2069\u200b" for char in name):
                problems.append(f"{label}: stored name with control characters: {name!r}")
            if not accepted:
                problems.append(f"{label}: refused, yet stored {path}")
        return problems


def image_problems(label, data, path):
    problems = [f"{label}: {trace} in {path.name}" for trace in identifying_traces(data)]
    extension = path.suffix.lstrip(".").lower()
    if extension not in STORED_IMAGE_TYPES:
        problems.append(f"{label}: stored as .{extension}")
    elif not (mimetypes.guess_type(path.name)[0] or "").startswith("image/"):
        problems.append(f"{label}: {path.name} would not be served as an image")
    return problems


def stored_images_problems(label, images, specs):
    """Originals and the renditions ``specs`` of ``images``: nothing identifying in any."""
    problems = []
    for image in images:
        original = Path(image.file.path)
        if not original.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
            problems.append(f"{label}: original outside MEDIA_ROOT: {original}")
        problems += image_problems(label, original.read_bytes(), original)
        with Image.open(original) as opened:
            if max(opened.size) > 2560 or (image.width, image.height) != opened.size:
                problems.append(f"{label}: stored {opened.size}, model says {image.width}")
        for rendition in image.get_renditions(*specs).values():
            path = Path(rendition.file.path)
            problems += image_problems(
                f"{label} rendition {rendition.filter_spec}", path.read_bytes(), path
            )
    return problems


def judge(hostile, outcome, label, form_door):
    """Problems with ``outcome`` for ``hostile`` at a door (a form door or code)."""
    expected = hostile.refused
    if form_door and hostile.key in FORM_REFUSALS:
        expected = FORM_REFUSALS[hostile.key]
    if expected is None:
        return [] if outcome.accepted else [f"{label}: refused: {outcome.message[:200]}"]
    if outcome.accepted:
        return [f"{label}: accepted, should be refused ({expected[0]})"]
    if not any(word.lower() in outcome.message.lower() for word in expected):
        return [f"{label}: message does not say {expected}: {outcome.message[:300]}"]
    return []


def run_door(door, hostiles, tmp_path, specs, form_door=True, **context):
    """Send each of ``hostiles`` through ``door``; return every problem found."""
    problems = []
    for hostile in hostiles:
        label = f"{door.__name__}[{hostile.key}]"
        data = hostile.data()
        before = set(CustomImage.objects.values_list("pk", flat=True))
        watch = DiskWatch(tmp_path)
        with translation.override("en"):
            if door in (door_admin_single, door_admin_multiple, door_chooser, door_parked):
                outcome = door(context["client"], hostile.name, data)
            elif door is door_demo:
                outcome = door(context["monkeypatch"], hostile.name, data)
            elif door is door_import:
                outcome = door(tmp_path / "import", hostile.name, data)
            else:
                outcome = door(hostile.name, data)
        problems += judge(hostile, outcome, label, form_door)
        for path, parked in outcome.parked:
            problems += image_problems(f"{label} parked", parked, path)
        new_images = list(CustomImage.objects.exclude(pk__in=before))
        if outcome.accepted:
            problems += stored_images_problems(label, new_images, specs)
        elif new_images:
            problems.append(f"{label}: refused, yet {len(new_images)} image(s) saved")
        problems += watch.problems(label, accepted=outcome.accepted)
        if UploadedFile.objects.exists():
            problems.append(f"{label}: a parked upload was left behind")
    return problems


# Fast tier: every hostile image through the admin and through code ------------------------------


def test_every_hostile_image_through_the_admin_upload(admin_client, roots):
    assert len(IMAGES) + len(DOCUMENTS) + len(AUDIO_VIDEO) + len(CAPTIONS) >= 40
    hostiles = [hostile for hostile in IMAGES if not hostile.slow]

    problems = run_door(door_admin_single, hostiles, roots, CHEAP_RENDITIONS, client=admin_client)

    assert problems == [], "\n".join(problems)


def test_every_hostile_image_through_code_factories_and_demo(db, roots, monkeypatch):
    hostiles = [hostile for hostile in IMAGES if not hostile.slow]

    sample = [by_key(k) for k in SAMPLE[:3]]

    problems = run_door(door_code, hostiles, roots, [], form_door=False)
    problems += run_door(door_factory, sample, roots, [], form_door=False)
    problems += run_door(door_demo, sample, roots, [], form_door=False, monkeypatch=monkeypatch)

    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("door", [door_admin_multiple, door_chooser, door_parked])
def test_a_sample_of_hostile_images_through_the_other_admin_doors(admin_client, roots, door):
    problems = run_door(door, [by_key(k) for k in SAMPLE], roots, [], client=admin_client)

    assert problems == [], "\n".join(problems)


def test_a_sample_of_hostile_images_through_the_import(import_site, roots):
    problems = run_door(door_import, [by_key(k) for k in SAMPLE], roots, [])

    assert problems == [], "\n".join(problems)


def test_imported_phone_photo_keeps_no_gps_in_original_or_story_renditions(import_site, roots):
    """The finding: import_stories stored the original and its 400/800/1200 px renditions with
    the GPS position and the phone's make and model."""
    data = with_segments(
        jpeg_bytes(gradient(1600, 1200)), jpeg_segment(0xE1, exif_block()), xmp_segment()
    )
    assert identifying_traces(data)

    assert door_import(roots / "import", "IMG_2041.jpg", data).accepted

    story = StoryPage.objects.get(import_ref="hostile-1")
    image = story.hero_image
    assert image.file.name.startswith("original_images/")
    assert (image.width, image.height) == (1600, 1200)
    assert image.file_size == Path(image.file.path).stat().st_size
    renditions = image.get_renditions(*STORY_RENDITIONS)
    assert sorted({r.width for r in renditions.values()}) == [400, 800, 1000, 1200]
    assert stored_images_problems("import", [image], STORY_RENDITIONS) == []


def test_importing_the_same_phone_photo_again_reuses_the_cleaned_image(import_site, roots):
    data = by_key("jpeg-gps-exif-xmp").data()
    assert door_import(roots / "import", "IMG_1001.jpg", data).accepted
    assert door_import(roots / "import2", "IMG_1001.jpg", data, ref="hostile-2").accepted

    assert CustomImage.objects.count() == 1
    image = CustomImage.objects.get()
    assert image.file_hash and image.file_size == len(Path(image.file.path).read_bytes())


def test_export_then_import_keeps_every_photo_clean(import_site, roots):
    accepted = [h for h in IMAGES if h.refused is None and h.key not in FORM_REFUSALS][:12]
    folder = roots / "import"
    folder.mkdir()
    records = []
    for number, hostile in enumerate(accepted):
        name = f"{number}-{hostile.name}"
        (folder / name).write_bytes(hostile.data())
        records.append(
            {
                "ref": f"story-{number}",
                "type": "news",
                "locale": "th",
                "title": f"ข่าวที่ {number}",
                "networks": ["elderly"],
                "hero_image": name,
            }
        )
    source = folder / "stories.json"
    source.write_text(json.dumps({"stories": records}, ensure_ascii=False), "utf-8")
    import_stories(source)
    export = roots / "export" / "export.json"
    export.parent.mkdir()

    result = export_stories(export)
    for story in StoryPage.objects.all():
        story.delete()
    CustomImage.objects.all().delete()
    watch = DiskWatch(roots)
    import_stories(export)

    # Files that differ only in their metadata are the same photo once cleaned: stored once.
    distinct = CustomImage.objects.values("file_hash").distinct().count()
    assert result.images == distinct
    exported = [path for path in (export.parent / "export_images").iterdir()]
    problems = [p for path in exported for p in image_problems("exported", path.read_bytes(), path)]
    problems += stored_images_problems("re-imported", CustomImage.objects.all(), CHEAP_RENDITIONS)
    problems += watch.problems("re-import", accepted=True)
    assert problems == [], "\n".join(problems)
    assert CustomImage.objects.count() == distinct


def test_hostile_names_never_leave_the_upload_folder(admin_client, roots):
    data = by_key("jpeg-gps-exif-xmp").data()
    problems = []
    for name in HOSTILE_NAMES:
        watch = DiskWatch(roots)
        for outcome in (door_admin_single(admin_client, name, data), door_code(name, data)):
            # Refusing a name with no extension left ("..jpg") is fine, silently is not.
            if not outcome.accepted and not outcome.message.strip():
                problems.append(f"{name!r}: refused without a message")
        problems += watch.problems(repr(name), accepted=True)
    assert problems == [], "\n".join(problems)
    for image in CustomImage.objects.all():
        stored = image.file.name
        assert stored.startswith("original_images/") and stored.count("/") == 1, stored
        assert not stored.split("/")[1].startswith(".") and "\\" not in stored, stored
    assert CustomImage.objects.count() >= 2 * len(HOSTILE_NAMES) - 1
    assert not (roots / "etc").exists() and not (roots / "media" / "etc").exists()


# Documents, sound, video, captions --------------------------------------------------------------


def test_hostile_documents_are_refused_or_served_only_as_downloads(admin_client, client, roots):
    problems = []
    for hostile in DOCUMENTS:
        watch = DiskWatch(roots)
        before = set(Document.objects.values_list("pk", flat=True))
        with translation.override("en"):
            response = post_file(
                admin_client,
                reverse("wagtaildocs:add"),
                {"title": "เอกสาร"},
                "file",
                hostile.name,
                hostile.data(),
            )
        if response.status_code == 302:
            outcome = Outcome(True)
        else:
            assert response.status_code == 200
            outcome = Outcome(False, english(response.context["form"].errors.get("file", [])))
        problems += judge(hostile, outcome, hostile.key, True)
        problems += watch.problems(hostile.key, accepted=outcome.accepted)
        for document in Document.objects.exclude(pk__in=before):
            stored = document.file.name
            if not stored.startswith("documents/") or stored.count("/") != 1:
                problems.append(f"{hostile.key}: stored as {stored!r}")
            if any(ord(char) < 32 or char == "\u202e" for char in stored):
                problems.append(f"{hostile.key}: control characters in {stored!r}")
            response = client.get(document.url)
            if not response["Content-Disposition"].startswith("attachment;"):
                problems.append(f"{hostile.key}: served inline")
            if response["X-Content-Type-Options"] != "nosniff":
                problems.append(f"{hostile.key}: no nosniff")
            if response["Content-Security-Policy"] != "default-src 'none'":
                problems.append(f"{hostile.key}: no sandboxing CSP")
    assert problems == [], "\n".join(problems)


def test_parked_documents_get_an_address_nobody_can_guess(admin_client, roots):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload("minutes.pdf", b"%PDF-1.4\n"), "title": "ชื่อยาวเกินไป" * 40},
    )

    parked = UploadedFile.objects.get(pk=response.json()["uploaded_file_id"])
    folder, token, name = parked.file.name.split("/")
    assert (folder, name) == ("wagtail_uploads", "minutes.pdf")
    assert len(token) == 32


def add_media(client, kind, name, data, more_files=(), **fields):
    with translation.override("en"):
        return post_file(
            client,
            reverse("wagtailmedia:add", args=(kind,)),
            {"title": "บันทึกเสียงชุมชน", **fields},
            "file",
            name,
            data,
            more_files,
        )


EXTENSIONS = {"audio": {"mp3", "m4a", "aac", "ogg", "opus"}, "video": {"mp4", "webm"}}


def test_hostile_sound_and_video_are_refused_or_stored_as_what_they_are(admin_client, roots):
    problems = []
    for hostile in AUDIO_VIDEO:
        watch = DiskWatch(roots)
        before = set(MediaItem.objects.values_list("pk", flat=True))
        response = add_media(admin_client, hostile.kind, hostile.name, hostile.data())
        if response.status_code == 302:
            outcome = Outcome(True)
        else:
            assert response.status_code == 200
            outcome = Outcome(False, english(response.context["form"].errors.get("file", [])))
        problems += judge(hostile, outcome, hostile.key, True)
        problems += watch.problems(hostile.key, accepted=outcome.accepted)
        for item in MediaItem.objects.exclude(pk__in=before):
            stored = item.file.name
            extension = stored.rsplit(".", 1)[-1]
            if not stored.startswith("media/") or stored.count("/") != 1:
                problems.append(f"{hostile.key}: stored as {stored!r}")
            if extension not in EXTENSIONS[hostile.kind]:
                problems.append(f"{hostile.key}: stored as .{extension}")
            if not (mimetypes.guess_type(stored)[0] or "").startswith(hostile.kind):
                problems.append(f"{hostile.key}: {stored} would not be served as {hostile.kind}")
            if item.mime_type.split("/")[0] != hostile.kind:
                problems.append(f"{hostile.key}: MIME type {item.mime_type}")
            data = Path(item.file.path).read_bytes()
            for secret in (b"+14.8810+103.4935/", b"SecretPhoneMaker", b"Model-X-Surin"):
                if secret in data:
                    problems.append(f"{hostile.key}: {secret!r} survived")
    assert problems == [], "\n".join(problems)


def test_hostile_captions_are_refused_or_stored_as_webvtt(admin_client, roots):
    problems = []
    for hostile in CAPTIONS:
        watch = DiskWatch(roots)
        response = add_media(
            admin_client,
            "video",
            "festival.mp4",
            mp4_bytes(),
            more_files=[("captions", hostile.name, hostile.data())],
            captions_language="th",
        )
        if response.status_code == 302:
            outcome = Outcome(True)
            stored = MediaItem.objects.latest("pk").captions.name
            if not (stored.startswith("media_captions/") and stored.endswith(".vtt")):
                problems.append(f"{hostile.key}: captions stored as {stored!r}")
            if stored.count("/") != 1:
                problems.append(f"{hostile.key}: captions left their folder: {stored!r}")
        else:
            outcome = Outcome(False, english(response.context["form"].errors.get("captions", [])))
        problems += judge(hostile, outcome, hostile.key, True)
        problems += watch.problems(hostile.key, accepted=outcome.accepted)
    assert problems == [], "\n".join(problems)
    assert WEBVTT.startswith(b"WEBVTT")


# What the layer promises ------------------------------------------------------------------------


def test_the_cleaning_field_is_wagtails_image_field_with_another_file_class():
    """Fails if Wagtail 8.0.1's AbstractImage.file changes shape (upload path, dimension
    fields, class): then media_library.image_field must be checked against the new one."""
    ours = CustomImage._meta.get_field("file")
    wagtails = AbstractImage._meta.get_field("file")
    _name, _path, our_args, our_kwargs = ours.deconstruct()
    _name, wagtail_path, wagtail_args, wagtail_kwargs = wagtails.deconstruct()

    assert isinstance(ours, CleanedImageField)
    assert wagtail_path == "wagtail.images.models.WagtailImageField"
    assert (our_args, our_kwargs) == (wagtail_args, wagtail_kwargs)
    assert type(ours).__mro__[1] is type(wagtails)


def test_a_caller_cannot_declare_a_file_already_clean(db, roots):
    data = by_key("jpeg-gps-exif-xmp").data()
    upload_file = ContentFile(data, name="trusted.jpg")
    upload_file.metadata_stripped = True  # the flag the old model trusted
    image = CustomImage(title="ไว้ใจได้", file=upload_file)
    image.file.save("trusted.jpg", upload_file, save=False)  # the import's old path
    image.save()

    assert identifying_traces(Path(image.file.path).read_bytes()) == []


def test_a_fifty_megapixel_phone_jpeg_is_accepted_and_scaled_down(db, roots):
    photo = Image.new("RGB", (8160, 6120), (120, 160, 90))
    data = with_segments(jpeg_bytes(photo), jpeg_segment(0xE1, exif_block()))

    assert door_code("IMG_5000.jpg", data).accepted

    image = CustomImage.objects.get()
    assert (image.width, image.height) == (2560, 1920)
    assert identifying_traces(Path(image.file.path).read_bytes()) == []


def test_colour_profiles_are_converted_and_never_stored(db, roots):
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = jpeg_bytes(gradient(), icc_profile=srgb)

    assert door_code("profiled.jpg", data).accepted

    with Image.open(CustomImage.objects.get().file.path) as stored:
        assert "icc_profile" not in stored.info
        assert stored.getpixel((2, 2))[0] > 180  # red stays red through the conversion


# Slow tier: every file through every door, every rendition a story uses -------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "door", [door_admin_single, door_admin_multiple, door_chooser, door_parked, door_import]
)
def test_every_hostile_image_through_every_door_with_story_renditions(
    admin_client, import_site, roots, door
):
    problems = run_door(door, IMAGES, roots, STORY_RENDITIONS, client=admin_client)

    assert problems == [], "\n".join(problems)


@pytest.mark.slow
def test_every_hostile_image_through_code_factories_and_demo_with_story_renditions(
    db, roots, monkeypatch
):
    problems = run_door(door_code, IMAGES, roots, STORY_RENDITIONS, form_door=False)
    problems += run_door(door_factory, IMAGES, roots, [], form_door=False)
    problems += run_door(door_demo, IMAGES, roots, [], form_door=False, monkeypatch=monkeypatch)

    assert problems == [], "\n".join(problems)


@pytest.mark.slow
def test_an_iphone_48_megapixel_heic_with_gps_is_accepted(db, roots):
    import io

    import pillow_heif

    from tests.media_builders import XMP, phone_exif

    output = io.BytesIO()
    heif = pillow_heif.from_pillow(Image.new("RGB", (8064, 6048), (90, 140, 200)))
    heif.save(output, quality=50, exif=phone_exif().tobytes(), xmp=XMP)

    assert door_code("IMG_4800.HEIC", output.getvalue()).accepted

    image = CustomImage.objects.get()
    assert image.file.name.endswith(".jpg")
    assert (image.width, image.height) == (2560, 1920)
    assert identifying_traces(Path(image.file.path).read_bytes()) == []


def test_photos_stored_before_the_fix_are_cleaned_by_the_command(db, roots):
    """Originals the import stored with their GPS position are cleaned in place, once."""
    import io

    from django.core.files.storage import default_storage
    from django.core.management import call_command

    data = by_key("jpeg-gps-exif-xmp").data()
    clean = CustomImage(title="สะอาด", file=ContentFile(data, "ok.jpg"))
    clean.save()
    name = default_storage.save("original_images/legacy.jpg", ContentFile(data))
    # As the import used to store it: the file written first, the row saved around it.
    CustomImage.objects.bulk_create([CustomImage(title="เก่า", file=name, width=64, height=48)])
    legacy = CustomImage.objects.get(title="เก่า")
    legacy.get_rendition("width-400|format-jpeg")
    assert identifying_traces(Path(legacy.file.path).read_bytes())
    out = io.StringIO()

    with translation.override("en"):
        call_command("clean_original_images", stdout=out)
        call_command("clean_original_images", stdout=out)

    legacy.refresh_from_db()
    assert "1 photos cleaned." in out.getvalue() and "0 photos cleaned." in out.getvalue()
    assert not default_storage.exists(name)
    assert stored_images_problems("legacy", [legacy, clean], STORY_RENDITIONS[:3]) == []
    assert clean.file.name == CustomImage.objects.get(title="สะอาด").file.name
