"""A tip photo's file goes with its row (deleting a tip deletes its photos' rows)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import TipPhoto


@receiver(post_delete, sender=TipPhoto)
def remove_photo_file(sender, instance, **kwargs):
    name, storage = instance.file.name, instance.file.storage
    if name:
        # After the commit: a rolled-back delete keeps its file.
        transaction.on_commit(lambda: storage.delete(name))
