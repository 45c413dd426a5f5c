from django.urls import path

from buendnisse import views

app_name = "buendnisse"

urlpatterns = [
    path("buendnisse/", views.liste, name="liste"),
    path("buendnisse/karte/", views.karte_view, name="karte"),
    path("buendnisse/<slug:slug>/", views.detail, name="detail"),
    path("buendnisse/<slug:slug>/bearbeiten/", views.bearbeiten, name="bearbeiten"),
]
