"""Files Wagtail's multiple uploader parks before they become an image or a document.

Checked against Wagtail 8.0.1. When an uploaded file is fine but another field of the upload
form is not (a title over 255 characters, a collection the editor may not use), Wagtail's
multiple uploader stores the file as it came, in ``wagtail.models.UploadedFile``, under
``MEDIA_ROOT/wagtail_uploads/`` (which the web server serves to anyone), until the editor fills
in the form. That was a raw phone photo, GPS position included, at a guessable public address;
and a document meant for a private collection, outside the documents storage.

So, before such a file is written: a photo is cleaned like every other original
(``image_safety.clean_image``); any other file goes into a folder named by a random token, so
its address cannot be guessed. ``tests/test_security_files.py`` sends a file through that path.
"""

import secrets

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from .image_safety import clean_image


def clean_parked_upload(sender, instance, **kwargs):
    file = instance.file
    if not file or getattr(file, "_committed", True):
        return
    image_type = ContentType.objects.get_for_model(get_image_model())
    if instance.for_content_type_id == image_type.pk:
        # The form has already accepted this file, so cleaning it cannot be refused here.
        instance.file = clean_image(file.file, file.name)
    else:
        file.name = f"{secrets.token_hex(16)}/{file.name.rsplit('/', 1)[-1]}"


def connect():
    pre_save.connect(
        clean_parked_upload, sender=UploadedFile, dispatch_uid="media_library_parked_uploads"
    )
