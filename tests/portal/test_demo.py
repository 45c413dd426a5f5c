import pytest
from django.core.management import CommandError, call_command

from portal.models import Meldung, Rundschreiben, Seite, Thementisch, Veranstaltung

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (Meldung, Rundschreiben, Seite, Veranstaltung, Thementisch)]


def test_seed_demo_shows_the_seed_page_and_can_run_twice(client, capsys):
    call_command("seed_demo", force=True)
    first = _counts()
    call_command("seed_demo", force=True)
    assert _counts() == first
    assert "redaktion" in capsys.readouterr().out

    home = client.get("/").content.decode()
    assert "Wie wollen wir künftig zusammen leben?" in home
    assert "19.01.2017" in home
    listing = client.get("/rundschreiben/").content.decode()
    assert "Rundschreiben R 27970/2016 <span" in listing and "vom 15.12.2016" in listing
    treffen = client.get("/veranstaltungen/2016/zweites-gesamttreffen-2016/").content.decode()
    assert "Sprecherrat Geflüchtete" in treffen and "Kleinbudget" in treffen
    assert client.get("/aktuelles/archiv/2015/").status_code == 200
    assert client.login(username="redaktion", password="demo-redaktion")
    assert client.get("/admin/portal/meldung/").status_code == 200


def test_seed_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="DJANGO_DEBUG=true"):
        call_command("seed_demo")
