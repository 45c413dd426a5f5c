from django.urls import path

from foerderung import views

app_name = "foerderung"

urlpatterns = [
    path("foerderung/", views.uebersicht, name="uebersicht"),
    path("foerderung/<slug:programm>/", views.programm, name="programm"),
    path(
        "foerderung/<slug:programm>/<slug:ausschreibung>/",
        views.ausschreibung,
        name="ausschreibung",
    ),
]
