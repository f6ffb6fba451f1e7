import re

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from .models import Network

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@require_GET
def colour_stylesheet(request):
    """Each network's colour as a class (network-colour-<id>), so that pages carry no style
    attribute and the public Content-Security-Policy can refuse inline styles."""
    rules = [
        f".network-colour-{pk} {{ --network-colour: {colour}; }}"
        for pk, colour in Network.objects.order_by("pk").values_list("pk", "colour")
        if _COLOUR.fullmatch(colour)
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=3600)
    return response
