"""URLs placed before Wagtail's admin in cms/urls.py: they shadow Wagtail's own."""

from django.urls import path

from . import views

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
]

health_urlpatterns = [path("health/", views.health, name="health")]
