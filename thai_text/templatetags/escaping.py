"""``{{ html|clean_html }}`` (only what the rich-text editor makes), ``{% filter one_line %}``
(an email header line) and ``{{ text|xml_text }}`` (a sitemap): the template side of
thai_text.escaping."""

from django import template

from thai_text import escaping

register = template.Library()


@register.filter(is_safe=True)
def clean_html(value):
    return escaping.clean_html(value)


@register.filter(is_safe=True)
def one_line(value):
    return escaping.one_line(value)


@register.filter(is_safe=True)
def xml_text(value):
    """Text for an XML document (a sitemap): without the characters XML 1.0 cannot carry."""
    return escaping.xml_text(value)
