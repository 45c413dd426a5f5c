from django.apps import AppConfig


class EhrenamtConfig(AppConfig):
    name = "ehrenamt"
    verbose_name = "Ehrenamt"
