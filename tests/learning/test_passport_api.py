"""The passport and the measures through the API: the same rules as the pages, with the
documented refusals (401, 403, 404, 400, 422) as JSON."""

import json

import pytest
from django.core.cache import cache
from django.test import Client

from coopcare.api.services import create_token
from coopcare.learning.models import PassportLink
from coopcare.learning.services.passport import create_link
from tests.learning.conftest import days_ago, learned

BASE = "/api/learning"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()  # rate limits are kept per account id, and ids are reused between tests
    yield
    cache.clear()


def as_token(person) -> Client:
    _token, raw = create_token(person, "test script", 30)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_it_gives_my_passport(worker):
    learned(worker, "fire-safety", days_ago(10))
    response = as_token(worker).get(f"{BASE}/passport")
    assert response.status_code == 200
    body = response.json()
    assert body["schema"] == "coopcare.learning-passport/1"
    assert body["person"] == {"name": "Wren Walker"}
    assert [i["topic"] for i in body["learning"]] == ["fire-safety"]
    assert response["Cache-Control"] == "no-store"


def test_it_refuses_callers_who_are_not_signed_in():
    client = Client()
    assert client.get(f"{BASE}/passport").status_code == 401
    assert client.get(f"{BASE}/passport/links").status_code == 401
    assert _post(client, f"{BASE}/passport/links", {"days": 5}).status_code == 401
    assert client.get(f"{BASE}/circles/1/measures").status_code == 401


def test_it_makes_lists_and_revokes_my_links(worker):
    client = as_token(worker)
    response = _post(client, f"{BASE}/passport/links", {"label": "Agency", "days": 7})
    assert response.status_code == 200
    made = response.json()
    assert made["label"] == "Agency" and made["live"] and made["views"] == 0
    raw = made["url"].rstrip("/").rsplit("/", 1)[1]
    assert made["api_url"].endswith(f"/api/learning/passport/shared/{raw}")
    listed = client.get(f"{BASE}/passport/links").json()
    assert listed["count"] == 1 and "url" not in listed["items"][0]
    shared = Client().get(f"{BASE}/passport/shared/{raw}")
    assert shared.status_code == 200 and shared.json()["person"]["name"] == "Wren Walker"
    assert shared.json()["shared_until"] is not None
    response = client.post(f"{BASE}/passport/links/{made['id']}/revoke")
    assert response.status_code == 200 and response.json()["live"] is False
    again = client.post(f"{BASE}/passport/links/{made['id']}/revoke")
    assert again.status_code == 400 and "already revoked" in again.json()["detail"]
    gone = Client().get(f"{BASE}/passport/shared/{raw}")
    assert gone.status_code == 404 and "expired or been revoked" in gone.json()["detail"]


def test_it_refuses_a_link_with_a_bad_lifetime_or_shape(worker):
    client = as_token(worker)
    response = _post(client, f"{BASE}/passport/links", {"days": 91})
    assert response.status_code == 400 and response.json()["field"] == "days"
    for label in ("x" * 121, "two\nlines", "nul\x00"):
        response = _post(client, f"{BASE}/passport/links", {"label": label})
        assert response.status_code == 400 and response.json()["field"] == "label"
    assert _post(client, f"{BASE}/passport/links", {"days": "soon"}).status_code == 422
    assert client.get(f"{BASE}/passport/links", {"page": 0}).status_code == 422
    assert not PassportLink.objects.exists()


def test_another_persons_link_does_not_exist(worker, coach, family):
    link, _raw = create_link(worker, worker)
    for person in (coach, family):
        assert as_token(person).post(f"{BASE}/passport/links/{link.pk}/revoke").status_code == 404
        assert as_token(person).get(f"{BASE}/passport/links").json()["count"] == 0
    link.refresh_from_db()
    assert link.revoked_at is None


def test_an_unknown_shared_passport_is_not_found(db):
    response = Client().get(f"{BASE}/passport/shared/not-a-token")
    assert response.status_code == 404 and "expired or been revoked" in response.json()["detail"]
    assert response["Cache-Control"] == "no-store"


def test_the_shared_passport_needs_no_sign_in_but_is_rate_limited(worker):
    _link, raw = create_link(worker, worker)
    client = Client()
    statuses = [client.get(f"{BASE}/passport/shared/{raw}").status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429


def test_the_measures_answer_the_coach_and_refuse_others(
    leeds_circle, team, worker, coach, other_coach, outsider, applicant
):
    learned(worker, "fire-safety", days_ago(10))
    url = f"{BASE}/circles/{leeds_circle.pk}/measures"
    response = as_token(coach).get(url, {"start": "2024-01-01", "end": "2024-12-31"})
    assert response.status_code == 200
    body = response.json()
    assert body["circle_id"] == leeds_circle.pk
    assert body["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    assert [row["key"] for row in body["teachers"]["rows"]][:2] == ["supported", "worker"]
    assert body["compliance"]["with_requirements"] >= 1
    assert {s["status"] for s in body["compliance"]["statuses"]} == {
        "valid",
        "due",
        "expired",
        "missing",
    }
    for person in (worker, other_coach, outsider):
        assert as_token(person).get(url).status_code == 403
    assert as_token(applicant).get(url).status_code == 404
    assert as_token(coach).get(f"{BASE}/circles/{team.circle.pk}/measures").status_code == 404
    bad = as_token(coach).get(url, {"start": "2024-02-01", "end": "2024-01-01"})
    assert bad.status_code == 400 and bad.json()["field"] == "start"
    assert as_token(coach).get(f"{BASE}/circles/x/measures").status_code == 404
