"""How a story's relations appear in the API: slugs and names in both languages, never ids alone.

These fields are named in StoryPage.api_fields; distribution.api serves them. Consent details of local-wisdom
articles are deliberately absent from every api_fields list.
"""

from rest_framework.fields import Field

from . import portable


def bilingual(record):
    return {"slug": record.slug, "name_th": record.name_th, "name_en": record.name_en}


class NetworksField(Field):
    def to_representation(self, value):
        return [bilingual(network) for network in value.all()]


class TopicsField(NetworksField):
    pass


class TagsField(Field):
    def to_representation(self, value):
        return [{"slug": tag.slug, "name": tag.name} for tag in value.all()]


class ReportersField(Field):
    """The story's bylines, in order, as the reporters' public names and slugs."""

    def to_representation(self, value):
        return [
            {"slug": byline.reporter.slug, "name": byline.reporter.display_name}
            for byline in value.all()
        ]


class CorrectionsField(Field):
    def to_representation(self, value):
        return [
            {"date": correction.corrected_on.isoformat(), "text": correction.text}
            for correction in value.all()
        ]


class ChoiceField(Field):
    """A choice stored as a slug, returned with its label in the request's language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("source", "*")
        self.field_name_on_model = kwargs.pop("model_field")
        super().__init__(*args, **kwargs)

    def to_representation(self, obj):
        value = getattr(obj, self.field_name_on_model)
        if not value:
            return None
        label = getattr(obj, f"get_{self.field_name_on_model}_display")()
        return {"slug": value, "name": str(label)}


class BodyHTMLField(Field):
    """The story (hero photo left out: see hero_image) as portable HTML with absolute URLs."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(*args, **kwargs)

    def to_representation(self, story):
        request = self.context["request"]
        return portable.story_html(story, request.build_absolute_uri("/"), include_hero=False)
