from django.apps import AppConfig


class EhrenamtConfig(AppConfig):
    name = "ehrenamt"
    verbose_name = "Ehrenamt"

    def ready(self):
        from ehrenamt.models import Newsletter
        from ehrenamt.views import teilnahmeliste_pdf
        from portal import pdf

        pdf.register("newsletter", Newsletter.pdf)
        pdf.register("teilnahmeliste", teilnahmeliste_pdf)
