"""Real Chromium through Playwright, against Django's live server.

Debian's /usr/bin/chromium is used (no browser download); `make test` installs it when missing.
Every browser test is marked ``browser`` and runs after the fast suite.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def axe_violations(page) -> list[dict]:
    """Run axe-core (pinned, vendored from npm) on the current page; WCAG 2.2 A/AA rules only."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
            .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                   nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))""",
        WCAG_TAGS,
    )


@pytest.fixture
def assert_accessible():
    """Call with a page: fails listing each WCAG violation axe finds."""

    def check(page) -> None:
        violations = axe_violations(page)
        assert violations == [], f"{page.url}: {violations}"

    return check


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe is injected as an inline script, which the site's CSP rightly forbids; the test
    # browser alone bypasses CSP for that. Everything the site itself serves still obeys it.
    return {**browser_context_args, "bypass_csp": True, "locale": "en-GB"}
