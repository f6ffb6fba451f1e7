from django.apps import AppConfig


class ThaiTextConfig(AppConfig):
    name = "thai_text"
    verbose_name = "Thai text"
