"""Backup and restore (docs/operations.md, "Backups"): a site backed up, then its database and
storages emptied and the backup restored, is the same site, row for row and byte for byte."""

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import ReferenceIndex

from tests import backup_helpers

# The restore empties every table, as on a new server: a transaction of its own, and the
# migration-made rows (root page, locales) put back for the tests after this one.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def kinds(snapshot):
    return {key.split(":")[0] for key in snapshot["rows"]}


def test_a_restored_site_is_the_site_that_was_backed_up(tmp_path):
    site = backup_helpers.build_site()
    before = backup_helpers.snapshot()
    assert {
        "news.newspage",
        "wagtailcore.revision",
        "media_library.customimage",
        "media_library.customrendition",
        "media_library.customdocument",
        "media_library.mediaitem",
        "wagtailcore.workflowstate",
        "auth.user",
    } <= kinds(before)
    assert backup_helpers.ENGLISH_TITLE in "".join(before["pages"].values())
    call_command("backup", tmp_path)
    (folder,) = tmp_path.iterdir()

    call_command("flush", interactive=False)
    with backup_helpers.empty_storages():
        call_command("restore", folder)
        after = backup_helpers.snapshot()
        signed_in = [
            name
            for name, password in site["users"].items()
            if backup_helpers.can_sign_in(name, password)
        ]
        found = Client().get("/th/search/", {"q": "ผ้าไหม"}).content.decode()
        photo_uses = ReferenceIndex.get_references_to(site["story"].hero_image).count()

    assert set(after["rows"]) == set(before["rows"])
    assert [key for key, row in before["rows"].items() if after["rows"][key] != row] == []
    assert after["files"] == before["files"]
    assert after["pages"] == before["pages"]
    assert sorted(signed_in) == sorted(site["users"])
    assert backup_helpers.THAI_TITLE in found.replace("<mark>", "").replace("</mark>", "")
    assert photo_uses >= 1
