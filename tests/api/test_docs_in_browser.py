"""The API reference page works in a real browser under the site's CSP, which is not bypassed
here (the page tests bypass it only to inject axe)."""

import pytest

pytestmark = pytest.mark.browser


def test_it_renders_the_swagger_docs_without_breaking_the_csp(
    allow_orm_beside_playwright, live_server, browser
):
    problems: list[str] = []
    context = browser.new_context(bypass_csp=False)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
    title = page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-summary-path", timeout=15000)
    paths = [
        p.replace("\u200b", "") for p in page.locator(".opblock-summary-path").all_inner_texts()
    ]
    context.close()
    assert "coopcare API" in title
    assert "/api/people/{person_id}" in paths
    # A CSP violation shows up as a console error, so an empty list means none happened.
    assert problems == []
