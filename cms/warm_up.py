"""What a new server process prepares before its first reader (cms/wsgi.py calls it).

Django and PyThaiNLP build much of what a page needs on first use, inside the request that
first uses it: the Thai word dictionary (about 1.8 s on a 2-core server), each language's URL
patterns (0.3 s), every template's compiled form, the translation catalogues. A gunicorn worker
that has not served a story yet (a new deploy, a worker replaced, the other server behind the
proxy) made the first reader after a publish wait for all of it: 1.75 s instead of 0.08 s in
docs/performance.md. A process that serves pages does it once at start instead.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from thai_text.reading_time import count_words

logger = logging.getLogger(__name__)

# Template folders that only the admin renders: its pages are compiled as editors open them.
ADMIN_TEMPLATE_FOLDERS = {"admin", "wagtailadmin"}


def public_template_names():
    """Names of the project's own templates (not those of installed packages or the admin)."""
    project = Path(settings.BASE_DIR).resolve()
    engine = engines["django"]
    for folder in map(Path, engine.template_dirs):
        folder = folder.resolve()
        if not folder.is_relative_to(project) or "site-packages" in folder.parts:
            continue
        for path in sorted(folder.rglob("*.html")):
            name = path.relative_to(folder).as_posix()
            if name.split("/", 1)[0] not in ADMIN_TEMPLATE_FOLDERS:
                yield name


def warm_up():
    count_words("เสียงชุมชน")  # loads the Thai dictionary
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                reverse("favicon")  # builds this language's URL patterns
            except NoReverseMatch:
                logger.warning("warm-up: no URL named favicon")
    engine = engines["django"]
    for name in public_template_names():
        try:
            engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            # The page that uses it will say so; a server still starts for every other page.
            logger.exception("warm-up: template %s does not compile", name)
