"""Acting for someone: recorded with a scope and a future end date; past it, they cannot act."""

import datetime

import pytest
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.teams.models import Representative
from coopcare.teams.selectors import acts_for_owner
from coopcare.teams.services.membership import invite_member
from coopcare.teams.services.representatives import end_representation, record_representative
from tests.teams.conftest import make_representative


def _future(days: int = 90) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_the_owner_records_an_advocate_and_both_are_told(owner, team, alice):
    rep = record_representative(
        owner, team, "ALICE@example.org", "advocate", ["approve_members"], _future()
    )
    assert (rep.person, rep.role, rep.scope, rep.recorded_by) == (
        alice,
        "advocate",
        ["approve_members"],
        owner,
    )
    assert acts_for_owner(alice, team, "approve_members")
    assert not acts_for_owner(alice, team, "sign_promise")
    assert Notification.objects.get(recipient=alice).kind == "teams.representative_changed"
    event = AuditEvent.objects.get(action="team.representative_recorded")
    assert (event.actor, event.subject, event.detail["scope"]) == (
        owner,
        owner,
        ["approve_members"],
    )


def test_a_team_starter_records_a_guardian_and_the_owner_is_told(team_starter, team, alice):
    record_representative(team_starter, team, alice.email, "guardian", ["sign_promise"], _future())
    assert Notification.objects.filter(recipient=team.owner).exists()


@pytest.mark.parametrize("persona", ["worker", "family", "outsider"])
def test_people_who_do_not_manage_representatives_are_refused(request, team, alice, persona):
    with pytest.raises(NotAllowed):
        record_representative(
            request.getfixturevalue(persona),
            team,
            alice.email,
            "advocate",
            ["sign_promise"],
            _future(),
        )
    assert not Representative.objects.filter(person=alice).exists()


@pytest.mark.parametrize(
    ("email", "role", "scope", "ends_on", "field"),
    [
        ("alice@example.org", "boss", ["sign_promise"], 30, "role"),
        ("alice@example.org", "advocate", [], 30, "scope"),
        ("alice@example.org", "advocate", ["everything"], 30, "scope"),
        ("alice@example.org", "advocate", ["sign_promise"], 0, "ends_on"),
        ("alice@example.org", "advocate", ["sign_promise"], -1, "ends_on"),
        ("alice@example.org", "advocate", ["sign_promise"], None, "ends_on"),
        ("alice@example.org", "advocate", ["sign_promise"], 365 * 11, "ends_on"),
        ("nobody@example.org", "advocate", ["sign_promise"], 30, "email"),
        ("olive@example.org", "advocate", ["sign_promise"], 30, "email"),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(
    owner, team, alice, email, role, scope, ends_on, field
):
    day = None if ends_on is None else _future(ends_on)
    with pytest.raises(DomainError) as refused:
        record_representative(owner, team, email, role, scope, day)
    assert refused.value.field == field
    assert not Representative.objects.exists()


def test_it_refuses_a_second_current_representation_of_the_same_person(owner, team, alice):
    record_representative(owner, team, alice.email, "advocate", ["sign_promise"], _future())
    with pytest.raises(DomainError, match="already acts"):
        record_representative(owner, team, alice.email, "attorney", ["approve_members"], _future())


def test_a_representative_cannot_pass_on_more_than_they_may_do(team, alice, bob):
    make_representative(team, alice, scope=["approve_members"])
    with pytest.raises(DomainError) as refused:
        record_representative(alice, team, bob.email, "advocate", ["sign_promise"], _future())
    assert refused.value.field == "scope"
    rep = record_representative(alice, team, bob.email, "advocate", ["approve_members"], _future())
    event = AuditEvent.objects.get(action="team.representative_recorded")
    assert event.detail["on_behalf_of"] == team.owner.pk
    assert rep.person == bob


def test_the_owner_ends_a_representation_early_and_it_stops_acting_at_once(
    owner, team, representative, bob
):
    rep = Representative.objects.get(person=representative)
    end_representation(owner, rep)
    rep.refresh_from_db()
    assert rep.ended_at is not None
    assert not acts_for_owner(representative, team)
    with pytest.raises(NotAllowed):
        invite_member(representative, team, bob.email, "volunteer")
    assert Notification.objects.filter(
        recipient=representative, kind="teams.representative_changed"
    ).exists()
    with pytest.raises(DomainError, match="already ended"):
        end_representation(owner, rep)


def test_a_representative_past_their_end_date_can_no_longer_act(team, alice, bob, time_machine):
    rep = make_representative(team, alice, days=3)
    assert alice.has_perm("teams.approve_members", team)
    time_machine.move_to(rep.ends_on + datetime.timedelta(days=1))
    assert not acts_for_owner(alice, team)
    assert not alice.has_perm("teams.approve_members", team)
    assert not alice.has_perm("teams.view_team", team)
    with pytest.raises(NotAllowed):
        invite_member(alice, team, bob.email, "volunteer")


def test_a_worker_cannot_end_a_representation(worker, representative):
    rep = Representative.objects.get(person=representative)
    with pytest.raises(NotAllowed):
        end_representation(worker, rep)
    rep.refresh_from_db()
    assert rep.ended_at is None
