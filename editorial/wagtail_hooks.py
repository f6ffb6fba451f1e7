from django.contrib.auth.models import Permission
from wagtail import hooks

from news.models import StoryIndexPage
from news.visibility import hide_invisible_stories
from roles.access import roles_for
from sign_in.two_factor import REQUIRES_TWO_FACTOR_HOOK

from .action_menu import one_way_back_to_the_editor
from .hidden_drafts import BULK_PAGE_ACTIONS
from .panels import MyStoriesPanel, panels_for
from .review_messages import review_outcome_message
from .setup import grant_stories_section

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


# --- The newsroom's day (issue 14): the reporter's and the editor's path through the admin ---
# (kept apart from the rules above; docs/roles.md "The reporter's and the editor's path")

# The reports (locked pages, workflows, site history, ageing pages, page types) help editors
# oversee the site; a reporter has no use for them.
REPORTS_MENU = "reports"


@hooks.register("construct_page_action_menu")
def one_action_to_resubmit(menu_items, request, context):
    one_way_back_to_the_editor(menu_items, request, context)


@hooks.register("after_edit_page")
def say_what_the_review_did(request, page):
    review_outcome_message(request, page)


@hooks.register("construct_main_menu")
def hide_reports_from_reporters(request, menu_items):
    roles = roles_for(request.user)
    if roles.sees_everything or roles.editor_networks:
        return
    menu_items[:] = [item for item in menu_items if item.name != REPORTS_MENU]


# Wagtail's "Your pages in a workflow" panel repeats "My stories" without the editor's comment.
_REPEATS_MY_STORIES = "user_objects_in_workflow_moderation"


@hooks.register("construct_homepage_panels")
def one_list_of_my_stories(request, panels):
    if any(getattr(panel, "name", "") == MyStoriesPanel.name for panel in panels):
        panels[:] = [panel for panel in panels if getattr(panel, "name", "") != _REPEATS_MY_STORIES]
