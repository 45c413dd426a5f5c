from django.contrib import admin

from kontakte.models import Kreis


@admin.register(Kreis)
class KreisAdmin(admin.ModelAdmin):
    """Official data: staff look it up, only superusers may correct it."""

    list_display = ["name", "art", "schluessel", "regierungsbezirk", "einwohner", "flaeche_km2"]
    list_filter = ["art", "regierungsbezirk"]
    search_fields = ["name", "=schluessel"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff

    def has_module_permission(self, request):
        return request.user.is_staff
