"""The team decisions API: the same rules as the pages, through tokens."""

import pytest
from django.core.cache import cache

from coopcare.api.services import create_token
from coopcare.circles.consent_models import HatNomination, Proposal, ProposalResponse
from coopcare.members.models import PrivacyChoice
from coopcare.teams.services.decisions import propose_team_decision
from tests.api.conftest import bearer


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def api(person):
    _token, raw = create_token(person, "test script", 30)
    return bearer(raw)


@pytest.fixture
def proposal(team, worker, family):
    return propose_team_decision(
        worker,
        team,
        kind="support",
        title="Cooking together",
        statement="Wren cooks with Olive on Wednesdays instead of for her.",
        reason="Olive wants to keep her skills.",
    )


def _json(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_a_member_lists_and_reads_decisions(team, proposal, owner):
    client = api(owner)
    listing = client.get(f"/api/teams/{team.pk}/decisions").json()
    assert listing["count"] == 1
    assert listing["items"][0]["author"]["name"] == "Wren Walker"
    detail = client.get(f"/api/teams/{team.pk}/decisions/{proposal.pk}").json()
    assert detail["statement"].startswith("Wren cooks")
    assert len(detail["asked"]) == 3


def test_someone_outside_the_team_gets_404(team, proposal, outsider):
    client = api(outsider)
    assert client.get(f"/api/teams/{team.pk}/decisions").status_code == 404
    assert client.get(f"/api/teams/{team.pk}/decisions/{proposal.pk}").status_code == 404
    body = {"answer": "objection", "reason": "No."}
    url = f"/api/teams/{team.pk}/decisions/{proposal.pk}/answer"
    assert _json(client, url, body).status_code == 404
    assert not ProposalResponse.objects.exists()


def test_a_member_proposes_and_bad_input_changes_nothing(team, family):
    client = api(family)
    url = f"/api/teams/{team.pk}/decisions"
    bad = _json(client, url, {"kind": "times", "title": " ", "statement": "x", "reason": "y"})
    assert bad.status_code == 400
    assert bad.json()["field"] == "title"
    assert not Proposal.objects.exists()
    made = _json(
        client,
        url,
        {
            "kind": "times",
            "title": "Earlier lunch",
            "statement": "Lunch at 12.",
            "reason": "Hungry.",
        },
    )
    assert made.status_code == 200
    assert made.json()["author"]["name"] == "Fay Oyelaran"


def test_an_objection_needs_a_reason(team, proposal, owner):
    url = f"/api/teams/{team.pk}/decisions/{proposal.pk}/answer"
    refused = _json(api(owner), url, {"answer": "objection"})
    assert refused.status_code == 400
    assert refused.json()["field"] == "reason"
    assert _json(api(owner), url, {"answer": "consent"}).json()["answer"] == "consent"


def test_a_representative_answers_on_behalf_of_the_owner(team, proposal, owner, representative):
    url = f"/api/teams/{team.pk}/decisions/{proposal.pk}/answer"
    body = _json(api(representative), url, {"answer": "consent"}).json()
    assert body["person"]["id"] == owner.pk
    assert body["answered_by"]["id"] == representative.pk


def test_only_the_author_amends_and_withdraws(team, proposal, worker, owner):
    amend = f"/api/teams/{team.pk}/decisions/{proposal.pk}/amend"
    assert _json(api(owner), amend, {"statement": "Mine now."}).status_code == 403
    amended = _json(api(worker), amend, {"statement": "Wren cooks with Olive on Thursdays."})
    assert amended.json()["version"] == 2
    assert amended.json()["amendments"][0]["kind"] == "amend"
    withdraw = f"/api/teams/{team.pk}/decisions/{proposal.pk}/withdraw"
    assert _json(api(worker), withdraw, {"reason": "Later."}).json()["status"] == "withdrawn"


def test_the_team_starter_reads_but_cannot_propose(team, proposal, team_starter):
    client = api(team_starter)
    assert client.get(f"/api/teams/{team.pk}/decisions").status_code == 200
    url = f"/api/teams/{team.pk}/decisions"
    body = {"kind": "times", "title": "Mine", "statement": "x", "reason": "y"}
    assert _json(client, url, body).status_code == 403


def test_names_are_hidden_where_their_owner_keeps_them(team, proposal, worker, team_starter):
    PrivacyChoice.objects.create(person=worker, section="name", audience="only_me")
    listing = api(team_starter).get(f"/api/teams/{team.pk}/decisions").json()
    assert listing["items"][0]["author"] == {"id": worker.pk, "name": None}


def test_a_hat_is_nominated_and_accepted_through_the_api(team, owner, worker, family):
    url = f"/api/teams/{team.pk}/hat-nominations"
    body = {"hat_type": "rota-holder", "nominee": worker.pk, "reason": "Organised."}
    made = _json(api(owner), url, body).json()
    assert made["status"] == "awaiting_nominee"
    answer = f"{url}/{made['id']}/answer"
    assert _json(api(family), answer, {"accept": True}).status_code == 403
    accepted = _json(api(worker), answer, {"accept": True}).json()
    assert accepted["status"] == "awaiting_circle"
    assert HatNomination.objects.get().proposal_id == accepted["proposal"]
    unheld = api(owner).get(f"/api/teams/{team.pk}/unheld-hats").json()
    assert "rota-holder" in [hat["slug"] for hat in unheld]


def test_only_essential_hats_and_team_members_are_nominated(team, owner, outsider, worker):
    url = f"/api/teams/{team.pk}/hat-nominations"
    coach = {"hat_type": "coach", "nominee": worker.pk, "reason": "Wise."}
    assert _json(api(owner), url, coach).json()["field"] == "hat_type"
    stranger = {"hat_type": "mar-holder", "nominee": outsider.pk, "reason": "Careful."}
    assert _json(api(owner), url, stranger).json()["field"] == "nominee"
    assert not HatNomination.objects.exists()
