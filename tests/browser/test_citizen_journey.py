"""A citizen reads and searches, in real Chromium, with an axe-core check of every page."""

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
AXE_SOURCE = AXE.read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page: Page) -> None:
    # Evaluated through the DevTools protocol: the page's CSP rightly forbids injected scripts.
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    problems = [
        f"{v['id']}: {v['help']} → {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert problems == [], f"{page.url}\n" + "\n".join(problems)


@pytest.fixture
def portal(live_server, page: Page):
    """The demo portal, with every request that leaves the test server recorded and blocked."""
    call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    own_host = urlparse(live_server.url).netloc
    foreign: list[str] = []

    def guard(route):
        if urlparse(route.request.url).netloc == own_host or route.request.url.startswith("data:"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.set_default_timeout(5000)
    yield live_server.url
    assert foreign == [], f"requests to other hosts: {foreign}"


def test_citizen_reads_news_archive_and_finds_the_dialogue(portal, page: Page):
    page.goto(portal + "/")
    expect(page).to_have_title(re.compile("Startseite"))
    assert_accessible(page)

    page.get_by_role(
        "link", name=re.compile(r"^weiterlesen\W+Sinsheim ruft Theaterprojekt")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sinsheim ruft Theaterprojekt ins Leben"
    )
    assert_accessible(page)

    page.get_by_role("link", name="« Zurück zu Aktuelles").click()
    page.get_by_role("link", name="Archiv nach Monaten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Archiv")
    expect(
        page.get_by_text("(2 Meldungen)")
    ).to_be_visible()  # 2017: the draft of 25.01. is not counted
    assert_accessible(page)

    page.get_by_role("link", name="Januar 2017").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Archiv: Januar 2017")
    assert_accessible(page)

    page.get_by_label("Suche im Portal").fill("Flüchtlingsdialog")
    page.get_by_label("Suche im Portal").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Treffer für „Flüchtlingsdialog“")
    assert_accessible(page)
    page.get_by_role("link", name="Wie wollen wir künftig zusammen leben?").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wie wollen wir künftig zusammen leben?"
    )
    expect(page.get_by_text("19.01.2017")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/aktuelles/",
        "/rundschreiben/",
        "/rundschreiben/2016/27970/",
        "/veranstaltungen/",
        "/veranstaltungen/2016/zweites-gesamttreffen-2016/",
        "/faq/",
        "/programm/",
        "/programm/qualifizierung/regionalkonferenzen/",
        "/dokumente/",
        "/videos/kurzfilm-fluechtlingshilfe-kommunal/",
        "/barrierefreiheit/",
        "/suche/?q=B%C3%BCndnis",
        "/gibt-es-nicht/",
    ],
)
def test_every_public_page_passes_axe(portal, page: Page, path):
    page.goto(portal + path)
    assert_accessible(page)


def test_narrow_screen_has_no_horizontal_scrolling(portal, page: Page):
    page.set_viewport_size({"width": 320, "height": 800})
    for path in [
        "/",
        "/aktuelles/2017/wie-wollen-wir-kuenftig-zusammen-leben/",
        "/veranstaltungen/",
    ]:
        page.goto(portal + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path


def test_skip_link_moves_focus_to_the_content(portal, page: Page):
    page.goto(portal + "/aktuelles/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"
