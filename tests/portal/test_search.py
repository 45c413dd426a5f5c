import pytest
from django.db import connection

from portal import search
from portal.models import Meldung

pytestmark = pytest.mark.django_db


def test_stemming_finds_other_word_forms(client, make_meldung):
    make_meldung(
        titel="Wie wollen wir künftig zusammen leben?",
        teaser="Die Kommunalen Flüchtlingsdialoge können bis 30. Juni 2017 stattfinden.",
    )
    make_meldung(titel="Neue Bündnisse in Ludwigsburg", teaser="Zwei weitere Lokale Bündnisse.")
    dialog = client.get("/suche/", {"q": "Flüchtlingsdialog"}).context["page_obj"]
    buendnis = client.get("/suche/", {"q": "Bündnis"}).context["page_obj"]
    assert [hit.obj.titel for hit in dialog] == ["Wie wollen wir künftig zusammen leben?"]
    assert [hit.obj.titel for hit in buendnis] == ["Neue Bündnisse in Ludwigsburg"]


def test_results_are_ranked_and_highlighted(client, make_meldung):
    make_meldung(titel="Handbuch für Arbeitskreise", teaser="Für Ehrenamt und Hauptamt.")
    make_meldung(titel="Newsletter", teaser="Enthält auch ein Kapitel zum Handbuch.")
    response = client.get("/suche/", {"q": "Handbuch"})
    hits = list(response.context["page_obj"])
    assert [hit.obj.titel for hit in hits] == ["Handbuch für Arbeitskreise", "Newsletter"]
    assert "<mark>Handbuch</mark>" in response.content.decode()


def test_search_covers_circulars_pages_events_and_faq(
    client, make_rundschreiben, make_seite, make_veranstaltung, make_faq
):
    make_rundschreiben(betreff="Regionalkonferenzen im Überblick")
    make_seite(slug="regionalkonferenzen", titel="Regionalkonferenzen: Engagiert weiter!")
    make_veranstaltung(titel="Regionalkonferenz Stuttgart")
    make_faq(frage="Wie kommt eine Regionalkonferenz in unsere Region?")
    hits = client.get("/suche/", {"q": "Regionalkonferenz"}).context["page_obj"]
    assert {hit.source.label for hit in hits} == {
        "Rundschreiben",
        "Seiten",
        "Veranstaltungen",
        "Häufige Fragen",
    }


def test_excerpt_escapes_content_but_keeps_marks(make_meldung):
    make_meldung(
        titel="Sprachcafé",
        text="Das Sprachcafé <b>öffnet</b> &lt;script&gt;alert(1)&lt;/script&gt; wieder.",
    )
    [hit] = search.search("Sprachcafé")
    assert "<mark>Sprachcafé</mark>" in hit.excerpt
    assert "<script>" not in hit.excerpt
    assert "<b>" not in hit.excerpt


def test_drafts_are_not_found(make_meldung):
    make_meldung(titel="Zauberwort", status=Meldung.Status.ENTWURF)
    assert list(search.search("Zauberwort")) == []


@pytest.mark.parametrize(
    "query", ['"Flüchtlings', "' OR 1=1; --", "Bündnis & | ! <>", "(((", ":*", "\\", "der die das"]
)
def test_odd_queries_answer_normally(client, make_meldung, query):
    make_meldung()
    response = client.get("/suche/", {"q": query})
    assert response.status_code == 200


def test_overlong_query_gets_a_german_message_and_no_search(client, make_meldung):
    make_meldung()
    response = client.get("/suche/", {"q": "Flüchtling " * 500})
    assert response.status_code == 400
    assert "Bitte geben Sie höchstens 200 Zeichen ein." in response.content.decode()
    assert response.context["page_obj"] is None


def test_empty_query_shows_the_form(client):
    response = client.get("/suche/")
    assert response.status_code == 200
    assert "Suchbegriff" in response.content.decode()


def test_contains_fallback_used_on_sqlite_finds_and_highlights(make_meldung):
    make_meldung(titel="Theaterprojekt in Sinsheim", text="Premiere am 1. Oktober.")
    source = next(s for s in search._sources if s.label == "Aktuelles")
    [(pk, _)] = search._rank_contains(source, "theaterprojekt")
    row, excerpt = search._load_contains(source, "theaterprojekt", [pk])[pk]
    assert row.titel == "Theaterprojekt in Sinsheim"
    assert "Premiere am 1. Oktober." in excerpt
    assert search._rank_contains(source, "Oper") == []


def test_an_edited_item_is_found_by_its_new_words_at_once(make_meldung):
    meldung = make_meldung(titel="Sprachpatenschaften in Ulm")
    meldung.titel = "Lesepatenschaften in Ulm"
    meldung.save()
    assert [hit.obj for hit in search.search("Lesepatenschaft")] == [meldung]
    assert list(search.search("Sprachpatenschaft")) == []


def test_renaming_an_organisation_refreshes_its_people(make_person):
    person = make_person(funktion="Integrationsbeauftragte")
    person.organisation.name = "Zweckverband Morgenrot"
    person.organisation.save()
    hits = {hit.source.label: hit.obj for hit in search.search("Morgenrot")}
    assert hits == {"Ansprechpersonen": person, "Organisationen": person.organisation}


def test_rows_loaded_in_bulk_are_found_after_reindex(make_meldung):
    template = make_meldung(titel="Vorlage")
    Meldung.objects.bulk_create(
        [
            Meldung(
                titel=f"Wohnraumbörse {n}",
                slug=f"wohnraumboerse-{n}",
                datum=template.datum,
                status=template.status,
                veroeffentlichen_ab=template.veroeffentlichen_ab,
            )
            for n in range(3)
        ]
    )
    assert list(search.search("Wohnraumbörse")) == []  # bulk_create sends no signals
    assert search.reindex()["Aktuelles"] == 4
    assert len(search.search("Wohnraumbörse")) == 3


def test_the_query_uses_the_stored_vector_and_its_gin_index(make_meldung):
    make_meldung(titel="Ehrenamtsbörse")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM portal_meldung "
            "WHERE suchvektor @@ websearch_to_tsquery('german', 'Ehrenamtsbörse')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "meldung_suche_idx" in plan


def test_each_results_page_shows_its_own_hits_with_excerpts(client, make_meldung):
    for n in range(25):
        make_meldung(titel=f"Patenschaft {n}", teaser=f"Eine Patenschaft in Ort {n}.")
    first = client.get("/suche/", {"q": "Patenschaft"}).context["page_obj"]
    second = client.get("/suche/", {"q": "Patenschaft", "page": 2}).context["page_obj"]
    assert first.paginator.count == 25
    assert len(first) == 20
    assert len(second) == 5
    shown = [hit.obj.titel for hit in [*first, *second]]
    assert sorted(shown) == sorted(f"Patenschaft {n}" for n in range(25))
    assert all("<mark>Patenschaft</mark>" in hit.excerpt for hit in second)


def test_a_save_of_other_fields_does_not_recompute_the_vector(
    make_meldung, django_assert_num_queries
):
    meldung = make_meldung(titel="Sprachcafé")
    meldung.status = Meldung.Status.ENTWURF
    with django_assert_num_queries(1):  # the UPDATE of the row, no vector refresh
        meldung.save(update_fields=["status"])
    meldung.titel = "Lesecafé"
    meldung.save(update_fields=["titel"])
    meldung.status = Meldung.Status.VEROEFFENTLICHT
    meldung.save(update_fields=["status"])
    assert [hit.obj for hit in search.search("Lesecafé")] == [meldung]
