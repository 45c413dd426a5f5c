"""The page cache for anonymous visitors: fast, and never showing yesterday's content."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kontakte.models import Nachricht
from portal import pagecache
from portal.models import Meldung

pytestmark = pytest.mark.django_db


def test_second_anonymous_visit_is_served_without_the_database(
    client, make_meldung, django_assert_num_queries
):
    make_meldung(titel="Sprachcafé eröffnet")
    first = client.get("/aktuelles/")
    with django_assert_num_queries(0):
        second = client.get("/aktuelles/")
    assert second.status_code == 200
    assert second.content == first.content
    assert "Sprachcafé eröffnet" in second.content.decode()


def test_an_edit_is_visible_with_the_next_request(client, make_meldung):
    meldung = make_meldung(titel="Sprachcafé eröffnet")
    client.get("/aktuelles/")
    meldung.titel = "Sprachcafé zieht um"
    meldung.save()
    page = client.get("/aktuelles/").content.decode()
    assert "Sprachcafé zieht um" in page
    assert "Sprachcafé eröffnet" not in page


def test_publishing_many_at_once_in_the_admin_is_visible_at_once(client, make_meldung):
    make_meldung(titel="Noch Entwurf", status=Meldung.Status.ENTWURF)
    assert "Noch Entwurf" not in client.get("/").content.decode()
    Meldung.objects.all().status_setzen(Meldung.Status.VEROEFFENTLICHT)
    assert "Noch Entwurf" in client.get("/").content.decode()


def test_deleting_an_item_removes_it_at_once(client, make_meldung):
    meldung = make_meldung(titel="Wird gelöscht")
    client.get("/aktuelles/")
    meldung.delete()
    assert "Wird gelöscht" not in client.get("/aktuelles/").content.decode()


def test_private_records_leave_the_cache_alone(
    client, make_meldung, make_organisation, django_assert_num_queries
):
    make_meldung()
    organisation = make_organisation()
    client.get("/aktuelles/")
    Nachricht.objects.create(
        organisation=organisation,
        absender_name="Erika Muster",
        absender_email="erika@beispiel.example",
        betreff="Frage",
        text="Wann ist das nächste Treffen?",
        datenschutz_bestaetigt_am=timezone.now(),
    )
    with django_assert_num_queries(0):
        client.get("/aktuelles/")


def test_conditional_get_answers_304_until_the_content_changes(client, make_meldung):
    meldung = make_meldung()
    first = client.get("/aktuelles/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]
    assert client.get("/aktuelles/", headers={"if-none-match": etag}).status_code == 304
    assert (
        client.get("/aktuelles/", headers={"if-modified-since": last_modified}).status_code == 304
    )
    meldung.titel = "Neu"
    meldung.save()
    changed = client.get("/aktuelles/", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_signed_in_users_get_their_own_page(client, make_meldung, citizen):
    make_meldung()
    client.get("/")
    client.force_login(citizen)
    page = client.get("/")
    assert "Mein Konto" in page.content.decode()
    assert not page.has_header("ETag")


def test_a_page_with_a_form_token_is_not_cached():
    request = RequestFactory().get("/")
    get_token(request)
    assert not pagecache._cacheable_response(request, pagecache.HttpResponse("<form>"))


def test_switched_off_it_renders_every_time(client, settings, make_meldung):
    settings.PAGE_CACHE_SECONDS = 0
    make_meldung()
    client.get("/aktuelles/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/aktuelles/")
    assert len(queries) > 0


def test_a_lost_generation_starts_a_new_one(client, make_meldung):
    meldung = make_meldung(titel="Vorher")
    client.get("/aktuelles/")
    Meldung.objects.filter(pk=meldung.pk).update(titel="Nachher")  # no signal
    cache.delete(pagecache.GENERATION_KEY)  # e.g. the cache server restarted
    assert "Nachher" in client.get("/aktuelles/").content.decode()


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    cache.clear()
    yield
    cache.clear()


def test_with_the_shared_redis_cache_a_change_is_visible_at_once(
    client, redis_cache, make_meldung, django_assert_num_queries
):
    meldung = make_meldung(titel="Redis vorher")
    client.get("/aktuelles/")
    with django_assert_num_queries(0):
        assert "Redis vorher" in client.get("/aktuelles/").content.decode()
    meldung.titel = "Redis nachher"
    meldung.save()
    assert "Redis nachher" in client.get("/aktuelles/").content.decode()


def test_without_the_cache_server_pages_still_render(client, settings, make_meldung):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    meldung = make_meldung(titel="Trotzdem sichtbar")
    meldung.save()
    assert "Trotzdem sichtbar" in client.get("/aktuelles/").content.decode()
