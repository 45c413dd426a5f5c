"""Decision letters: rendered in the background, stored once with their SHA-256, a new
version instead of an overwrite, sent with the decision or after it."""

import hashlib
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from pypdf import PdfReader

from foerderung.models import Antrag, Bescheid, BescheidVorlage, UebergangVerweigert
from foerderung.tasks import bescheid_erstellen

pytestmark = pytest.mark.django_db

S = Antrag.Status


@pytest.fixture
def bewilligt(antrag_a, foerderreferat):
    antrag_a.uebergang(S.IN_PRUEFUNG, foerderreferat)
    antrag_a.entscheiden(
        S.BEWILLIGT, foerderreferat, None, "Überzeugend.", "Die Einladung nennt das Programm."
    )
    return antrag_a


def _text(bescheid: Bescheid) -> str:
    with bescheid.datei.open("rb") as datei:
        return "".join(seite.extract_text() for seite in PdfReader(io.BytesIO(datei.read())).pages)


def test_letter_is_rendered_once_with_its_hash(
    bewilligt, foerderreferat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bescheid = Bescheid.anfordern(bewilligt, foerderreferat)
    bescheid.refresh_from_db()
    assert bescheid.stand == Bescheid.Stand.ERSTELLT
    with bescheid.datei.open("rb") as datei:
        inhalt = datei.read()
    assert hashlib.sha256(inhalt).hexdigest() == bescheid.sha256
    assert bescheid.groesse == len(inhalt)
    text = _text(bescheid)
    assert bewilligt.aktenzeichen in text
    assert "2.500 €" in text
    assert "Stadt Ludwigsburg" in text
    assert "Die Einladung nennt das Programm." in text
    # Not sent: the decision has not been told yet.
    assert mail.outbox == []


def test_a_new_version_leaves_the_old_one_as_it_was(
    bewilligt, foerderreferat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        erste = Bescheid.anfordern(bewilligt, foerderreferat)
    erste.refresh_from_db()
    vorlage = BescheidVorlage.objects.create(unterschrift_name="Dr. Maria Muster")
    with django_capture_on_commit_callbacks(execute=True):
        zweite = Bescheid.anfordern(bewilligt, foerderreferat)
    zweite.refresh_from_db()
    assert (erste.version, zweite.version) == (1, 2)
    assert zweite.datei.name != erste.datei.name
    with erste.datei.open("rb") as datei:
        assert hashlib.sha256(datei.read()).hexdigest() == erste.sha256
    assert vorlage.unterschrift_name in _text(zweite)
    assert vorlage.unterschrift_name not in _text(erste)


def test_a_failed_rendering_leaves_no_file(
    bewilligt, foerderreferat, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.BASE_DIR = tmp_path  # the fonts are not there: the PDF helper refuses
    with django_capture_on_commit_callbacks(execute=True):
        bescheid = Bescheid.anfordern(bewilligt, foerderreferat)
    bescheid.refresh_from_db()
    assert bescheid.stand == Bescheid.Stand.FEHLER
    assert "Font" in bescheid.fehler
    assert not bescheid.datei
    assert bescheid.sha256 == ""


def test_no_letter_before_a_decision(antrag_a, foerderreferat, municipality_a):
    with pytest.raises(UebergangVerweigert):
        Bescheid.anfordern(antrag_a, foerderreferat)
    antrag_a.uebergang(S.IN_PRUEFUNG, foerderreferat)
    antrag_a.entscheiden(S.ABGELEHNT, foerderreferat, None, "Budget.")
    with pytest.raises(UebergangVerweigert):
        Bescheid.anfordern(antrag_a, municipality_a)


def test_release_sends_the_letter_and_the_applicant_downloads_it(
    client,
    bewilligt,
    foerderreferat,
    municipality_a,
    municipality_b,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        bescheid = Bescheid.anfordern(bewilligt, foerderreferat)
    bescheid.refresh_from_db()
    url = bescheid.get_absolute_url()
    client.force_login(municipality_a)
    assert client.get(url).status_code == 404  # not told yet
    with django_capture_on_commit_callbacks(execute=True):
        bewilligt.freigeben(foerderreferat)
    (nachricht,) = mail.outbox
    (anhang,) = nachricht.attachments
    assert anhang[0] == f"bescheid-{bewilligt.aktenzeichen}-1.pdf"
    assert anhang[1].startswith(b"%PDF")
    assert "Bescheid vom" in client.get(bewilligt.get_absolute_url()).text
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(municipality_b)
    assert client.get(url).status_code == 404


def test_letter_made_after_release_is_sent_itself(
    bewilligt, foerderreferat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bewilligt.freigeben(foerderreferat)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Bescheid.anfordern(bewilligt, foerderreferat)
    (nachricht,) = mail.outbox
    assert nachricht.subject.endswith(f"Bescheid zu Ihrem Antrag {bewilligt.aktenzeichen}")
    assert len(nachricht.attachments) == 1


def test_bulk_letters_show_their_progress(
    client_for, bewilligt, make_antrag, make_kommune, foerderreferat
):
    offen = make_antrag(
        ausschreibung=bewilligt.ausschreibung,
        organisation=make_kommune("Stadt Ulm")[0],
        eingereicht=True,
    )
    staff = client_for("foerderreferat")
    response = staff.post(
        "/admin/foerderung/antrag/",
        {"action": "bescheide_erstellen", ACTION_CHECKBOX_NAME: [bewilligt.pk, offen.pk]},
    )
    assert not offen.bescheide.exists()
    seite = staff.get(response.url)
    assert "0 von 1 Bescheiden bearbeitet: 0 erstellt, 0 fehlgeschlagen, 1 warten noch" in (
        seite.text
    )
    assert '<meta http-equiv="refresh" content="3">' in seite.text
    bescheid_erstellen.call(bewilligt.bescheide.get().pk)  # what the worker does
    seite = staff.get(response.url)
    assert "1 von 1 Bescheiden bearbeitet: 1 erstellt, 0 fehlgeschlagen" in seite.text
    assert '<progress max="1" value="1"' in seite.text
    assert "refresh" not in seite.text


def test_a_letter_for_a_grant_whose_report_is_due_names_the_grant(bewilligt, foerderreferat):
    bewilligt.freigeben(foerderreferat)
    bewilligt.uebergang(S.NACHWEIS_FAELLIG, None)
    assert Bescheid.anfordern(bewilligt, foerderreferat).entscheidung == S.BEWILLIGT
