"""Builders for the communication platform, shared by its tests, the permission matrix, the
query counts and the HTML check. Plain functions: each caller states what it needs."""

import itertools

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from kontakte.models import Anhang, Beitrag, Diskussion, PlattformZugang
from tests.portal.fixtures import PDF_BYTES

_counter = itertools.count(1)


def make_mitglied(**fields) -> User:
    """A user with approved access to the platform."""
    n = next(_counter)
    user = User.objects.create_user(
        f"mitglied{n}", f"mitglied{n}@ludwigsburg.example", "geheim-geheim", **fields
    )
    PlattformZugang.objects.create(
        user=user,
        funktion="Stadt Ludwigsburg, Koordination Ehrenamt",
        begruendung="Austausch mit anderen Kommunen.",
        status=PlattformZugang.Status.BESTAETIGT,
        entschieden_am=timezone.now(),
        digest_bis=timezone.now(),
    )
    return user


def client_for_mitglied(user: User | None = None) -> Client:
    client = Client()
    client.force_login(user or make_mitglied())
    return client


def make_diskussion(
    autor: User | None = None,
    titel: str = "Patenschaften für Familien",
    text: str = "Wie finden Sie **Patinnen und Paten**?",
) -> Diskussion:
    """A topic with its first post, which carries a PDF attachment."""
    autor = autor or make_mitglied()
    diskussion = Diskussion.objects.create(titel=titel, erstellt_von=autor)
    make_beitrag(diskussion, autor, text)
    return diskussion


def make_beitrag(diskussion: Diskussion, autor: User, text: str = "Eine Antwort.") -> Beitrag:
    beitrag = Beitrag.objects.create(diskussion=diskussion, autor=autor, text=text)
    anhang = Anhang(beitrag=beitrag)
    anhang.datei = ContentFile(PDF_BYTES, name="leitfaden.pdf")
    anhang.save()
    return beitrag
