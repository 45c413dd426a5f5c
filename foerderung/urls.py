from django.urls import path

from foerderung import views

app_name = "foerderung"

urlpatterns = [
    path("foerderung/", views.uebersicht, name="uebersicht"),
    # The applicants' area before the programme slugs ("antraege" is a reserved slug).
    path("foerderung/antraege/", views.antrag_liste, name="antrag-liste"),
    path(
        "foerderung/antraege/neu/<int:ausschreibung>/", views.antrag_starten, name="antrag-starten"
    ),
    path("foerderung/antraege/<int:pk>/", views.antrag_detail, name="antrag-detail"),
    path(
        "foerderung/antraege/<int:pk>/schritt/<slug:schritt>/",
        views.antrag_schritt,
        name="antrag-schritt",
    ),
    path(
        "foerderung/antraege/<int:pk>/einreichen/",
        views.antrag_einreichen,
        name="antrag-einreichen",
    ),
    path(
        "foerderung/antraege/<int:pk>/eingereicht/",
        views.antrag_eingereicht,
        name="antrag-eingereicht",
    ),
    path(
        "foerderung/antraege/<int:pk>/quittung.pdf", views.antrag_quittung, name="antrag-quittung"
    ),
    path(
        "foerderung/antraege/<int:pk>/zurueckziehen/",
        views.antrag_zurueckziehen,
        name="antrag-zurueckziehen",
    ),
    path(
        "foerderung/antraege/<int:pk>/rueckfragen/<int:rueckfrage>/",
        views.rueckfrage_beantworten,
        name="rueckfrage-beantworten",
    ),
    path(
        "foerderung/antraege/<int:pk>/verwendungsnachweis/",
        views.verwendungsnachweis,
        name="verwendungsnachweis",
    ),
    path("foerderung/antraege/<int:pk>/anhaenge/<int:anhang>/", views.anhang, name="anhang"),
    path(
        "foerderung/antraege/<int:pk>/bescheide/<int:bescheid>/",
        views.bescheid,
        name="bescheid",
    ),
    path(
        "foerderung/antraege/<int:pk>/anhaenge/<int:anhang>/entfernen/",
        views.anhang_entfernen,
        name="anhang-entfernen",
    ),
    path("foerderung/<slug:programm>/", views.programm, name="programm"),
    path(
        "foerderung/<slug:programm>/<slug:ausschreibung>/",
        views.ausschreibung,
        name="ausschreibung",
    ),
]
