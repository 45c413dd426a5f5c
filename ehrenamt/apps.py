from django.apps import AppConfig


class EhrenamtConfig(AppConfig):
    name = "ehrenamt"
    verbose_name = "Ehrenamt"

    def ready(self):
        from ehrenamt.models import Newsletter
        from ehrenamt.views import teilnahmeliste_pdf
        from portal import pagecache, pdf

        pdf.register("newsletter", Newsletter.pdf)
        pdf.register("teilnahmeliste", teilnahmeliste_pdf)
        # Volunteers and their data never appear on a cached page (training places do, but the
        # pages that show them are not cached).
        pagecache.private(
            "ehrenamt.Ehrenamtliche",
            "ehrenamt.Einwilligung",
            "ehrenamt.Zuordnung",
            "ehrenamt.Notiz",
            "ehrenamt.Listenexport",
            "ehrenamt.Interesse",
            "ehrenamt.Teilnahme",
            "ehrenamt.NewsletterVersand",
            "ehrenamt.Koordination",
        )
