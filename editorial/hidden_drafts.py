"""Wagtail admin screens that show page titles without asking the permission policy.

Checked against Wagtail 8.0.1. Most of the admin lists pages through the page permission policy,
which news.visibility.NetworkPagePermissionPolicy narrows to what the user may see. Three
places do not, and would show a reporter or network editor the title of another network's draft:

* the page types usage report names each type's last edited page from every page;
* the explorer opened on a page (``/admin/pages/<id>/``) only checks that the page is below the
  user's explorable root, and its header shows the page's title;
* page bulk actions list the pages the user may not act on, with their titles, on the
  confirmation screen (also for "select all" in a section).

Each is replaced here by Wagtail's own view with the invisible pages taken out; the URLs are
mounted before Wagtail's admin (editorial.urls), the bulk actions registered after Wagtail's
(editorial.wagtail_hooks). tests/test_trust_admin_drafts.py visits every screen that shows page
titles and fails if one of these changes underneath.
"""

from django.db.models import F
from django.http import Http404
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page

from news.visibility import hide_invisible_stories


def visible_page_ids(user, page_ids):
    pages = hide_invisible_stories(Page.objects.filter(pk__in=list(page_ids)), user)
    return set(pages.values_list("pk", flat=True))


class VisiblePageTypesUsageReportView(PageTypesUsageReportView):
    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        user = self.request.user
        shown = visible_page_ids(
            user, [item.last_edited_page_id for item in page_types if item.last_edited_page_id]
        )
        for item in page_types:
            if item.last_edited_page_id and item.last_edited_page_id not in shown:
                item.last_edited_page = self._last_visible_page(item)
        return page_types

    def _last_visible_page(self, content_type):
        # The same choice as Wagtail's _annotate_last_edit_info, among the pages the user sees.
        filters = {}
        language_code = self.filters.form.cleaned_data.get("page_locale")
        site_root_path = self.filters.form.cleaned_data.get("site")
        if language_code:
            filters["locale__language_code"] = language_code
        if site_root_path:
            filters["path__startswith"] = site_root_path
        pages = Page.objects.filter(content_type=content_type, **filters)
        return (
            hide_invisible_stories(pages, self.request.user)
            .order_by(F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
            .specific()
            .first()
        )


def _admin_view(view):
    """Wagtail's admin URL decorators, which views mounted outside its URLconf must repeat."""
    return require_admin_access(never_cache(view))


def _only_visible_parent(view):
    def guarded(request, parent_page_id, **kwargs):
        if not visible_page_ids(request.user, [parent_page_id]):
            raise Http404
        return view(request, parent_page_id=parent_page_id, **kwargs)

    return guarded


explorer_view = _admin_view(
    _only_visible_parent(
        page_viewset_registry.as_view("index", parent_page_id_kwarg="parent_page_id")
    )
)
explorer_results_view = _admin_view(
    _only_visible_parent(
        page_viewset_registry.as_view("index_results", parent_page_id_kwarg="parent_page_id")
    )
)
page_types_usage_view = _admin_view(VisiblePageTypesUsageReportView.as_view())
page_types_usage_results_view = _admin_view(
    VisiblePageTypesUsageReportView.as_view(results_only=True)
)


class HideInvisiblePagesMixin:
    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        refused = extra["items_with_no_access"]
        shown = visible_page_ids(self.request.user, [page.pk for page in refused])
        extra["items_with_no_access"] = [page for page in refused if page.pk in shown]
        return objects, extra


class VisibleDeleteBulkAction(HideInvisiblePagesMixin, DeleteBulkAction):
    pass


class VisibleMoveBulkAction(HideInvisiblePagesMixin, MoveBulkAction):
    pass


class VisiblePublishBulkAction(HideInvisiblePagesMixin, PublishBulkAction):
    pass


class VisibleUnpublishBulkAction(HideInvisiblePagesMixin, UnpublishBulkAction):
    pass


# Registered after Wagtail's own (same action types), so these replace them.
BULK_PAGE_ACTIONS = [
    VisibleDeleteBulkAction,
    VisibleMoveBulkAction,
    VisiblePublishBulkAction,
    VisibleUnpublishBulkAction,
]
