from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def listing_url(context, kind, value):
    """The address of a story listing ("topic", "health") under the page's stories section."""
    index = context.get("story_index")
    if index is None or not value:
        return ""
    return index.listing_url(kind, value)
