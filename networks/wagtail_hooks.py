from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Network


class NetworkViewSet(SnippetViewSet):
    model = Network
    icon = "group"
    menu_label = _("Member networks")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name_th", "name_en", "slug", "organisation_count", "member_count"]
    search_fields = ["name_th", "name_en", "slug"]


register_snippet(NetworkViewSet)
