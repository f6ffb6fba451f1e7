"""The image model's file field: cleans the bytes at the moment the original is written.

Checked against Wagtail 8.0.1 and Django 5.2. Django writes a model's file to storage in one
place, ``FieldFile.save()``: the model's ``save()`` calls it for a newly assigned file
(``FileField.pre_save``), and code that stores a file directly (the story import, Wagtail's
"create from uploaded file" view) calls it by hand. Cleaning there, rather than in a form or in
``Model.save()``, means no door can store a photo with its location, and no caller can say
"already clean": a file written with ``image.file.save()`` used to reach storage before
``CustomImage.save()`` looked at it, and kept its GPS position.

``CleanedImageField`` is Wagtail's ``WagtailImageField`` (same upload path, Willow-based
dimensions) with this file class; ``tests/test_security_files.py`` fails if Wagtail's
``AbstractImage.file`` changes shape underneath.
"""

from wagtail.images.models import WagtailImageField, WagtailImageFieldFile

from .image_safety import clean_image, header_size


class CleanedImageFieldFile(WagtailImageFieldFile):
    def get_image_dimensions(self):
        if not self._committed:
            # Django reads the size of a file as soon as it is assigned; for a file not yet
            # written that is its header only, read within our limits (Pillow raises on a pixel
            # bomb, which the cleaner refuses with a message when the file is written).
            return header_size(self.file)
        return super().get_image_dimensions()

    def save(self, name, content, save=True):
        # Raises ValidationError (with the editor's message) before anything is written.
        clean = clean_image(content, name)
        # Size and hash describe the stored file, whatever the caller set before.
        self.instance.file_size = clean.size
        self.instance.file_hash = clean.sha1
        # CustomImage.save() makes the small copy and queues the renditions once the row is
        # saved (now, or later when the caller saves it).
        self.instance.original_just_stored = True
        super().save(clean.name, clean, save=save)


class CleanedImageField(WagtailImageField):
    attr_class = CleanedImageFieldFile
