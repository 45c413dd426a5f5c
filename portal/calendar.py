"""iCalendar (.ics) files for events, one per event and one feed of all."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from portal.models import Veranstaltung


def ics(veranstaltungen, request) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.PORTAL_NAME}//Veranstaltungen//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{settings.PORTAL_NAME}: Veranstaltungen")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for veranstaltung in veranstaltungen:
        cal.add_component(_event(veranstaltung, request))
    return cal.to_ical()


def _event(veranstaltung: Veranstaltung, request) -> Event:
    event = Event()
    event.add("uid", f"veranstaltung-{veranstaltung.pk}@{request.get_host()}")
    event.add("dtstamp", veranstaltung.geaendert_am or timezone.now())
    event.add("dtstart", veranstaltung.beginn.astimezone(datetime.UTC))
    if veranstaltung.ende:
        event.add("dtend", veranstaltung.ende.astimezone(datetime.UTC))
    event.add("summary", veranstaltung.titel)
    event.add(
        "location", ", ".join(part for part in (veranstaltung.ort, veranstaltung.adresse) if part)
    )
    event.add("description", veranstaltung.teaser or veranstaltung.text)
    event.add("url", request.build_absolute_uri(veranstaltung.get_absolute_url()))
    event.add("categories", [veranstaltung.get_art_display()])
    return event


def response(veranstaltungen, filename: str, request) -> HttpResponse:
    result = HttpResponse(
        ics(veranstaltungen, request), content_type="text/calendar; charset=utf-8"
    )
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    return result
