from django.urls import path

from . import admin_views

app_name = "tips_admin"
urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/photo/<int:photo_pk>/", admin_views.photo, name="photo"),
    path("<int:pk>/status/", admin_views.change_status, name="status"),
    path("<int:pk>/story/", admin_views.make_story, name="make_story"),
    path("<int:pk>/answer/", admin_views.answer_tip, name="answer"),
    path("<int:pk>/delete/", admin_views.delete, name="delete"),
]
