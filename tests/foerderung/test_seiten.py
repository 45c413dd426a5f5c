"""The public funding pages: programmes, open, coming and closed calls with their deadlines."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from foerderung.models import Ausschreibung, Programm

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def test_overview_sorts_calls_into_open_coming_and_closed(
    client, make_programm, make_ausschreibung
):
    programm = make_programm(name="Kommunaler Flüchtlingsdialog")
    offen = make_ausschreibung(programm, offen=True, titel="Flüchtlingsdialog 2027")
    kommend = make_ausschreibung(programm, offen="kommend", titel="Flüchtlingsdialog 2028")
    zu = make_ausschreibung(programm, offen=False, titel="Flüchtlingsdialog 2016")
    response = client.get("/foerderung/")
    assert response.status_code == 200
    assert list(response.context["offene"]) == [offen]
    assert list(response.context["kommende"]) == [kommend]
    assert list(response.context["geschlossene"]) == [zu]
    text = response.text
    assert text.index("Flüchtlingsdialog 2027") < text.index("Demnächst")
    assert text.index("Abgeschlossene Ausschreibungen") < text.index("Flüchtlingsdialog 2016")
    assert "Kommunaler Flüchtlingsdialog" in text


def test_deadline_is_shown_in_german_time_with_the_time_left(
    client, make_programm, make_ausschreibung
):
    frist = timezone.now() + datetime.timedelta(days=12, hours=3)
    ausschreibung = make_ausschreibung(make_programm(), offen=True, offen_bis=frist)
    text = client.get(ausschreibung.get_absolute_url()).text
    lokal = frist.astimezone(BERLIN)
    assert f"{lokal:%d.%m.%Y, %H:%M} Uhr" in text
    assert "12 Tage" in text


def test_a_deadline_on_new_years_eve_reads_as_the_seed_wrote_it(make_programm, make_ausschreibung):
    ausschreibung = make_ausschreibung(
        make_programm(),
        offen=False,
        offen_ab=datetime.datetime(2016, 11, 1, tzinfo=BERLIN),
        offen_bis=datetime.datetime(2016, 12, 31, 23, 59, tzinfo=BERLIN),
    )
    assert ausschreibung.frist_text == "31.12.2016, 23:59 Uhr"
    assert ausschreibung.restzeit == "Frist abgelaufen"


@pytest.mark.parametrize(
    ("rest", "text"),
    [
        (datetime.timedelta(days=3, hours=1), "noch 3 Tage"),
        (datetime.timedelta(hours=30), "noch 30 Stunden"),
        (datetime.timedelta(minutes=90), "noch 90 Minuten"),
        (datetime.timedelta(seconds=30), "noch 1 Minute"),
    ],
)
def test_time_left(make_programm, make_ausschreibung, rest, text):
    ausschreibung = make_ausschreibung(
        make_programm(), offen=True, offen_bis=timezone.now() + rest + datetime.timedelta(seconds=5)
    )
    assert ausschreibung.restzeit == text


def test_the_call_page_says_what_is_funded_who_may_apply_and_what_is_asked(
    client, make_programm, make_ausschreibung
):
    ausschreibung = make_ausschreibung(
        make_programm(),
        offen=True,
        hoechstbetrag=3000,
        gesamtbudget=150000,
        berechtigte_arten=["kommune", "landkreis"],
        durchfuehrung_von=datetime.date(2016, 11, 1),
        durchfuehrung_bis=datetime.date(2017, 6, 30),
        text="Gefördert werden Dialoge zu **Wohnraum** und Arbeit.",
    )
    ausschreibung.fragen.create(text="Wie viele Teilnehmende erwarten Sie?", typ="zahl")
    ausschreibung.unterlagen.create(bezeichnung="Kosten- und Finanzierungsplan")
    ausschreibung.unterlagen.create(bezeichnung="Programmentwurf", pflicht=False)
    text = client.get(ausschreibung.get_absolute_url()).text
    for expected in [
        "bis zu 3.000 € je Antrag",
        "150.000 €",
        "Kommune, Landkreis",
        "01.11.2016 bis 30.06.2017",
        "<strong>Wohnraum</strong>",
        "Wie viele Teilnehmende erwarten Sie?",
        "Kosten- und Finanzierungsplan",
        "Programmentwurf (freiwillig)",
    ]:
        assert expected in text, expected


def test_programme_page_lists_its_calls_faq_and_guidelines(
    client, make_programm, make_ausschreibung, make_faq, make_dokument
):
    programm = make_programm(name="Gemeinsam in Vielfalt")
    faq = make_faq(frage="Wie hoch ist die Förderung eines Lokalen Bündnisses?")
    programm.faq_thema = faq.thema
    programm.save()
    programm.dokumente.add(make_dokument(titel="Förderrichtlinie"))
    make_ausschreibung(programm, offen=False, titel="Gemeinsam in Vielfalt II")
    make_ausschreibung(make_programm(), offen=True, titel="Anderes Programm")
    text = client.get(programm.get_absolute_url()).text
    assert "Gemeinsam in Vielfalt II" in text
    assert "Anderes Programm" not in text
    assert "Zurzeit ist in diesem Programm keine Ausschreibung offen." in text
    assert "Wie hoch ist die Förderung eines Lokalen Bündnisses?" in text
    assert "Förderrichtlinie" in text and "[PDF:" in text


def test_unknown_programme_or_call_is_a_404(client, make_programm, make_ausschreibung):
    ausschreibung = make_ausschreibung(make_programm(), offen=True)
    other = make_programm()
    assert client.get("/foerderung/gibt-es-nicht/").status_code == 404
    assert client.get(f"/foerderung/{other.slug}/{ausschreibung.slug}/").status_code == 404


def test_a_call_must_name_who_may_apply_and_end_after_it_starts(make_programm):
    from django.core.exceptions import ValidationError

    jetzt = timezone.now()
    call = Ausschreibung(
        programm=make_programm(),
        titel="X",
        slug="x",
        offen_ab=jetzt,
        offen_bis=jetzt - datetime.timedelta(days=1),
        hoechstbetrag=3000,
        berechtigte_arten=[],
        durchfuehrung_von=datetime.date(2017, 1, 1),
        durchfuehrung_bis=datetime.date(2016, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        call.full_clean()
    assert set(error.value.message_dict) >= {"offen_bis", "berechtigte_arten", "durchfuehrung_bis"}


def test_drafts_stay_off_the_public_pages(client, make_programm, make_ausschreibung):
    entwurf = make_programm(name="Neues Programm in Vorbereitung", status="entwurf")
    make_ausschreibung(entwurf, offen=True, titel="Ausschreibung eines Entwurfs")
    oeffentlich = make_programm()
    make_ausschreibung(
        oeffentlich, offen=True, titel="Zurückgehaltene Ausschreibung", status="entwurf"
    )
    text = client.get("/foerderung/").text
    assert "Neues Programm" not in text
    assert "Ausschreibung eines Entwurfs" not in text
    assert "Zurückgehaltene Ausschreibung" not in text
    assert client.get(entwurf.get_absolute_url()).status_code == 404


def test_programme_file_number_prefixes_are_unique_regardless_of_case(make_programm):
    from django.core.exceptions import ValidationError

    make_programm(kuerzel="FD")
    with pytest.raises(ValidationError, match="Dieses Kürzel hat schon ein anderes Programm"):
        Programm(
            name="X", slug="x", kuerzel="fd", kurzbeschreibung="x", antragsberechtigt="x"
        ).full_clean()


def test_the_cap_may_not_exceed_the_budget(make_programm, make_ausschreibung):
    from django.core.exceptions import ValidationError

    call = make_ausschreibung(make_programm(), hoechstbetrag=50000, gesamtbudget=20000)
    with pytest.raises(ValidationError) as error:
        call.full_clean()
    assert "übersteigt das Gesamtbudget" in str(error.value)
