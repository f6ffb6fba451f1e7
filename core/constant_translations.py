"""``{% translate "a quoted text" %}`` translated directly, in Django's own ``i18n`` library.

``install()`` (CoreConfig.ready) makes the library's ``translate`` and ``trans`` tags compile
through ``do_translate`` below, so every template's ``{% load i18n %}`` gets it, the admin's
included; every other tag and filter, and every other form of these two, stay Django's. (A
library of our own under the name ``i18n`` in ``TEMPLATES`` would do the same, but Django's
check templates.W003 rightly warns of two modules under one name.)

For a quoted text with no filter, no ``noop`` and no ``context``, Django's ``TranslateNode``
(checked against Django 5.2.19, fingerprinted in tests/test_constant_translations.py) makes a
lazy translation of the text on every render and then turns it into text: about 32 Python
calls for each of the two dozen labels a story page shows, 4% of its calls. This node gives
the same text, as safe as Django's (a quoted text in a template is safe), in about 12: the
translation of the same message id (its percent signs doubled, as Django's are), its doubled
percent signs restored.
"""

from django.template import Variable
from django.templatetags import i18n
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

djangos_do_translate = i18n.do_translate


class ConstantTranslateNode(i18n.TranslateNode):
    def render(self, context):
        value = mark_safe(gettext(self.message_id).replace("%%", "%"))  # noqa: S308 - a template's own text
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


def do_translate(parser, token):
    node = djangos_do_translate(parser, token)
    text = node.filter_expression.var
    if (
        not node.noop
        and node.message_context is None
        and not node.filter_expression.filters
        and isinstance(text, Variable)
        and text.lookups is None
        and isinstance(text.literal, str)
    ):
        node.__class__ = ConstantTranslateNode
        # As Variable.resolve makes it: the text's percent signs doubled, safe as the text is.
        node.message_id = mark_safe(text.literal.replace("%", "%%"))  # noqa: S308
    return node


def install():
    i18n.register.tags["translate"] = do_translate
    i18n.register.tags["trans"] = do_translate
