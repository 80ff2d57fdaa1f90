"""The team decisions pages: who gets in, and proposing and answering through them."""

import pytest
from django.urls import reverse

from coopcare.circles.consent_models import Proposal, ProposalResponse
from coopcare.teams.services.decisions import propose_team_decision


@pytest.fixture
def proposal(team, worker, family):
    return propose_team_decision(
        worker,
        team,
        kind="times",
        title="Tea at five",
        statement="The tea visit moves from 4 to 5.",
        reason="Olive is at day centre until 4.30.",
    )


def _urls(team, proposal):
    return [
        reverse("team_decisions:list", kwargs={"team_id": team.pk}),
        reverse("team_decisions:new", kwargs={"team_id": team.pk}),
        reverse("team_decisions:detail", kwargs={"team_id": team.pk, "pk": proposal.pk}),
        reverse("team_decisions:nominate", kwargs={"team_id": team.pk}),
    ]


def test_members_of_the_team_see_every_page(as_person, team, proposal, owner, worker, family):
    for person in (owner, worker, family):
        for url in _urls(team, proposal):
            assert as_person(person).get(url).status_code == 200, (person, url)


def test_someone_outside_the_team_gets_404_everywhere(as_person, team, proposal, outsider, alice):
    for person in (outsider, alice):
        for url in _urls(team, proposal):
            assert as_person(person).get(url).status_code == 404, (person, url)


def test_an_outsider_cannot_answer_or_propose(as_person, team, proposal, outsider):
    respond = reverse("team_decisions:respond", kwargs={"team_id": team.pk, "pk": proposal.pk})
    new = reverse("team_decisions:new", kwargs={"team_id": team.pk})
    assert (
        as_person(outsider).post(respond, {"answer": "objection", "reason": "No."}).status_code
        == 404
    )
    assert as_person(outsider).post(new, {"title": "Mine"}).status_code == 404
    assert not ProposalResponse.objects.exists()
    assert Proposal.objects.count() == 1


def test_the_team_starter_reads_decisions_but_cannot_propose(
    as_person, team, proposal, team_starter
):
    urls = _urls(team, proposal)
    assert as_person(team_starter).get(urls[0]).status_code == 200
    assert as_person(team_starter).get(urls[2]).status_code == 200
    assert as_person(team_starter).get(urls[1]).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, team, proposal):
    for url in _urls(team, proposal):
        assert client.get(url).status_code == 302


def test_a_member_proposes_a_change_through_the_form(as_person, team, owner, worker, family):
    url = reverse("team_decisions:new", kwargs={"team_id": team.pk})
    response = as_person(family).post(
        url,
        {
            "kind": "support",
            "title": "Help with the garden",
            "statement": "Wren helps Olive in the garden on Saturdays.",
            "reason": "Olive misses her roses.",
            "asked": [str(owner.pk), str(worker.pk), str(family.pk)],
            "open_days": "5",
            "review_on": "2099-01-01",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "team_decisions:detail", kwargs={"team_id": team.pk, "pk": proposal.pk}
    )
    assert proposal.author == family
    assert proposal.kind == "support"


def test_bad_input_shows_errors_and_changes_nothing(as_person, team, family):
    url = reverse("team_decisions:new", kwargs={"team_id": team.pk})
    response = as_person(family).post(url, {"kind": "support", "title": "", "open_days": "99"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not Proposal.objects.exists()


def test_a_member_answers_and_an_objection_needs_a_reason(as_person, team, proposal, owner):
    url = reverse("team_decisions:respond", kwargs={"team_id": team.pk, "pk": proposal.pk})
    response = as_person(owner).post(url, {"answer": "objection", "reason": ""})
    assert response.status_code == 200
    assert b"harm the aim" in response.content
    assert not ProposalResponse.objects.exists()
    response = as_person(owner).post(url, {"answer": "objection", "reason": "I nap at 5."})
    assert response.status_code == 302
    assert ProposalResponse.objects.get().answer == "objection"


def test_the_detail_page_shows_answers_and_the_friendly_question(
    as_person, team, proposal, owner, family
):
    from coopcare.circles import consent

    consent.respond_to_proposal(owner, proposal, "concern", "Buses are late at 5.")
    url = reverse("team_decisions:detail", kwargs={"team_id": team.pk, "pk": proposal.pk})
    page = as_person(family).get(url).content.decode()
    assert "Can you live with this?" in page
    assert "Buses are late at 5." in page
    assert "Olive Oyelaran" in page


def test_a_representative_answers_on_behalf_of_the_owner(
    as_person, team, proposal, owner, representative
):
    url = reverse("team_decisions:respond", kwargs={"team_id": team.pk, "pk": proposal.pk})
    assert as_person(representative).post(url, {"answer": "consent"}).status_code == 302
    answer = ProposalResponse.objects.get()
    assert answer.person == owner
    assert answer.answered_by == representative
    detail = reverse("team_decisions:detail", kwargs={"team_id": team.pk, "pk": proposal.pk})
    page = as_person(owner).get(detail).content.decode()
    assert "on behalf of Olive Oyelaran" in page


def test_only_the_author_can_amend_or_withdraw(as_person, team, proposal, worker, family):
    for name in ("amend", "withdraw"):
        url = reverse(f"team_decisions:{name}", kwargs={"team_id": team.pk, "pk": proposal.pk})
        assert as_person(family).get(url).status_code == 403
        assert as_person(worker).get(url).status_code == 200


def test_the_author_amends_and_the_history_is_shown(as_person, team, proposal, worker, owner):
    url = reverse("team_decisions:amend", kwargs={"team_id": team.pk, "pk": proposal.pk})
    response = as_person(worker).post(
        url,
        {
            "title": proposal.title,
            "statement": "The tea visit moves from 4 to 5.30.",
            "reason": proposal.reason,
            "measure": "",
            "review_on": proposal.review_on.isoformat(),
            "note": "Half past, for the bus.",
        },
    )
    assert response.status_code == 302
    detail = reverse("team_decisions:detail", kwargs={"team_id": team.pk, "pk": proposal.pk})
    page = as_person(owner).get(detail).content.decode()
    assert "Version 2" in page
    assert "Half past, for the bus." in page


def test_the_author_withdraws_after_confirming(as_person, team, proposal, worker):
    url = reverse("team_decisions:withdraw", kwargs={"team_id": team.pk, "pk": proposal.pk})
    assert b"Yes, withdraw it" in as_person(worker).get(url).content
    assert as_person(worker).post(url, {"reason": "Not needed."}).status_code == 302
    assert Proposal.objects.get().status == "withdrawn"


def test_the_list_keeps_its_query_count_as_proposals_grow(as_person, team, worker, owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("team_decisions:list", kwargs={"team_id": team.pk})
    client = as_person(owner)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    propose_team_decision(worker, team, kind="general", title="One", statement="a", reason="b")
    client.get(url)
    small = count()
    for n in range(30):
        propose_team_decision(
            worker, team, kind="general", title=f"P{n}", statement="a", reason="b"
        )
    assert count() == small


def test_the_detail_page_keeps_its_query_count_as_answers_grow(as_person, team, owner, worker):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coopcare.circles import consent
    from coopcare.teams.models import TeamMember
    from tests.factories import MembershipFactory, UserFactory

    proposal = propose_team_decision(
        worker, team, kind="general", title="Plants", statement="Water them.", reason="Dry."
    )
    url = reverse("team_decisions:detail", kwargs={"team_id": team.pk, "pk": proposal.pk})
    client = as_person(owner)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    consent.respond_to_proposal(worker, proposal, "concern", "Slugs.")
    client.get(url)
    small = count()
    for _ in range(10):
        person = UserFactory()
        MembershipFactory(person=person)
        TeamMember.objects.create(team=team, person=person, kind="volunteer")
        proposal.asked.add(person)
        consent.respond_to_proposal(person, proposal, "consent")
    consent.amend_proposal(worker, proposal, statement="Water them twice.")
    assert count() == small
