from django.urls import path

from . import views

app_name = "tips"
urlpatterns = [
    path("", views.send_tip, name="send"),
    path("thanks/", views.thanks, name="thanks"),
]
