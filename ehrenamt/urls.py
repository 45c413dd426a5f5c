from django.urls import path

from ehrenamt import views

app_name = "ehrenamt"

urlpatterns = [
    path("ehrenamt/", views.start, name="start"),
    path("ehrenamt/arbeitskreise/", views.arbeitskreise, name="arbeitskreise"),
    path("ehrenamt/arbeitskreise/<slug:slug>/", views.arbeitskreis, name="arbeitskreis"),
    path("ehrenamt/sachspenden/", views.sachspenden, name="sachspenden"),
    path("ehrenamt/mitmachen/", views.mitmachen, name="mitmachen"),
    path("ehrenamt/mitmachen/danke/", views.mitmachen_danke, name="mitmachen-danke"),
    path("ehrenamt/mitmachen/bestaetigen/<str:token>/", views.bestaetigen, name="bestaetigen"),
    path("ehrenamt/einwilligungen/<str:token>/", views.einwilligungen, name="einwilligungen"),
    # Needs (Gesuche): the public list, one click to help, the coordination's pages.
    path("ehrenamt/gesuche/", views.gesuche, name="gesuche"),
    path("ehrenamt/gesuche/<int:pk>/", views.gesuch, name="gesuch"),
    path(
        "ehrenamt/mein-engagement/interessen/<int:pk>/zurueckziehen/",
        views.interesse_zurueckziehen,
        name="interesse-zurueckziehen",
    ),
    path("ehrenamt/koordination/gesuche/", views.koordination_gesuche, name="koordination-gesuche"),
    path(
        "ehrenamt/koordination/gesuche/neu/",
        views.koordination_gesuch_bearbeiten,
        name="koordination-gesuch-neu",
    ),
    path(
        "ehrenamt/koordination/gesuche/<int:pk>/",
        views.koordination_gesuch,
        name="koordination-gesuch",
    ),
    path(
        "ehrenamt/koordination/gesuche/<int:pk>/bearbeiten/",
        views.koordination_gesuch_bearbeiten,
        name="koordination-gesuch-bearbeiten",
    ),
    # Trainings (Schulungen): the public list and page, the volunteer's registration and
    # certificate, the coordination's pages.
    path("ehrenamt/schulungen/", views.schulungen, name="schulungen"),
    path("ehrenamt/schulungen/<slug:slug>/", views.schulung, name="schulung"),
    path("ehrenamt/schulungen/<slug:slug>/kalender.ics", views.schulung_ics, name="schulung-ics"),
    path(
        "ehrenamt/mein-engagement/schulungen/<int:pk>/abmelden/",
        views.teilnahme_abmelden,
        name="teilnahme-abmelden",
    ),
    path(
        "ehrenamt/mein-engagement/schulungen/<int:pk>/bescheinigung.pdf",
        views.teilnahmebescheinigung,
        name="teilnahmebescheinigung",
    ),
    path(
        "ehrenamt/koordination/schulungen/",
        views.koordination_schulungen,
        name="koordination-schulungen",
    ),
    path(
        "ehrenamt/koordination/schulungen/neu/",
        views.koordination_schulung_bearbeiten,
        name="koordination-schulung-neu",
    ),
    path(
        "ehrenamt/koordination/schulungen/<int:pk>/",
        views.koordination_schulung,
        name="koordination-schulung",
    ),
    path(
        "ehrenamt/koordination/schulungen/<int:pk>/bearbeiten/",
        views.koordination_schulung_bearbeiten,
        name="koordination-schulung-bearbeiten",
    ),
    path(
        "ehrenamt/koordination/schulungen/<int:pk>/teilnahmeliste/",
        views.koordination_teilnahmeliste,
        name="koordination-teilnahmeliste",
    ),
    # The volunteer's own pages: with an account, or signed in by a link from their mail.
    path("ehrenamt/zugang/", views.zugang, name="zugang"),
    path("ehrenamt/zugang/<str:token>/", views.zugang_link, name="zugang-link"),
    path("ehrenamt/mein-engagement/", views.mein_engagement, name="mein-engagement"),
    path("ehrenamt/mein-engagement/angaben/", views.angaben_bearbeiten, name="angaben-bearbeiten"),
    path(
        "ehrenamt/mein-engagement/einwilligungen/",
        views.einwilligung_aendern,
        name="einwilligung-aendern",
    ),
    path("ehrenamt/mein-engagement/auskunft.json", views.meine_daten_json, name="meine-daten-json"),
    path("ehrenamt/mein-engagement/auskunft.pdf", views.meine_daten_pdf, name="meine-daten-pdf"),
    path("ehrenamt/mein-engagement/loeschen/", views.loeschen, name="loeschen"),
    path("ehrenamt/mein-engagement/abmelden/", views.sitzung_beenden, name="sitzung-beenden"),
    # The coordination's back office: the volunteers of its own Kreis.
    path("ehrenamt/koordination/", views.koordination, name="koordination"),
    path("ehrenamt/koordination/export.csv", views.koordination_export, name="koordination-export"),
    path(
        "ehrenamt/koordination/ehrenamtliche/<int:pk>/",
        views.koordination_person,
        name="koordination-person",
    ),
    path(
        "ehrenamt/koordination/ehrenamtliche/<int:pk>/bearbeiten/",
        views.koordination_person_bearbeiten,
        name="koordination-person-bearbeiten",
    ),
    path(
        "ehrenamt/koordination/ehrenamtliche/<int:pk>/auskunft.json",
        views.koordination_auskunft_json,
        name="koordination-auskunft-json",
    ),
    path(
        "ehrenamt/koordination/ehrenamtliche/<int:pk>/auskunft.pdf",
        views.koordination_auskunft_pdf,
        name="koordination-auskunft-pdf",
    ),
    path(
        "ehrenamt/koordination/ehrenamtliche/<int:pk>/loeschen/",
        views.koordination_loeschen,
        name="koordination-loeschen",
    ),
    path(
        "ehrenamt/koordination/arbeitskreise/<int:pk>/",
        views.koordination_arbeitskreis,
        name="koordination-arbeitskreis",
    ),
]
