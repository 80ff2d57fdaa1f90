"""Qualification and registration pages and API endpoints."""

import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from coopcare.api.services import create_token
from coopcare.learning.models import Qualification, Registration
from tests.conftest import client_for
from tests.learning.conftest import days_ago


@pytest.fixture
def api():
    cache.clear()

    def make(person) -> Client:
        _token, raw = create_token(person, "test script", 30)
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    yield make
    cache.clear()


def _post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def _registration(person, **kwargs):
    kwargs.setdefault("body", "hcpc")
    kwargs.setdefault("number", "SW12345")
    kwargs.setdefault("expires_on", days_ago(-300))
    return Registration.objects.create(person=person, recorded_by=person, **kwargs)


# --- Pages --------------------------------------------------------------------------------------


def test_a_worker_adds_a_qualification(worker):
    client = client_for(worker)
    url = reverse("learning:qualification_new", args=[worker.pk])
    page = client.get(url).content.decode()
    assert '<label for="id_title">Qualification</label>' in page
    response = client.post(
        url,
        {
            "title": "Diploma in Adult Care",
            "accredited": "on",
            "level": "Level 3",
            "awarding_body": "City & Guilds",
            "achieved_on": days_ago(100).isoformat(),
        },
    )
    assert response["Location"] == reverse("learning:home")
    assert Qualification.objects.get(person=worker).accredited
    page = client.get(response["Location"]).content.decode()
    assert "The qualification is added." in page and "City &amp; Guilds" in page


def test_an_accredited_qualification_needs_its_awarding_body(worker):
    response = client_for(worker).post(
        reverse("learning:qualification_new", args=[worker.pk]),
        {"title": "NVQ", "accredited": "on", "achieved_on": days_ago(100).isoformat()},
    )
    page = response.content.decode()
    assert "Name the awarding body" in page and 'id="id_awarding_body_error"' in page


def test_the_coach_adds_a_registration_for_a_worker_and_lands_on_their_page(worker, coach):
    client = client_for(coach)
    response = client.post(
        reverse("learning:registration_new", args=[worker.pk]),
        {"body": "nmc", "number": "12A3456E", "expires_on": days_ago(5).isoformat()},
    )
    assert response["Location"] == reverse("learning:person", args=[worker.pk])
    assert Registration.objects.get(person=worker).recorded_by == coach
    page = client.get(response["Location"]).content.decode()
    assert "It has expired" in page and "status status-expired" in page


def test_the_coach_checks_a_registration(worker, coach):
    found = _registration(worker)
    url = reverse("learning:registration_check", args=[found.pk])
    client = client_for(coach)
    page = client.get(url).content.decode()
    assert "Health and Care Professions Council" in page and "SW12345" in page
    assert f'value="{days_ago(0).isoformat()}"' in page
    future = client.post(url, {"checked_on": days_ago(-2).isoformat()})
    assert "cannot be in the future" in future.content.decode()
    response = client.post(url, {"checked_on": days_ago(1).isoformat()})
    assert response["Location"] == reverse("learning:person", args=[worker.pk])
    found.refresh_from_db()
    assert found.checked_on == days_ago(1) and found.checked_by == coach


def test_withdrawing_asks_first_then_keeps_it(worker):
    found = _registration(worker)
    qualification = Qualification.objects.create(
        person=worker, title="BTEC", achieved_on=days_ago(900), recorded_by=worker
    )
    client = client_for(worker)
    for url, model_obj in (
        (reverse("learning:registration_withdraw", args=[found.pk]), found),
        (reverse("learning:qualification_withdraw", args=[qualification.pk]), qualification),
    ):
        page = client.get(url).content.decode()
        assert "This cannot be undone" in page and "Keep it" in page
        assert client.post(url)["Location"] == reverse("learning:home")
        model_obj.refresh_from_db()
        assert model_obj.withdrawn_at is not None
    page = client.get(reverse("learning:home")).content.decode()
    assert "SW12345" not in page and "BTEC" not in page


# --- API ----------------------------------------------------------------------------------------


def test_the_api_adds_a_qualification_and_explains_mistakes(worker, other_coach, api):
    url = f"/api/learning/people/{worker.pk}/qualifications"
    body = {"title": "Diploma", "achieved_on": days_ago(10).isoformat(), "level": "Level 2"}
    created = _post(api(worker), url, body)
    assert created.status_code == 200 and created.json()["level"] == "Level 2"
    future = _post(api(worker), url, {**body, "achieved_on": days_ago(-1).isoformat()})
    assert future.status_code == 400 and future.json()["field"] == "achieved_on"
    assert _post(api(worker), url, {"title": "No date"}).status_code == 422
    assert _post(api(other_coach), url, body).status_code == 404
    gone = _post(api(worker), f"/api/learning/qualifications/{created.json()['id']}/withdraw")
    assert gone.status_code == 200 and gone.json()["withdrawn_at"]


def test_the_api_adds_checks_and_withdraws_a_registration(worker, coach, alice, api):
    from coopcare.members.models import PrivacyChoice

    url = f"/api/learning/people/{worker.pk}/registrations"
    body = {"body": "nmc", "number": "12A3456E", "expires_on": days_ago(-30).isoformat()}
    created = _post(api(worker), url, body).json()
    assert created["status"] == "due" and created["body_label"] == "Nursing and Midwifery Council"
    assert _post(api(worker), url, {**body, "number": ""}).json()["field"] == "number"
    check = f"/api/learning/registrations/{created['id']}/check"
    assert _post(api(worker), check).status_code == 403
    assert _post(api(alice), check).status_code == 404
    PrivacyChoice.objects.create(person=worker, section="learning", audience="members")
    assert _post(api(alice), check).status_code == 403
    checked = _post(api(coach), check, {"checked_on": days_ago(2).isoformat()})
    assert checked.status_code == 200 and checked.json()["checked_on"] == days_ago(2).isoformat()
    assert _post(api(coach), check, {"checked_on": "yesterday"}).status_code == 422
    gone = _post(api(coach), f"/api/learning/registrations/{created['id']}/withdraw")
    assert gone.status_code == 200 and gone.json()["withdrawn_at"]
    person = api(coach).get(f"/api/learning/people/{worker.pk}").json()
    assert person["registrations"] == []
