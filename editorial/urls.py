"""URLs placed before Wagtail's admin in cms/urls.py: they shadow Wagtail's own."""

from django.urls import path

from . import hidden_drafts, machine_health, views

guarded_admin_urlpatterns = [
    path(
        "admin/images/<int:image_id>/generate_url/",
        views.image_url_generator,
        name="editorial_image_url_generator",
    ),
    path(
        "admin/images/<int:image_id>/generate_url/output/",
        views.image_url_generator_output,
        name="editorial_image_url_generator_output",
    ),
    # Wagtail's own views without other networks' drafts (editorial.hidden_drafts).
    path("admin/pages/<int:parent_page_id>/", hidden_drafts.explorer_view),
    path("admin/pages/<int:parent_page_id>/results/", hidden_drafts.explorer_results_view),
    path("admin/reports/page-types-usage/", hidden_drafts.page_types_usage_view),
    path("admin/reports/page-types-usage/results/", hidden_drafts.page_types_usage_results_view),
]

health_urlpatterns = [
    path("health/", views.health, name="health"),
    path("health/live/", machine_health.live, name="health_live"),
    path("health/ready/", machine_health.ready, name="health_ready"),
]
