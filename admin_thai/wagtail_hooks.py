"""Wagtail 8.0.1 builds the admin's help menu once per process (Menu.registered_menu_items is a
cached property), so "What's new in Wagtail 8.0" keeps the language of the first admin request
after the server starts: Thai for everyone, or English for everyone. The menu's construct hook
relabels that item on a copy, per request, in the request's own language."""

import copy

from django.utils.translation import gettext as _
from wagtail import hooks

WHATS_NEW_PREFIX = "whats-new-in-wagtail-"


@hooks.register("construct_help_menu")
def whats_new_in_the_request_language(request, menu_items):
    for index, item in enumerate(menu_items):
        if item.name.startswith(WHATS_NEW_PREFIX):
            relabelled = copy.copy(item)
            version = item.name.removeprefix(WHATS_NEW_PREFIX)
            relabelled.label = _("What's new in Wagtail %(version)s") % {"version": version}
            menu_items[index] = relabelled
