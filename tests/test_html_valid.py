"""Every kind of public page is valid HTML, checked by the Nu Html Checker (vnu.jar)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db

VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR", settings.BASE_DIR / "var/node/node_modules/vnu-jar/build/dist/vnu.jar"
    )
)
PAGES = [
    "/",
    "/aktuelles/",
    "/aktuelles/archiv/",
    "/aktuelles/archiv/2016/",
    "/aktuelles/archiv/2016/11/",
    "/aktuelles/2017/wie-wollen-wir-kuenftig-zusammen-leben/",
    "/aktuelles/2016/newsletter-lpb-november-2016/",
    "/rundschreiben/",
    "/rundschreiben/2016/27970/",
    "/dokumente/",
    "/veranstaltungen/",
    "/veranstaltungen/2016/zweites-gesamttreffen-2016/",
    "/faq/",
    "/programm/",
    "/programm/qualifizierung/regionalkonferenzen/",
    "/impressum/",
    "/videos/kurzfilm-fluechtlingshilfe-kommunal/",
    "/suche/?q=B%C3%BCndnis",
    "/suche/?q=" + "x" * 300,
    "/gibt-es-nicht/",
]


def test_public_pages_are_valid_html(client, tmp_path, settings):
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: `make test` installs it (npm vnu-jar)"
    assert shutil.which("java"), "the Nu Html Checker needs Java (Debian: default-jre-headless)"
    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    files = []
    for number, url in enumerate(PAGES):
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(client.get(url).content)
        files.append(str(path))
    video = client.get("/videos/kurzfilm-fluechtlingshilfe-kommunal/").context["fassungen"][0]
    loaded = tmp_path / "video-loaded.html"
    loaded.write_bytes(
        client.get(f"/videos/kurzfilm-fluechtlingshilfe-kommunal/?laden={video.pk}").content
    )
    files.append(str(loaded))

    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    by_page = [
        f"{PAGES[int(Path(m['url']).stem.split('-')[1])] if 'page-' in m['url'] else m['url']}: "
        f"{m['message']} ({m.get('extract', '').strip()})"
        for m in messages
    ]
    assert by_page == []
