"""The training matrix and the registrations to renew through the JSON API: the same people get
in, the same filters, the same cells, the same access log."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from coopcare.api.services import create_token
from coopcare.audit.models import AuditEvent
from coopcare.learning.models import Registration
from tests.api.conftest import bearer
from tests.learning.conftest import days_ago, learned


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def as_token(person):
    _token, raw = create_token(person, "test script", 30)
    return bearer(raw)


def matrix(circle) -> str:
    return f"/api/learning/circles/{circle.pk}/matrix"


def registrations(circle) -> str:
    return f"/api/learning/circles/{circle.pk}/registrations"


def test_the_coach_reads_the_matrix(leeds_circle, team, coach, worker):
    learned(worker, "fire-safety", days_ago(400))
    response = as_token(coach).get(matrix(leeds_circle))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["circle"]["slug"] == "leeds"
    assert body["filters"]["group"] == "Every year"
    slugs = [t["slug"] for t in body["topics"]]
    assert "fire-safety" in slugs and "first-aid" not in slugs
    people = {row["person"]["name"]: row for row in body["people"]}
    wren = people["Wren Walker"]
    assert wren["teams"] == [team.name]
    fire = wren["cells"][slugs.index("fire-safety")]
    assert fire["status"] == "expired" and fire["label"] == "Expired"
    assert fire["completed_on"] == days_ago(400).isoformat()
    assert body["summary"]["with_gaps"] == 1
    assert body["count"] == len(body["people"]) and body["per_page"] == 50
    events = AuditEvent.objects.filter(action="learning.matrix_viewed")
    assert {e.subject_id for e in events} == {row["person"]["id"] for row in body["people"]}
    for event in events:
        assert event.actor == coach and event.kind == "read"
        assert event.route == f"GET /api/learning/circles/{leeds_circle.pk}/matrix"
        assert event.detail["sections"] == ["learning"]
        assert event.detail["circle"] == leeds_circle.pk


def test_the_filters_work_as_on_the_page(leeds_circle, team, coach, learning_lead, worker):
    client = as_token(learning_lead)
    names = {
        row["person"]["name"]
        for row in client.get(matrix(leeds_circle), {"status": "gaps"}).json()["people"]
    }
    assert names == {"Wren Walker"}
    body = client.get(matrix(leeds_circle), {"group": "all", "q": "cora"}).json()
    assert [row["person"]["name"] for row in body["people"]] == ["Cora Coach"]
    assert len(body["topics"]) > 50
    body = client.get(matrix(leeds_circle), {"team": team.pk, "kind": "independent_worker"})
    assert [row["person"]["name"] for row in body.json()["people"]] == ["Wren Walker"]


def test_a_filter_the_circle_does_not_have_is_a_400(leeds_circle, team, coach):
    client = as_token(coach)
    for query, field in (
        ({"team": 99999}, "team"),
        ({"group": "Nonsense"}, "group"),
        ({"hat": "wizard"}, "hat"),
        ({"kind": "owner"}, "kind"),
        ({"status": "everything"}, "status"),
    ):
        response = client.get(matrix(leeds_circle), query)
        assert response.status_code == 400, query
        assert response.json()["field"] == field
    assert not AuditEvent.objects.filter(action="learning.matrix_viewed").exists()


def test_a_malformed_query_is_a_422(leeds_circle, coach):
    client = as_token(coach)
    assert client.get(matrix(leeds_circle), {"page": 0}).status_code == 422
    assert client.get(matrix(leeds_circle), {"team": "leeds"}).status_code == 422
    response = client.get(matrix(leeds_circle), {"q": "x" * 101})
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


@pytest.mark.parametrize("path", [matrix, registrations])
def test_who_is_refused(path, leeds_circle, coach, worker, alice, other_coach, applicant, admin):
    url = path(leeds_circle)
    assert bearer("cc_not-a-token").get(url).status_code == 401
    from django.test import Client

    assert Client().get(url).status_code == 401
    for person in (worker, alice, other_coach):
        response = as_token(person).get(url)
        assert response.status_code == 403, person
        assert response.json()["detail"]
    for person in (applicant, admin):
        assert as_token(person).get(url).status_code == 404, person
    assert as_token(coach).get(path(type("C", (), {"pk": 99999}))).status_code == 404


def test_registrations_to_renew(leeds_circle, coach, worker, outsider):
    today = timezone.localdate()
    for person, number, days in (
        (worker, "LATE", -1),
        (worker, "SOON", 20),
        (worker, "FINE", 200),
        (outsider, "ELSEWHERE", -5),
    ):
        Registration.objects.create(
            person=person,
            body="swe",
            number=number,
            expires_on=today + datetime.timedelta(days=days),
            recorded_by=coach,
        )
    response = as_token(coach).get(registrations(leeds_circle))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [(r["number"], r["expired"]) for r in body["items"]] == [("LATE", True), ("SOON", False)]
    assert body["items"][0]["person"] == {"id": worker.pk, "name": "Wren Walker"}
    assert body["items"][0]["body_name"] == "Social Work England"
    # One read for Wren, whose two registrations are listed; none for the outsider's.
    event = AuditEvent.objects.get(action="learning.registrations_viewed")
    assert event.actor == coach and event.subject == worker and event.kind == "read"
    assert event.detail == {
        "sections": ["learning"],
        "circle": leeds_circle.pk,
        "page": 1,
        "registrations": 2,
    }
