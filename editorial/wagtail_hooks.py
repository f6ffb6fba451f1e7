from django.contrib.auth.models import Permission
from wagtail import hooks

from sign_in.two_factor import REQUIRES_TWO_FACTOR_HOOK

from .hidden_drafts import BULK_PAGE_ACTIONS
from .panels import panels_for
from .permissions import hide_invisible_stories
from .roles import roles_for

# Wagtail's "Awaiting your review" panel lists the same queue without the networks.
_REPLACED_PANELS = {"workflow_objects_to_moderate"}


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in _REPLACED_PANELS]
    panels.extend(panels_for(request.user))


@hooks.register("construct_page_chooser_queryset")
def hide_other_networks_drafts_in_chooser(pages, request):
    return hide_invisible_stories(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def hide_other_networks_drafts_in_explorer(parent_page, pages, request):
    return hide_invisible_stories(pages, request.user)


@hooks.register("register_permissions")
def register_image_url_generator_permission():
    return Permission.objects.filter(
        content_type__app_label="editorial", codename="generate_image_urls"
    )


@hooks.register("after_create_page")
def open_new_stories_section_to_reporters(request, page):
    from news.models import StoryIndexPage

    from .setup import grant_stories_section

    if isinstance(page.specific, StoryIndexPage):
        grant_stories_section(page)


# --- Bulk actions that never list other networks' drafts (editorial.hidden_drafts) ---
# order=1: after Wagtail's own registrations of the same action types, which these replace.
for _action in BULK_PAGE_ACTIONS:
    hooks.register("register_bulk_action", _action, order=1)


@hooks.register(REQUIRES_TWO_FACTOR_HOOK)
def editors_use_two_factor(user):
    """Editors publish: a stolen editor's password must not be enough (docs/security.md)."""
    roles = roles_for(user)
    return roles.is_chief or bool(roles.editor_networks)
