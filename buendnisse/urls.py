from django.urls import path

from buendnisse import views

app_name = "buendnisse"

urlpatterns = [
    path("buendnisse/", views.liste, name="liste"),
    path("buendnisse/karte/", views.karte_view, name="karte"),
    # POST only: the filtered list of a Kreis as a PDF export.
    path("buendnisse/pdf/", views.liste_pdf, name="liste-pdf"),
    path("buendnisse/<slug:slug>/", views.detail, name="detail"),
    path("buendnisse/<slug:slug>/bearbeiten/", views.bearbeiten, name="bearbeiten"),
]
