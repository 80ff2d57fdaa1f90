"""The teams API: the same services and the same refusals as the pages."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coopcare.teams.models import Invitation, Leave, TeamMember, Trial
from coopcare.teams.services.trials import mark_trial_sessions_done

BASE = "/api/teams"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The API's rate limits live in the cache, keyed by account id; ids are reused between tests.
    cache.clear()
    yield
    cache.clear()


def post(client, url: str, body: dict | None = None):
    return client.post(url, body or {}, content_type="application/json")


def test_it_needs_credentials(client, team):
    assert client.get(BASE).status_code == 401


def test_it_lists_my_teams(as_person, worker, team):
    body = as_person(worker).get(BASE).json()
    assert body["count"] == 1
    [item] = body["items"]
    assert (item["id"], item["name"], item["owner"]["name"]) == (
        team.pk,
        "Team Olive Oyelaran",
        "Olive Oyelaran",
    )
    assert item["my_role"] == "You take part as: Independent worker (member)."


def test_the_team_detail_is_404_to_outsiders_and_shows_members_to_the_team(
    as_person, team, worker, family, outsider, representative
):
    assert as_person(outsider).get(f"{BASE}/{team.pk}").status_code == 404
    body = as_person(worker).get(f"{BASE}/{team.pk}").json()
    kinds = {m["person"]["name"]: m["kind"] for m in body["members"]}
    assert kinds == {
        "Olive Oyelaran": "owner",
        "Wren Walker": "independent_worker",
        "Fay Oyelaran": "family_friend",
    }
    assert "rota-holder" in body["unheld_essential_hats"]
    assert body["representatives"][0]["role"] == "representative"
    assert body["pending"] == []


def test_the_detail_query_count_does_not_grow(as_person, team, owner):
    from tests.factories import UserFactory

    client = as_person(owner)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{BASE}/{team.pk}").status_code == 200
        return len(ctx)

    TeamMember.objects.create(team=team, person=UserFactory(), kind="volunteer")
    client.get(f"{BASE}/{team.pk}")
    small = count()
    for _ in range(10):
        TeamMember.objects.create(team=team, person=UserFactory(), kind="volunteer")
    assert count() == small


def test_invite_then_accept(as_person, team, owner, outsider):
    response = post(
        as_person(owner),
        f"{BASE}/{team.pk}/invitations",
        {"email": outsider.email, "kind": "volunteer", "trial_sessions": 1},
    )
    assert response.status_code == 200, response.content
    invitation_id = response.json()["id"]
    assert response.json()["started_by"] == "Olive Oyelaran"
    assert post(as_person(owner), f"{BASE}/invitations/{invitation_id}/accept").status_code == 403
    accepted = post(as_person(outsider), f"{BASE}/invitations/{invitation_id}/accept")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "trial"
    assert accepted.json()["trial_id"] == Trial.objects.get().pk


def test_a_worker_cannot_invite(as_person, team, worker):
    response = post(
        as_person(worker),
        f"{BASE}/{team.pk}/invitations",
        {"email": "x@example.org", "kind": "volunteer"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_a_rule_refusal_is_a_400_with_the_field(as_person, team, owner):
    response = post(
        as_person(owner), f"{BASE}/{team.pk}/invitations", {"email": "nope", "kind": "volunteer"}
    )
    assert response.status_code == 400
    assert response.json()["field"] == "email"


def test_request_then_decline_with_a_reason(as_person, team, owner, bob):
    outsider = bob  # in the team's local circle, not in the team
    made = post(as_person(outsider), f"{BASE}/{team.pk}/join-requests", {"kind": "peer_supporter"})
    assert made.status_code == 200
    request_id = made.json()["id"]
    mine = as_person(outsider).get(f"{BASE}/invitations").json()
    assert [i["id"] for i in mine["items"]] == [request_id]
    declined = post(
        as_person(owner), f"{BASE}/invitations/{request_id}/decline", {"reason": "Full"}
    )
    assert declined.json()["status"] == "declined"
    assert as_person(outsider).get(f"{BASE}/invitations/{request_id}").json()["reason"] == "Full"


def test_the_asker_withdraws_a_request(as_person, team, bob):
    outsider = bob  # in the team's local circle, not in the team
    request_id = post(
        as_person(outsider), f"{BASE}/{team.pk}/join-requests", {"kind": "volunteer"}
    ).json()["id"]
    withdrawn = post(as_person(outsider), f"{BASE}/invitations/{request_id}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"


def test_trial_verdicts_through_the_api(as_person, trial, owner, outsider, worker):
    assert post(as_person(worker), f"{BASE}/trials/{trial.pk}/sessions-done").status_code == 403
    assert post(as_person(owner), f"{BASE}/trials/{trial.pk}/sessions-done").status_code == 200
    assert (
        post(as_person(worker), f"{BASE}/trials/{trial.pk}/verdict", {"verdict": "no"}).status_code
        == 403
    )
    post(as_person(outsider), f"{BASE}/trials/{trial.pk}/verdict", {"verdict": "yes"})
    body = post(as_person(owner), f"{BASE}/trials/{trial.pk}/verdict", {"verdict": "yes"}).json()
    assert (body["status"], body["my_verdict"]) == ("joined", "yes")
    bad = post(as_person(owner), f"{BASE}/trials/{trial.pk}/verdict", {"verdict": "maybe"})
    assert bad.status_code == 422


def test_giving_notice_through_the_api(as_person, team, worker, owner):
    day = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    response = post(as_person(worker), f"{BASE}/{team.pk}/notice", {"leaves_on": day})
    assert response.status_code == 200
    assert response.json()["status"] == "notice"
    assert Leave.objects.get().leaves_on.isoformat() == day
    assert post(as_person(owner), f"{BASE}/{team.pk}/notice", {"leaves_on": day}).status_code == 403


def test_sessions_done_twice_is_a_400(as_person, trial, owner):
    mark_trial_sessions_done(owner, trial)
    assert post(as_person(owner), f"{BASE}/trials/{trial.pk}/sessions-done").status_code == 400
