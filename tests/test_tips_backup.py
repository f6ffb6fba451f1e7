"""Tip photos live in a storage of their own (settings.STORAGES["tips"]): a backup holds them
and a restore brings them back byte for byte (docs/tips.md, docs/operations.md)."""

import pytest
from django.core.files.storage import storages
from django.core.management import call_command

from backups.contents import referenced_files
from demo import factories
from tests import backup_helpers
from tests.media_builders import phone_photo_bytes, upload
from tips.models import Tip
from tips.photos import clean_photos, store_photos

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_backup_holds_the_private_tip_photos_and_a_restore_brings_them_back(tmp_path):
    tip = factories.TipFactory()
    store_photos(tip, clean_photos([upload("a.jpg", phone_photo_bytes("JPEG"), "image/jpeg")]))
    photo = tip.photos.get()
    name, data = photo.file.name, photo.file.read()
    assert ("tips", name) in referenced_files()

    call_command("backup", tmp_path)
    (folder,) = tmp_path.iterdir()
    call_command("flush", interactive=False)
    with backup_helpers.empty_storages():
        # The storage the backup reads and the restore writes (a test that changed STORAGES
        # before this one leaves file fields holding an older, equal instance).
        tips_storage = storages["tips"]
        assert not tips_storage.exists(name)
        call_command("restore", folder)
        restored = Tip.objects.get().photos.get()
        assert restored.file.name == name
        with tips_storage.open(name, "rb") as handle:
            assert handle.read() == data
        assert Tip.objects.get().sender_name == tip.sender_name
