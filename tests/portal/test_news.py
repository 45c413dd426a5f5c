import datetime

import pytest
from django.utils import timezone

from portal.models import Meldung

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(make_meldung):
    """A draft and an item scheduled for tomorrow, both with a unique word."""
    return [
        make_meldung(titel="Geheimer Entwurf Zauberwort", status=Meldung.Status.ENTWURF),
        make_meldung(
            titel="Künftige Meldung Zauberwort",
            veroeffentlichen_ab=timezone.now() + datetime.timedelta(days=1),
        ),
    ]


def test_list_shows_date_title_teaser_and_accessible_more_link(client, make_meldung):
    make_meldung(
        titel="Wie wollen wir künftig zusammen leben?",
        datum=datetime.date(2017, 1, 19),
        teaser="Kommunen können ab sofort wieder Anträge stellen.",
    )
    html = client.get("/aktuelles/").content.decode()
    assert "19.01.2017" in html
    assert "Wie wollen wir künftig zusammen leben?" in html
    assert "Kommunen können ab sofort wieder Anträge stellen." in html
    assert (
        'weiterlesen<span class="visually-hidden">: Wie wollen wir künftig zusammen leben?' in html
    )


def test_drafts_and_future_news_are_invisible_everywhere(client, make_meldung, hidden):
    make_meldung(titel="Öffentliche Meldung")
    pages = {
        url: client.get(url).content.decode()
        for url in [
            "/",
            "/aktuelles/",
            "/aktuelles/archiv/",
            "/aktuelles/archiv/2016/",
            "/aktuelles/feed/",
            "/suche/?q=Zauberwort",
            "/sitemap.xml",
        ]
    }
    for url, html in pages.items():
        assert "Geheimer Entwurf" not in html, url
        assert "Künftige Meldung" not in html, url
    assert "Öffentliche Meldung" in pages["/aktuelles/"]
    for meldung in hidden:
        assert client.get(meldung.get_absolute_url()).status_code == 404
        assert meldung.slug not in pages["/sitemap.xml"]


def test_scheduled_news_appears_once_its_time_has_come(client, make_meldung):
    meldung = make_meldung(veroeffentlichen_ab=timezone.now() + datetime.timedelta(hours=1))
    assert client.get(meldung.get_absolute_url()).status_code == 404
    Meldung.objects.filter(pk=meldung.pk).update(veroeffentlichen_ab=timezone.now())
    assert client.get(meldung.get_absolute_url()).status_code == 200


def test_detail_shows_text_and_attachments(client, make_meldung, make_rundschreiben, make_dokument):
    rundschreiben = make_rundschreiben()
    meldung = make_meldung(
        text="**Die Dialoge** können bis 30. Juni 2017 stattfinden.", rundschreiben=rundschreiben
    )
    meldung.dokumente.add(make_dokument(titel="Newsletter der LpB"))
    html = client.get(meldung.get_absolute_url()).content.decode()
    assert "<strong>Die Dialoge</strong>" in html
    assert f"Rundschreiben R {rundschreiben.nummer}/2016" in html
    assert "Newsletter der LpB" in html
    assert "[PDF: 4 KB]" in html


def test_detail_under_the_wrong_year_is_404(client, make_meldung):
    meldung = make_meldung(datum=datetime.date(2017, 1, 19))
    assert client.get(f"/aktuelles/2016/{meldung.slug}/").status_code == 404


def test_editor_markup_is_sanitised_on_save(make_meldung):
    meldung = make_meldung(
        text='Hallo <script>alert(1)</script><a href="javascript:alert(2)">x</a>'
        "<img src=x onerror=alert(3)>"
    )
    assert "<script" not in meldung.text_html
    assert "javascript:" not in meldung.text_html
    assert "onerror" not in meldung.text_html


def test_archive_counts_years_and_months(client, make_meldung, hidden):
    for day in [
        datetime.date(2016, 11, 21),
        datetime.date(2016, 11, 23),
        datetime.date(2016, 12, 15),
        datetime.date(2015, 11, 12),
    ]:
        make_meldung(datum=day)
    response = client.get("/aktuelles/archiv/")
    html = response.content.decode()
    assert "(3 Meldungen)" in html  # 2016; the hidden items (also 2016) are not counted
    assert "(1 Meldung)" in html  # 2015
    assert [
        (y["jahr"], [(m["monat"], m["anzahl"]) for m in y["monate"]])
        for y in response.context["jahre"]
    ] == [(2016, [(12, 1), (11, 2)]), (2015, [(11, 1)])]
    assert "November 2016</a> (2)" in html


def test_archive_year_and_month_list_their_news(client, make_meldung):
    make_meldung(titel="Im November", datum=datetime.date(2016, 11, 21))
    make_meldung(titel="Im Dezember", datum=datetime.date(2016, 12, 15))
    year = client.get("/aktuelles/archiv/2016/").content.decode()
    month = client.get("/aktuelles/archiv/2016/11/").content.decode()
    assert "Im November" in year and "Im Dezember" in year
    assert "Im November" in month and "Im Dezember" not in month


@pytest.mark.parametrize(
    "url",
    [
        "/aktuelles/archiv/9999/",
        "/aktuelles/archiv/2016/13/",
        "/aktuelles/archiv/2016/0/",
        "/aktuelles/archiv/0/",
    ],
)
def test_archive_of_an_empty_or_impossible_period_is_a_friendly_404(client, make_meldung, url):
    make_meldung()
    response = client.get(url)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.parametrize(
    "page", ["abc", "99999", "-1", "0", "1.5", "'; DROP TABLE portal_meldung; --"]
)
def test_bad_page_numbers_never_fail(client, make_meldung, page):
    for _ in range(12):
        make_meldung()
    response = client.get("/aktuelles/", {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].object_list


def test_feed_is_atom_with_the_public_news(client, make_meldung):
    make_meldung(titel="Sinsheim ruft Theaterprojekt ins Leben")
    response = client.get("/aktuelles/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<title>Sinsheim ruft Theaterprojekt ins Leben</title>" in response.content.decode()


def test_list_rejects_post(client):
    assert client.post("/aktuelles/").status_code == 405


def test_editors_preview_a_draft_with_a_banner_and_no_shared_caching(client_for, make_meldung):
    meldung = make_meldung(titel="Jahresrückblick", status=Meldung.Status.ENTWURF)
    response = client_for("programme_staff").get(meldung.get_absolute_url())
    assert response.status_code == 200
    assert "Dieser Eintrag ist ein Entwurf und ist öffentlich nicht sichtbar." in " ".join(
        response.content.decode().split()
    )
    assert "no-store" in response["Cache-Control"]
    assert client_for("citizen").get(meldung.get_absolute_url()).status_code == 404


def test_public_news_has_no_preview_banner(client_for, make_meldung):
    meldung = make_meldung()
    html = client_for("programme_staff").get(meldung.get_absolute_url()).content.decode()
    assert "Vorschau für die Redaktion" not in html


def test_news_does_not_link_a_circular_that_is_not_public(client, make_meldung, make_rundschreiben):
    entwurf = make_rundschreiben(status=Meldung.Status.ENTWURF)
    meldung = make_meldung(rundschreiben=entwurf)
    for url in ("/aktuelles/", meldung.get_absolute_url()):
        assert entwurf.get_download_url() not in client.get(url).content.decode()
