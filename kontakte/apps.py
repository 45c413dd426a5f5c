from django.apps import AppConfig


class KontakteConfig(AppConfig):
    name = "kontakte"
    verbose_name = "Kontakte"
