"""The admin's look on a phone, names for unnamed controls, and a help menu without English
guides (docs/thai-admin.md). Stylesheet and script are static files, never inline, so the
admin's coming Content-Security-Policy needs no exception for them."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .accessibility import ACCESSIBILITY_SCRIPT

ADMIN_STYLESHEET = "admin_thai/admin.css"
# Wagtail's help menu items that open its English guide on guide.wagtail.org; we have no Thai
# guide to send reporters to, so they go. The keyboard-shortcuts item stays.
ENGLISH_GUIDE_ITEMS = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("insert_global_admin_css")
def admin_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static(ADMIN_STYLESHEET))


@hooks.register("insert_global_admin_js")
def accessibility_script():
    return format_html('<script src="{}" defer></script>', static(ACCESSIBILITY_SCRIPT))


@hooks.register("construct_help_menu")
def hide_english_guides(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(ENGLISH_GUIDE_ITEMS)]
