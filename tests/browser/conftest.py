"""The browser journeys' shared parts: the demo portal on a live server with a guard against
requests to other hosts, and the axe-core check."""

from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from playwright.sync_api import Page

AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
AXE_SOURCE = AXE.read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _check_accessible(page: Page) -> None:
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
def assert_accessible():
    """assert_accessible(page): axe-core finds no WCAG 2.1 A/AA violation on the page."""
    return _check_accessible


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
