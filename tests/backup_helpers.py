"""A small site worth backing up, a snapshot of everything a restore must bring back, and empty
storages to restore into (tests/test_backup_*.py).

Run as ``python -m tests.backup_helpers RESTORE_FROM REPORT [BACKUP_TO]`` it restores a backup
into the database DATABASE_URL names, writes the snapshot of the result to REPORT as JSON and,
given BACKUP_TO, backs the restored site up again there: the portability test runs it in a
process of its own for each database.
"""

import hashlib
import json
import shutil
import sys
import tempfile
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import Client, override_settings
from django.urls import reverse

PASSWORD = "test-password"  # noqa: S105  (demo.factories.UserFactory's)
THAI_TITLE = "ทอผ้าไหมลายโบราณ"
ENGLISH_TITLE = "Old silk patterns woven again"


def build_site():
    """Stories in Thai with an English translation, photos (with renditions), audio, a document,
    several revisions per story, a workflow in progress and users in editorial groups."""
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model

    from demo import factories
    from editorial.setup import setup_roles
    from news.blocks import StoryBodyBlock
    from news.models import StoryByline
    from roles.models import EditorialGroup
    from tests import roles_world
    from tests.story_helpers import build_site_tree

    tree = build_site_tree()
    section = factories.StoryIndexPageFactory(parent=tree["home_th"], slug="เรื่องราว")
    section_en = section.copy_for_translation(tree["home_en"].locale)
    section_en.title, section_en.slug = "Stories", "stories"
    section_en.save_revision().publish()
    silk = factories.NetworkFactory(slug="silk", name_th="กลุ่มทอผ้า", name_en="Weavers")
    setup_roles()
    reporter = roles_world.user("reporter_silk", EditorialGroup.Role.REPORTER, silk)
    editor = roles_world.user("editor_silk", EditorialGroup.Role.NETWORK_EDITOR, silk)
    admin = roles_world.user("admin", superuser=True)
    profile = factories.ReporterProfileFactory(user=reporter, network=silk, display_name="นิด")

    photo = factories.ImageFactory(title="แม่บุญมีทอผ้า")
    inline_photo = factories.ImageFactory(title="กี่ทอผ้า", file__color="red")
    audio = factories.MediaItemFactory(transcript="สวัสดีค่ะ รายการวิทยุชุมชน")
    document = get_document_model().objects.create(
        title="รายงานกลุ่มทอผ้า", file=ContentFile(b"%PDF-1.4\n% report\n", name="รายงาน.pdf")
    )
    body = StoryBodyBlock().to_python(
        [
            {"type": "paragraph", "value": "<p>แม่บุญมีทอผ้าไหมลายโบราณใต้ถุนบ้าน</p>"},
            {"type": "image", "value": {"image": inline_photo.pk, "caption": "", "credit": ""}},
            {"type": "audio", "value": {"audio": audio.pk, "title": "", "transcript": ""}},
            {"type": "attachment", "value": {"document": document.pk, "title": "รายงาน"}},
        ]
    )
    story = factories.NewsPageFactory(
        parent=section,
        title=THAI_TITLE,
        slug="ทอผ้าไหม",
        owner=reporter,
        hero_image=photo,
        body=body,
        networks=[silk],
        live=False,
    )
    StoryByline.objects.get_or_create(story=story, reporter=profile)
    story.save_revision(user=reporter)
    story.summary = "ฉบับแก้ไขของนักข่าว"
    story.save_revision(user=reporter)
    story.save_revision(user=editor).publish()
    story.refresh_from_db()

    translation = story.copy_for_translation(tree["home_en"].locale, copy_parents=False)
    translation.title, translation.slug = ENGLISH_TITLE, "silk-patterns"
    translation.summary = "Villagers revive an old silk pattern"
    translation.save_revision(user=editor)
    translation.save_revision(user=editor).publish()
    translation.refresh_from_db()

    draft = factories.NewsPageFactory(
        parent=section, title="ข่าวรอตรวจ", owner=reporter, networks=[silk], live=False
    )
    draft.save_revision(user=reporter)
    section.get_workflow().start(draft, reporter)

    users = {account.username: PASSWORD for account in (reporter, editor, admin)}
    assert get_user_model().objects.filter(username__in=users).count() == len(users)
    return {"story": story, "translation": translation, "users": users}


def story_urls():
    from news.models import NewsPage

    return sorted(page.url for page in NewsPage.objects.live())


def _normalised(value):
    """StreamField and JSON columns as data: PostgreSQL's jsonb reorders the keys."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def snapshot():
    """Every backed-up row, the hash of every file they point to, and each story page."""
    from django.core import serializers

    from backups import archive, contents

    # Pages first: rendering one makes the site's settings row. Work a page queues (renditions
    # it found missing) is held back, so reading a site never changes it: a new process has no
    # memory of having queued them already and would otherwise make them here.
    client = Client()
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        pages = {url: client.get(url).content.decode() for url in story_urls()}
    rows = {}
    for model in contents.backed_up_models():
        dumped = json.loads(
            serializers.serialize(
                "json", model._base_manager.order_by("pk"), cls=archive.PreciseJSONEncoder
            )
        )
        for row in dumped:
            fields = {name: _normalised(value) for name, value in row["fields"].items()}
            rows[f"{row['model']}:{row['pk']}"] = fields
    files = {}
    for alias, name in contents.referenced_files():
        with storages[alias].open(name, "rb") as stored:
            files[f"{alias}:{name}"] = hashlib.sha256(stored.read()).hexdigest()
    return {"rows": rows, "files": files, "pages": pages}


def can_sign_in(username, password):
    """Signs in through the admin's login form, as a person does."""
    response = Client().post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": "/admin/"},
    )
    return response.status_code == 302 and response.url == "/admin/"


def _point_at(storage, location):
    storage._location = location
    for cached in ("base_location", "location"):
        storage.__dict__.pop(cached, None)


@contextmanager
def empty_storages():
    """Every file storage pointed at a new empty folder for the duration (the storage objects
    file fields hold stay the same: only where they write changes)."""
    from backups.contents import file_storage_aliases

    saved = {alias: storages[alias]._location for alias in file_storage_aliases()}
    folders = {alias: tempfile.mkdtemp(prefix=f"siang-restore-{alias}-") for alias in saved}
    try:
        for alias, folder in folders.items():
            _point_at(storages[alias], folder)
        yield folders
    finally:
        for alias, location in saved.items():
            _point_at(storages[alias], location)
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)


def _main(restore_from, report, backup_to=None):
    import django

    django.setup()
    from django.core.management import call_command

    call_command("restore", restore_from)
    result = snapshot()
    if backup_to:
        call_command("backup", backup_to)
    # Last: signing in changes the account's last_login.
    result["signed_in"] = {username: can_sign_in(username, PASSWORD) for username in ("admin",)}
    with open(report, "w", encoding="utf-8") as out:
        json.dump(result, out, ensure_ascii=False)


if __name__ == "__main__":
    _main(*sys.argv[1:])
