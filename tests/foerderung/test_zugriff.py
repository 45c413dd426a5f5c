"""Municipality A never sees municipality B's application: every URL of it is a 404 for A,
for reading and for writing, and nothing of B's changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from foerderung.models import Anhang, Antrag

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def antrag_von_b(antrag_b, foerderreferat):
    rueckfrage = antrag_b.rueckfrage_stellen(foerderreferat, "Wer moderiert?")
    anhang = Anhang.speichern(
        antrag_b, SimpleUploadedFile("plan.pdf", PDF), None, Anhang.Zweck.ANTRAG
    )
    return antrag_b, rueckfrage, anhang


def _urls(antrag, rueckfrage, anhang):
    pk = antrag.pk
    return [
        reverse("foerderung:antrag-detail", args=[pk]),
        *(
            reverse("foerderung:antrag-schritt", args=[pk, schritt])
            for schritt in ["antragsteller", "vorhaben", "durchfuehrung", "finanzierung"]
        ),
        reverse("foerderung:antrag-schritt", args=[pk, "unterlagen"]),
        reverse("foerderung:antrag-einreichen", args=[pk]),
        reverse("foerderung:antrag-eingereicht", args=[pk]),
        reverse("foerderung:antrag-quittung", args=[pk]),
        reverse("foerderung:antrag-zurueckziehen", args=[pk]),
        reverse("foerderung:rueckfrage-beantworten", args=[pk, rueckfrage.pk]),
        reverse("foerderung:verwendungsnachweis", args=[pk]),
        reverse("foerderung:anhang", args=[pk, anhang.pk]),
    ]


def test_other_municipality_gets_404_for_every_url(client, municipality_a, antrag_von_b):
    client.force_login(municipality_a)
    for url in _urls(*antrag_von_b):
        assert client.get(url).status_code == 404, url


def test_other_municipality_cannot_write_anything(client, municipality_a, antrag_von_b):
    antrag, rueckfrage, anhang = antrag_von_b
    client.force_login(municipality_a)
    nur_lesen = {  # pages that only answer GET (405 for every POST)
        reverse(name, args=[antrag.pk])
        for name in [
            "foerderung:antrag-detail",
            "foerderung:antrag-eingereicht",
            "foerderung:antrag-quittung",
        ]
    } | {reverse("foerderung:anhang", args=[antrag.pk, anhang.pk])}
    for url in _urls(*antrag_von_b):
        if url in nur_lesen:
            continue
        response = client.post(
            url,
            {"titel": "Gekapert", "antwort": "Gekapert", "bestaetigung": "on", "grund": "x"},
        )
        assert response.status_code == 404, url
    entfernen = reverse("foerderung:anhang-entfernen", args=[antrag.pk, anhang.pk])
    assert client.post(entfernen).status_code == 404
    antrag.refresh_from_db()
    rueckfrage.refresh_from_db()
    assert antrag.status == Antrag.Status.RUECKFRAGE
    assert antrag.titel == "Ludwigsburg im Gespräch"
    assert rueckfrage.antwort == ""
    assert Anhang.objects.filter(pk=anhang.pk).exists()


def test_attachment_url_with_another_applications_number_is_404(
    client, municipality_a, antrag_a, antrag_von_b
):
    """An attachment of B asked for under A's own application number."""
    _, _, anhang = antrag_von_b
    client.force_login(municipality_a)
    url = reverse("foerderung:anhang", args=[antrag_a.pk, anhang.pk])
    assert client.get(url).status_code == 404


def test_lists_show_only_own_applications(client, municipality_a, antrag_a, antrag_von_b):
    client.force_login(municipality_a)
    page = client.get(reverse("foerderung:antrag-liste"))
    assert antrag_a.aktenzeichen in page.text
    assert antrag_von_b[0].aktenzeichen not in page.text
