from django.apps import AppConfig


class BuendnisseConfig(AppConfig):
    name = "buendnisse"
    verbose_name = "Lokale Bündnisse"
