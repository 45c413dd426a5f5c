import datetime
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from portal.models import Meldung, Rundschreiben, Seite, Veranstaltung
from portal.uploads import format_size

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def test_circular_is_listed_as_the_seed_shows_it(client, make_rundschreiben):
    make_rundschreiben(nummer=27970, jahr=2016, datum=datetime.date(2016, 12, 15))
    html = client.get("/rundschreiben/").content.decode()
    assert (
        'Rundschreiben R 27970/2016 <span class="file-meta">[PDF: 4 KB]</span></a> vom 15.12.2016'
        in html
    )


def test_circular_download_is_the_pdf_under_a_readable_name(client, make_rundschreiben):
    rundschreiben = make_rundschreiben(nummer=27970, jahr=2016)
    response = client.get("/rundschreiben/2016/27970/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="Rundschreiben-R-27970-2016.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(rundschreiben.get_absolute_url()).status_code == 200


def test_draft_circular_and_document_cannot_be_downloaded(
    client, make_rundschreiben, make_dokument
):
    rundschreiben = make_rundschreiben(status=Meldung.Status.ENTWURF)
    dokument = make_dokument(status=Meldung.Status.ENTWURF)
    assert client.get(rundschreiben.get_download_url()).status_code == 404
    assert client.get(rundschreiben.get_absolute_url()).status_code == 404
    assert client.get(dokument.get_absolute_url()).status_code == 404


def test_document_kind_comes_from_the_content_not_the_name(make_dokument):
    dokument = make_dokument()
    assert dokument.dateiart == "PDF"
    assert dokument.format_label == "PDF: 4 KB"


@pytest.mark.parametrize(
    ("size", "label"), [(512, "512 Byte"), (122_880, "120 KB"), (3_984_588, "3,8 MB")]
)
def test_sizes_read_the_german_way(size, label):
    assert format_size(size) == label


def test_events_split_into_upcoming_and_past(client, make_veranstaltung):
    make_veranstaltung(
        titel="Gesamttreffen nächsten Monat", beginn=timezone.now() + datetime.timedelta(days=30)
    )
    make_veranstaltung(
        titel="2. Gesamttreffen 2016", beginn=datetime.datetime(2016, 9, 28, 10, tzinfo=BERLIN)
    )
    response = client.get("/veranstaltungen/")
    assert [v.titel for v in response.context["kommende"]] == ["Gesamttreffen nächsten Monat"]
    assert [v.titel for v in response.context["page_obj"]] == ["2. Gesamttreffen 2016"]


def test_event_detail_shows_berlin_time_and_theme_tables(client, make_veranstaltung):
    veranstaltung = make_veranstaltung(
        beginn=datetime.datetime(2016, 9, 28, 10, tzinfo=BERLIN),
        ende=datetime.datetime(2016, 9, 28, 16, tzinfo=BERLIN),
    )
    veranstaltung.thementische.create(titel="Sprecherrat Geflüchtete", dauer_minuten=25)
    html = client.get(veranstaltung.get_absolute_url()).content.decode()
    assert "28.09.2016, 10:00–16:00 Uhr" in html
    assert "Sprecherrat Geflüchtete (25 Minuten)" in html


def test_event_ics_parses_with_the_right_moment(client, make_veranstaltung):
    veranstaltung = make_veranstaltung(
        titel="Regionalkonferenz Stuttgart",
        ort="Stuttgart",
        beginn=datetime.datetime(2016, 11, 26, 10, tzinfo=BERLIN),
    )
    response = client.get(veranstaltung.get_ics_url())
    assert response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Regionalkonferenz Stuttgart"
    assert event.decoded("DTSTART") == datetime.datetime(2016, 11, 26, 10, tzinfo=BERLIN)
    assert "Stuttgart" in str(event["LOCATION"])


def test_calendar_feed_holds_public_events_only(client, make_veranstaltung):
    make_veranstaltung(titel="Öffentlich")
    make_veranstaltung(titel="Entwurf", status=Veranstaltung.Status.ENTWURF)
    events = Calendar.from_ical(client.get("/veranstaltungen/kalender.ics").content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Öffentlich"]


def test_event_under_the_wrong_year_is_404(client, make_veranstaltung):
    veranstaltung = make_veranstaltung(beginn=datetime.datetime(2016, 9, 28, 10, tzinfo=BERLIN))
    assert client.get(f"/veranstaltungen/2017/{veranstaltung.slug}/").status_code == 404


def test_event_end_before_start_is_refused():
    veranstaltung = Veranstaltung(
        titel="x",
        slug="x",
        art="fachtag",
        ort="x",
        beginn=timezone.now(),
        ende=timezone.now() - datetime.timedelta(hours=1),
    )
    with pytest.raises(Exception, match="Das Ende liegt vor dem Beginn"):
        veranstaltung.full_clean()


def test_faq_is_grouped_by_topic(client, make_faq):
    make_faq(thema="Kommunale Flüchtlingsdialoge", frage="Wie hoch ist die Förderung?")
    make_faq(thema="Gemeinsam in Vielfalt", frage="Wer entscheidet?")
    make_faq(
        thema="Gemeinsam in Vielfalt", frage="Noch nicht freigegeben", status=Meldung.Status.ENTWURF
    )
    response = client.get("/faq/")
    themen = {t.titel: [f.frage for f in t.fragen.all()] for t in response.context["themen"]}
    assert themen == {
        "Kommunale Flüchtlingsdialoge": ["Wie hoch ist die Förderung?"],
        "Gemeinsam in Vielfalt": ["Wer entscheidet?"],
    }


def test_nested_pages_have_paths_and_breadcrumbs(client, make_seite):
    programm = make_seite("programm", titel="Das Programm")
    qualifizierung = make_seite("qualifizierung", titel="Qualifizierung", eltern=programm)
    konferenzen = make_seite(
        "regionalkonferenzen", titel="Regionalkonferenzen", eltern=qualifizierung
    )
    assert konferenzen.get_absolute_url() == "/programm/qualifizierung/regionalkonferenzen/"
    html = client.get(konferenzen.get_absolute_url()).content.decode()
    assert '<a href="/programm/">Das Programm</a>' in html
    assert '<li aria-current="page">Regionalkonferenzen</li>' in html
    programm.slug = "das-programm"
    programm.save()
    konferenzen.refresh_from_db()
    assert konferenzen.pfad == "das-programm/qualifizierung/regionalkonferenzen"


def test_draft_page_is_404(client, make_seite):
    make_seite("impressum", status=Seite.Status.ENTWURF)
    assert client.get("/impressum/").status_code == 404


def test_page_cannot_be_its_own_ancestor(make_seite):
    programm = make_seite("programm")
    child = make_seite("kind", eltern=programm)
    programm.eltern = child
    with pytest.raises(Exception, match="nicht unter sich selbst"):
        programm.full_clean()


def test_external_video_loads_nothing_until_asked(client, make_video):
    video = make_video()
    fassung = video.fassungen.get()
    before = client.get(video.get_absolute_url()).content.decode()
    assert "<iframe" not in before
    assert "youtube-nocookie" not in before
    assert f"?laden={fassung.pk}" in before
    after = client.get(video.get_absolute_url(), {"laden": fassung.pk}).content.decode()
    assert 'src="https://www.youtube-nocookie.com/embed/abcdEFGH123"' in after


@pytest.mark.parametrize("laden", ["abc", "999999", "' OR 1=1"])
def test_video_with_odd_load_parameter_shows_the_placeholder(client, make_video, laden):
    video = make_video()
    response = client.get(video.get_absolute_url(), {"laden": laden})
    assert response.status_code == 200
    assert "<iframe" not in response.content.decode()


def test_home_shows_pillars_news_events_video_and_counted_figures(
    client, make_seite, make_meldung, make_veranstaltung, make_video
):
    programm = make_seite("programm")
    for saeule in range(1, 5):
        make_seite(f"saeule-{saeule}", titel=f"Säule {saeule}", eltern=programm, saeule=saeule)
    make_meldung(titel="Wie wollen wir künftig zusammen leben?")
    make_veranstaltung(titel="Gesamttreffen")
    make_video()
    response = client.get("/")
    html = response.content.decode()
    assert [s.titel for s in response.context["saeulen"]] == [
        "Säule 1",
        "Säule 2",
        "Säule 3",
        "Säule 4",
    ]
    assert "Wie wollen wir künftig zusammen leben?" in html
    assert "Gesamttreffen" in html
    assert "Kurzfassung ansehen" in html
    assert response.context["zahlen"] == {
        "meldungen": 1,
        "rundschreiben": 0,
        "veranstaltungen": 1,
        "buendnisse": 0,
    }
    make_meldung()
    assert client.get("/").context["zahlen"]["meldungen"] == 2


def test_pdf_with_a_missing_font_fails_instead_of_falling_back(settings, tmp_path):
    from portal import pdf

    settings.BASE_DIR = tmp_path  # no static/fonts there
    rundschreiben = Rundschreiben(
        nummer=1, jahr=2016, datum=datetime.date(2016, 12, 15), betreff="x"
    )
    with pytest.raises(pdf.FontMissing):
        pdf.render_pdf("pdf/rundschreiben.html", {"rundschreiben": rundschreiben, "absaetze": []})
