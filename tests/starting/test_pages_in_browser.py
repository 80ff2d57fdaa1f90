"""Starting-a-team pages in a real browser on a 360-px phone: accessible (axe, WCAG 2.2 AA),
nothing wider than the screen, and the public enquiry form works end to end."""

import pytest
from django.conf import settings

from coopcare.starting import spam
from coopcare.starting.models import Enquiry, TeamDocument
from coopcare.starting.services.call_outs import publish_call_out
from coopcare.starting.services.documents import save_document_version
from coopcare.starting.services.stepping_back import add_external_contact
from tests.browser.conftest import axe_violations
from tests.conftest import client_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page) -> None:
    assert axe_violations(page) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def _phone(browser, live_server, person=None):
    context = browser.new_context(
        bypass_csp=True, locale="en-GB", viewport={"width": 360, "height": 740}
    )
    if person is not None:
        session = client_for(person).cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
    return context


def test_it_takes_an_enquiry_from_someone_without_an_account(live_server, browser, monkeypatch):
    monkeypatch.setattr(spam, "MIN_SECONDS", 0)
    context = _phone(browser, live_server)
    page = context.new_page()
    page.goto(f"{live_server.url}/start/enquiry/")
    _check(page)
    page.get_by_label("Someone I care for").check()
    page.get_by_label("Your name").fill("Priya Patel")
    page.get_by_label("Name of the person who would get support").fill("Mo Patel")
    page.get_by_label("Email address").fill("priya@example.org")
    page.get_by_label("Companionship").check()
    page.get_by_label("Needs, preferences and anything we should know").fill("Company.")
    page.get_by_label("Postcode where support would happen").fill("LS6 1AA")
    page.get_by_label("Not sure yet").check()
    page.get_by_role("button", name="Send my enquiry").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you: we have your enquiry"
    _check(page)
    assert Enquiry.objects.get().person_name == "Mo Patel"
    context.close()


def test_it_shows_errors_accessibly(live_server, browser):
    context = _phone(browser, live_server)
    page = context.new_page()
    page.goto(f"{live_server.url}/start/enquiry/")
    page.get_by_role("button", name="Send my enquiry").click()
    page.wait_for_load_state()
    assert "There is a problem" in page.content()
    _check(page)
    context.close()


def test_the_team_starters_pages_are_accessible(
    live_server, browser, team_starter, case, enquiry, owner, alice
):
    essentials = {
        "about_yourself": "A nurse for forty years.",
        "date_of_birth": "1946-04-12",
        "conditions": "Arthritis.",
        "medication": "Yes.",
        "documents": "None.",
    }
    kind = TeamDocument.Kind.SUPPORTIVE_CONVERSATION
    save_document_version(team_starter, case.team, kind, essentials)
    call_out = publish_call_out(
        team_starter,
        case,
        texts=dict.fromkeys(("key_needs", "where_and_when", "qualities", "relationship"), "x"),
        shared_fields=["qualities"],
        audience="circle",
        consent_confirmed=True,
    )
    add_external_contact(
        team_starter, case, {"name": "Sam Social", "role": "Social worker", "how_to_reach": "Phone"}
    )
    team = case.team.pk
    context = _phone(browser, live_server, team_starter)
    page = context.new_page()
    for path in (
        "/start/enquiries/",
        f"/start/enquiries/{enquiry.pk}/",
        "/start/enquiries/new/",
        "/start/cases/",
        f"/start/cases/{case.pk}/",
        f"/start/cases/{case.pk}/relationship/",
        f"/start/cases/{case.pk}/visits/new/",
        f"/start/cases/{case.pk}/call-outs/new/",
        f"/start/cases/{case.pk}/readiness/",
        f"/start/call-outs/{call_out.pk}/",
        f"/start/teams/{team}/promise/",
        f"/start/teams/{team}/supportive-conversation/",
        f"/start/teams/{team}/supportive-conversation/edit/",
        f"/start/teams/{team}/supportive-conversation/versions/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        _check(page)
    context.close()

    context = _phone(browser, live_server, owner)
    page = context.new_page()
    for path in (
        f"/start/teams/{team}/supportive-conversation/audience/",
        f"/start/teams/{team}/trust-assessment/edit/",
        "/start/call-outs/",
    ):
        assert page.goto(live_server.url + path).status == 200, path
        _check(page)
    context.close()
