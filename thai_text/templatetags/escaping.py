"""``{{ html|clean_html }}`` (only what the rich-text editor makes) and ``{% filter one_line %}``
(an email header line): the template side of thai_text.escaping."""

from django import template

from thai_text import escaping

register = template.Library()


@register.filter(is_safe=True)
def clean_html(value):
    return escaping.clean_html(value)


@register.filter(is_safe=True)
def one_line(value):
    return escaping.one_line(value)
