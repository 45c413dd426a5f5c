"""A citizen reads and searches, in real Chromium, with an axe-core check of every page."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_reads_news_archive_and_finds_the_dialogue(portal, page: Page, assert_accessible):
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
        "/foerderung/",
        "/foerderung/kommunaler-fluechtlingsdialog/",
        "/foerderung/kommunaler-fluechtlingsdialog/2016-2-frist/",
    ],
)
def test_every_public_page_passes_axe(portal, page: Page, assert_accessible, path):
    page.goto(portal + path)
    assert_accessible(page)


def test_narrow_screen_has_no_horizontal_scrolling(portal, page: Page, assert_accessible):
    page.set_viewport_size({"width": 320, "height": 800})
    for path in [
        "/",
        "/aktuelles/2017/wie-wollen-wir-kuenftig-zusammen-leben/",
        "/veranstaltungen/",
    ]:
        page.goto(portal + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path


def test_skip_link_moves_focus_to_the_content(portal, page: Page, assert_accessible):
    page.goto(portal + "/aktuelles/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"
