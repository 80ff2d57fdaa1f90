"""The API for acting for the owner and for leaving well: the same rules as the pages.

Each test calls the real ``/api/teams/...`` URLs as a signed-in person and checks what they can
do and what they are refused: 404 outside the team, 403 inside it without the right, 400 with the
reason when a rule stops the change (and nothing changes).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coopcare.circles.models import Hat
from coopcare.teams.models import Leave, Representative, TeamMember
from coopcare.teams.services.leaving import give_notice
from tests.factories import HatFactory, UserFactory, hat_type
from tests.teams.conftest import make_representative

BASE = "/api/teams"


def post(client, url: str, body: dict | None = None):
    return client.post(url, body or {}, content_type="application/json")


def _in(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _reps(team) -> str:
    return f"{BASE}/{team.pk}/representatives"


def _record(client, team, email: str, **changes):
    body = {"email": email, "role": "advocate", "scope": ["sign_promise"]}
    body["ends_on"] = _in(90).isoformat()
    return post(client, _reps(team), {**body, **changes})


# --- Acting for the owner ----------------------------------------------------------------------


def test_the_team_sees_who_acts_for_the_owner_now(as_person, team, worker, representative, alice):
    ended = make_representative(team, alice, ended_at=timezone.now())
    body = as_person(worker).get(_reps(team)).json()
    assert body["count"] == 1
    [item] = body["items"]
    assert (item["person"]["name"], item["role"], item["current"]) == (
        "Rhys Roberts",
        "representative",
        True,
    )
    assert item["recorded_by"]["name"] == "Olive Oyelaran"
    everyone = as_person(worker).get(_reps(team), {"include_ended": "true"}).json()
    assert [i["id"] for i in everyone["items"]] == [item["id"], ended.pk]
    assert everyone["items"][1]["current"] is False


def test_outsiders_get_404_and_nobody_signed_out_gets_in(as_person, client, team, outsider):
    assert as_person(outsider).get(_reps(team)).status_code == 404
    assert client.get(_reps(team)).status_code == 401


def test_the_owner_records_an_attorney(as_person, team, owner, alice):
    response = _record(
        as_person(owner),
        team,
        alice.email,
        role="attorney",
        scope=["sign_promise", "manage_profile"],
    )
    assert response.status_code == 200, response.content
    rep = Representative.objects.get(person=alice)
    assert (rep.role, rep.scope, rep.recorded_by) == (
        "attorney",
        ["manage_profile", "sign_promise"],
        owner,
    )
    body = response.json()
    assert (body["id"], body["scope"], body["current"]) == (
        rep.pk,
        ["manage_profile", "sign_promise"],
        True,
    )


def test_a_worker_gets_403_and_an_outsider_404_on_recording(as_person, team, worker, outsider):
    assert _record(as_person(worker), team, "alice@example.org").status_code == 403
    assert _record(as_person(outsider), team, "alice@example.org").status_code == 404
    assert not Representative.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_on": 0}, "ends_on", "The end date must be in the future."),
        ({"role": "boss"}, "role", "Choose how this person acts for the owner."),
        ({"scope": []}, "scope", "Choose at least one thing they may do."),
        ({"email": "nobody@example.org"}, "email", "Nobody has an account"),
        ({"email": "olive@example.org"}, "email", "The owner acts for themself."),
    ],
)
def test_a_rule_refusal_is_a_400_with_the_reason_and_changes_nothing(
    as_person, team, owner, alice, changes, field, message
):
    changes = dict(changes)
    if "ends_on" in changes:
        changes["ends_on"] = _in(changes["ends_on"]).isoformat()
    email = changes.pop("email", alice.email)
    response = _record(as_person(owner), team, email, **changes)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert message in response.json()["detail"]
    assert not Representative.objects.exists()


def test_a_missing_end_date_is_not_shaped_as_documented(as_person, team, owner, alice):
    body = {"email": alice.email, "role": "advocate", "scope": ["sign_promise"]}
    assert post(as_person(owner), _reps(team), body).status_code == 422
    assert not Representative.objects.exists()


def test_a_representative_passes_on_only_what_they_may_do(as_person, team, alice, bob):
    make_representative(team, alice, scope=["approve_members"])
    client = as_person(alice)
    refused = _record(client, team, bob.email, scope=["sign_promise"])
    assert (refused.status_code, refused.json()["field"]) == (400, "scope")
    assert _record(client, team, bob.email, scope=["approve_members"]).status_code == 200


def test_the_team_starter_ends_a_representation_and_again_is_a_400(
    as_person, team, team_starter, representative
):
    rep = Representative.objects.get(person=representative)
    url = f"{BASE}/representatives/{rep.pk}/end"
    response = post(as_person(team_starter), url)
    assert response.status_code == 200, response.content
    assert response.json()["current"] is False
    rep.refresh_from_db()
    assert rep.ended_at is not None
    again = post(as_person(team_starter), url)
    assert again.status_code == 400
    assert again.json()["detail"] == "This has already ended."


def test_a_worker_gets_403_and_an_outsider_404_on_ending(
    as_person, worker, outsider, representative
):
    rep = Representative.objects.get(person=representative)
    url = f"{BASE}/representatives/{rep.pk}/end"
    assert post(as_person(worker), url).status_code == 403
    assert post(as_person(outsider), url).status_code == 404
    rep.refresh_from_db()
    assert rep.ended_at is None


def test_a_representative_past_their_end_date_can_no_longer_act(
    as_person, team, alice, bob, worker, time_machine
):
    rep = make_representative(team, alice, days=3)
    assert as_person(alice).get(_reps(team)).status_code == 200
    assert _record(as_person(alice), team, bob.email).status_code == 200
    bobs = Representative.objects.get(person=bob)
    time_machine.move_to(rep.ends_on + datetime.timedelta(days=1))
    client = as_person(alice)
    assert client.get(_reps(team)).status_code == 404
    assert _record(client, team, worker.email).status_code == 404
    assert post(client, f"{BASE}/representatives/{bobs.pk}/end").status_code == 404
    assert not Representative.objects.filter(person=worker).exists()
    bobs.refresh_from_db()
    assert bobs.ended_at is None


def test_the_list_query_count_does_not_grow(as_person, team, owner):
    client = as_person(owner)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_reps(team)).status_code == 200
        return len(ctx)

    make_representative(team, UserFactory())
    client.get(_reps(team))
    small = count()
    for _ in range(5):
        make_representative(team, UserFactory())
    assert count() == small


# --- Leaving well ------------------------------------------------------------------------------


@pytest.fixture
def rota_hat(team, worker):
    return HatFactory(holder=worker, circle=team.circle, hat_type=hat_type("rota-holder"))


@pytest.fixture
def leave(team, worker):
    return give_notice(worker, team, _in(7), "Thank you all.", "The rota was hard.")


def _leave_url(leave, action: str = "") -> str:
    return f"{BASE}/leaves/{leave.pk}{action}"


def test_the_leave_shows_the_reflection_only_to_whom_the_page_does(
    as_person, leave, worker, family, owner, team_starter, rota_hat
):
    mine = as_person(worker).get(_leave_url(leave)).json()
    assert (mine["status"], mine["farewell"], mine["reflection"], mine["yours"]) == (
        "notice",
        "Thank you all.",
        "The rota was hard.",
        True,
    )
    assert mine["hats_to_hand_over"] == ["rota-holder"]
    assert mine["hats"] == [
        {"id": rota_hat.pk, "hat_type": "rota-holder", "name": "Rota Holder", "ends_on": None}
    ]
    assert mine["hat_end"] == _in(7).isoformat()
    assert mine["person"] == {"id": worker.pk, "name": "Wren Walker"}
    theirs = as_person(family).get(_leave_url(leave)).json()
    assert (theirs["farewell"], theirs["reflection"], theirs["yours"]) == (
        "Thank you all.",
        None,
        False,
    )
    assert as_person(owner).get(_leave_url(leave)).json()["reflection"] == "The rota was hard."
    assert as_person(team_starter).get(_leave_url(leave)).json()["reflection"] is None


def test_a_shared_reflection_shows_to_the_team(as_person, team, worker, family):
    shared = give_notice(worker, team, _in(3), "", "Open view.", True)
    assert as_person(family).get(_leave_url(shared)).json()["reflection"] == "Open view."


def test_an_outsider_gets_404_on_a_leave(as_person, leave, outsider, client):
    assert as_person(outsider).get(_leave_url(leave)).status_code == 404
    assert client.get(_leave_url(leave)).status_code == 401


def test_the_detail_has_the_shape_giving_notice_returns(as_person, team, worker):
    given = post(as_person(worker), f"{BASE}/{team.pk}/notice", {"leaves_on": _in(5).isoformat()})
    assert given.status_code == 200
    detail = as_person(worker).get(_leave_url(Leave.objects.get())).json()
    assert {key: detail[key] for key in given.json()} == given.json()


def test_leaving_now_waits_for_the_hats_then_goes(as_person, leave, worker, rota_hat, owner):
    client = as_person(worker)
    blocked = post(client, _leave_url(leave, "/complete"))
    assert blocked.status_code == 400
    assert blocked.json()["field"] == "hats"
    assert "Rota Holder" in blocked.json()["detail"]
    assert TeamMember.objects.get(person=worker).status == "leaving"
    taken = post(client, _leave_url(leave, f"/hats/{rota_hat.pk}/take-off"))
    assert taken.status_code == 200, taken.content
    assert taken.json()["hats_to_hand_over"] == []
    assert Hat.objects.get(pk=rota_hat.pk).ends_on == _in(7)
    gone = post(client, _leave_url(leave, "/complete"))
    assert gone.status_code == 200, gone.content
    assert (gone.json()["status"], gone.json()["hat_end"]) == ("completed", None)
    member = TeamMember.objects.get(person=worker)
    assert (member.status, member.left_on) == ("left", timezone.localdate())
    # The leaver still sees their leave after they have gone; the team no longer exists for them.
    assert client.get(_leave_url(leave)).status_code == 200
    assert client.get(f"{BASE}/{leave.team_id}").status_code == 404
    again = post(client, _leave_url(leave, "/complete"))
    assert (again.status_code, again.json()["detail"]) == (400, "This notice is no longer open.")


@pytest.mark.parametrize("action", ["/complete", "/withdraw", "/hats/{hat}/take-off"])
def test_only_the_leaver_acts_on_their_leave(
    as_person, leave, owner, family, outsider, rota_hat, action
):
    url = _leave_url(leave, action.format(hat=rota_hat.pk))
    assert post(as_person(owner), url).status_code == 403
    assert post(as_person(family), url).status_code == 403
    assert post(as_person(outsider), url).status_code == 404
    assert Leave.objects.get(pk=leave.pk).status == "notice"
    assert Hat.objects.get(pk=rota_hat.pk).ends_on is None


def test_taking_off_someone_elses_hat_is_a_400_and_a_missing_hat_404(
    as_person, leave, worker, family, team
):
    theirs = HatFactory(holder=family, circle=team.circle, hat_type=hat_type("mar-holder"))
    client = as_person(worker)
    refused = post(client, _leave_url(leave, f"/hats/{theirs.pk}/take-off"))
    assert refused.status_code == 400
    assert refused.json()["detail"] == "That is not one of your hats in this team."
    assert Hat.objects.get(pk=theirs.pk).ends_on is None
    assert post(client, _leave_url(leave, "/hats/999999/take-off")).status_code == 404


def test_the_leaver_withdraws_and_stays(as_person, leave, worker):
    client = as_person(worker)
    stayed = post(client, _leave_url(leave, "/withdraw"))
    assert stayed.status_code == 200, stayed.content
    assert (stayed.json()["status"], stayed.json()["hats_to_hand_over"]) == ("withdrawn", [])
    assert TeamMember.objects.get(person=worker).status == "member"
    again = post(client, _leave_url(leave, "/withdraw"))
    assert again.status_code == 400
    assert post(client, _leave_url(leave, "/complete")).status_code == 400
    assert TeamMember.objects.get(person=worker).status == "member"
