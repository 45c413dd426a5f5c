"""Spreadsheet exports of an admin change list, exactly as it is filtered and searched.

CSV for any program (UTF-8 with byte order mark and semicolons, so German Excel opens it with a
double click) and XLSX with real numbers and dates. A cell that a spreadsheet would run as a
formula is neutralised in both.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from openpyxl import Workbook

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMELANFANG = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def als_text(wert) -> str:
    if wert is None:
        return ""
    if isinstance(wert, Decimal):
        return f"{wert:.2f}".replace(".", ",")
    if isinstance(wert, int):
        return str(wert)
    if isinstance(wert, datetime.datetime):
        return f"{timezone.localtime(wert):%d.%m.%Y %H:%M}"
    if isinstance(wert, datetime.date):
        return f"{wert:%d.%m.%Y}"
    text = str(wert)
    return f"'{text}" if text.startswith(FORMELANFANG) else text


def _xlsx_wert(wert):
    if isinstance(wert, int | float | Decimal) and not isinstance(wert, bool):
        return wert
    if isinstance(wert, datetime.datetime):
        return timezone.localtime(wert).replace(tzinfo=None)
    if isinstance(wert, datetime.date):
        return wert
    return als_text(wert)


def csv_antwort(dateiname: str, spalten: list[str], zeilen: Iterable[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dateiname}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(spalten)
    for zeile in zeilen:
        writer.writerow(als_text(wert) for wert in zeile)
    return response


def xlsx_antwort(dateiname: str, spalten: list[str], zeilen: Iterable[list]) -> HttpResponse:
    mappe = Workbook(write_only=True)
    blatt = mappe.create_sheet("Export")
    blatt.append(spalten)
    for zeile in zeilen:
        blatt.append([_xlsx_wert(wert) for wert in zeile])
    puffer = io.BytesIO()
    mappe.save(puffer)
    response = HttpResponse(puffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{dateiname}.xlsx"'
    return response


FORMATE = {"csv": csv_antwort, "xlsx": xlsx_antwort}


class TabellenExport:
    """ModelAdmin mixin: `csv/` and `xlsx/` below the change list export what it shows. The
    admin names the columns (`export_spalten`) and gives one row per object (`export_zeilen`)."""

    export_spalten: list[str] = []
    export_name = "export"

    def export_zeilen(self, request, queryset) -> Iterable[list]:
        raise NotImplementedError

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                f"{format}/",
                self.admin_site.admin_view(require_safe(self.export)),
                {"format": format},
                name=f"{opts.app_label}_{opts.model_name}_{format}",
            )
            for format in FORMATE
        ] + super().get_urls()

    def export(self, request, format: str):
        if not self.has_view_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(
                f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?e=1"
            )
        dateiname = f"{self.export_name}-{timezone.localdate():%Y-%m-%d}"
        zeilen = self.export_zeilen(request, changelist.get_queryset(request))
        return FORMATE[format](dateiname, self.export_spalten, zeilen)
