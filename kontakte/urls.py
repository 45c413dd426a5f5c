from django.urls import path

from kontakte import views

app_name = "kontakte"

urlpatterns = [
    # --- Public directory and contact form ---------------------------------------------------
    path("kontakte/", views.verzeichnis, name="verzeichnis"),
    path("kontakte/nachricht-gesendet/", views.nachricht_gesendet, name="nachricht-gesendet"),
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
    # --- Communication platform -------------------------------------------------------------
]
