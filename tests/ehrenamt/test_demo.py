import io

import pytest
from django.core.management import call_command

from ehrenamt.models import Angebotsart, Arbeitskreis, Sachspendenstelle

pytestmark = pytest.mark.django_db


def test_demo_has_working_groups_in_three_areas_and_runs_twice():
    call_command("seed_demo", force=True, stdout=io.StringIO())
    zahlen = (Angebotsart.objects.count(), Arbeitskreis.objects.count())
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert (Angebotsart.objects.count(), Arbeitskreis.objects.count()) == zahlen
    assert zahlen[0] == 12
    assert set(Arbeitskreis.objects.values_list("kreis__slug", flat=True)) == {
        "landkreis-ludwigsburg",
        "stadtkreis-heilbronn",
        "stadtkreis-freiburg-im-breisgau",
    }
    assert all("(Beispiel)" in a.name for a in Arbeitskreis.objects.all())
    assert Sachspendenstelle.objects.count() == 3
