from django.urls import path

from ehrenamt import views

app_name = "ehrenamt"

urlpatterns = [
    path("ehrenamt/arbeitskreise/", views.arbeitskreise, name="arbeitskreise"),
    path("ehrenamt/arbeitskreise/<slug:slug>/", views.arbeitskreis, name="arbeitskreis"),
    path("ehrenamt/sachspenden/", views.sachspenden, name="sachspenden"),
    path("ehrenamt/mitmachen/", views.mitmachen, name="mitmachen"),
    path("ehrenamt/mitmachen/danke/", views.mitmachen_danke, name="mitmachen-danke"),
    path("ehrenamt/mitmachen/bestaetigen/<str:token>/", views.bestaetigen, name="bestaetigen"),
    path("ehrenamt/einwilligungen/<str:token>/", views.einwilligungen, name="einwilligungen"),
]
