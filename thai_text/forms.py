from django import forms

from .slugs import thai_slugify, validate_thai_slug


class ThaiSlugField(forms.CharField):
    """A slug form field that accepts Thai with its marks and tidies what the editor typed."""

    default_validators = [validate_thai_slug]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"data-thai-slug": ""}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return thai_slugify(value, max_length=255) if value else value
