"""Static files' public addresses, worked out once per process and name.

Django's ManifestStaticFilesStorage (checked against Django 5.2.19) looks a name up in the
manifest and splits, unquotes and quotes it again for every ``{% static %}`` and ``static()``,
three on every story page (the logo in its structured data among them): keeping the answers
took a cold story from 48.01 M to 47.34 M instructions (docs/performance.md).
The manifest is read once, when the storage is made (at a deploy's restart), so a name's
address cannot change while the storage lives; Django makes a new storage when a test changes
the static settings. An unknown name still raises, every time.
"""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage

from .kept_answers import KeptAnswers


class KeptAddressesManifestStorage(ManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Names come from the code and templates, not from readers: a few dozen at most.
        self._addresses = KeptAnswers(limit=1_000)

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        return self._addresses.get(
            name, lambda: super(KeptAddressesManifestStorage, self).url(name)
        )
