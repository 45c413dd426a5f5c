"""The iCalendar (.ics) file of a training: one event per date, as portal.calendar does it for
the events."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from ehrenamt.models import Schulung


def ics(schulung: Schulung, request) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.PORTAL_NAME}//Schulungen//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{settings.PORTAL_NAME}: {schulung.titel}")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    # The UID names the portal, not the host that answered, so it stays the same everywhere.
    host = urlsplit(settings.SITE_URL).hostname or request.get_host()
    ort = "Online" if schulung.online else schulung.ort
    if schulung.online and schulung.ort:
        ort = f"Online ({schulung.ort})"
    termine = list(schulung.termine.all())
    for nummer, termin in enumerate(termine, start=1):
        event = Event()
        event.add("uid", f"schulungstermin-{termin.pk}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", termin.beginn.astimezone(datetime.UTC))
        event.add("dtend", termin.ende.astimezone(datetime.UTC))
        titel = schulung.titel
        if len(termine) > 1:
            titel = f"{titel} (Termin {nummer} von {len(termine)})"
        event.add("summary", titel)
        event.add("location", ort)
        event.add(
            "description", f"Veranstalter: {schulung.veranstalter}\n\n{schulung.beschreibung}"
        )
        event.add("url", request.build_absolute_uri(schulung.get_absolute_url()))
        cal.add_component(event)
    return cal.to_ical()


def response(schulung: Schulung, request) -> HttpResponse:
    result = HttpResponse(ics(schulung, request), content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{schulung.slug}.ics"'
    return result
