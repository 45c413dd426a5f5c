from django.urls import path

from kontakte import views

app_name = "kontakte"

urlpatterns = [
    # --- Public directory and contact form ---------------------------------------------------
    path("kontakte/", views.verzeichnis, name="verzeichnis"),
    path("kontakte/nachricht-gesendet/", views.nachricht_gesendet, name="nachricht-gesendet"),
    # POST only: the filtered directory of a Kreis as a PDF export.
    path("kontakte/pdf/", views.verzeichnis_pdf, name="verzeichnis-pdf"),
    path("kontakte/<slug:organisation>/", views.organisation_detail, name="organisation-detail"),
    path(
        "kontakte/<slug:organisation>/nachricht/",
        views.nachricht_schreiben,
        name="organisation-nachricht",
    ),
    path(
        "kontakte/<slug:organisation>/<slug:person>/",
        views.person_detail,
        name="person-detail",
    ),
    path(
        "kontakte/<slug:organisation>/<slug:person>/nachricht/",
        views.nachricht_schreiben,
        name="person-nachricht",
    ),
    path(
        "kontakte/<slug:organisation>/<slug:person>/vcard.vcf",
        views.person_vcard,
        name="person-vcard",
    ),
    # --- Account and memberships (allauth's own pages follow under konto/) -------------------
    path("konto/", views.konto, name="konto"),
    path("konto/organisationen/", views.mitgliedschaften, name="mitgliedschaften"),
    # --- Communication platform -------------------------------------------------------------
    path("plattform/", views.plattform, name="plattform"),
    path("plattform/zugang/", views.plattform_zugang, name="plattform-zugang"),
    path("plattform/themen/neu/", views.diskussion_neu, name="diskussion-neu"),
    path("plattform/themen/<id:pk>/", views.diskussion_detail, name="diskussion-detail"),
    path("plattform/anhaenge/<id:pk>/", views.anhang_download, name="anhang-download"),
    path("plattform/einstellungen/", views.plattform_einstellungen, name="plattform-einstellungen"),
]
