"""Invitation and request pages: invite, ask to join, answer, decline, withdraw."""

from django.urls import reverse

from coopcare.teams.models import Invitation, TeamMember
from coopcare.teams.services.membership import invite_member
from tests.teams.conftest import make_representative


def test_the_owner_invites_someone_from_the_page(as_person, owner, team, outsider):
    response = as_person(owner).post(
        reverse("teams:invite", args=[team.pk]),
        {"email": outsider.email, "kind": "employed_worker", "message": "Hello"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.person, invitation.kind, invitation.trial_sessions) == (
        outsider,
        "employed_worker",
        0,
    )


def test_inviting_with_a_trial_records_the_sessions(as_person, owner, team):
    as_person(owner).post(
        reverse("teams:invite", args=[team.pk]),
        {
            "email": "new@example.org",
            "kind": "volunteer",
            "start_with_trial": "on",
            "trial_sessions": "2",
        },
    )
    assert Invitation.objects.get().trial_sessions == 2


def test_a_bad_invitation_shows_the_problem_and_saves_nothing(as_person, owner, team, worker):
    response = as_person(owner).post(
        reverse("teams:invite", args=[team.pk]), {"email": worker.email, "kind": "volunteer"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "already in Team Olive" in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_invite_page_is_403_for_a_worker_and_404_for_an_outsider(
    as_person, team, worker, outsider
):
    invite = reverse("teams:invite", args=[team.pk])
    assert as_person(worker).get(invite).status_code == 403
    assert (
        as_person(worker).post(invite, {"email": "x@example.org", "kind": "volunteer"}).status_code
        == 403
    )
    assert as_person(outsider).get(invite).status_code == 404
    assert not Invitation.objects.exists()


def test_a_representative_sees_they_invite_on_behalf_of_the_owner(as_person, team, representative):
    page = as_person(representative).get(reverse("teams:invite", args=[team.pk])).content.decode()
    assert "on behalf of Olive Oyelaran" in page


def test_the_invitee_accepts_from_the_invitation_page(as_person, invitation, outsider, team):
    page = as_person(outsider).get(reverse("teams:invitation", args=[invitation.pk]))
    assert "Yes, join the team" in page.content.decode()
    response = as_person(outsider).post(reverse("teams:accept", args=[invitation.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("teams:detail", args=[team.pk])
    assert TeamMember.objects.current().filter(team=team, person=outsider).exists()


def test_only_the_invitee_may_accept(as_person, invitation, owner, worker, bob):
    accept = reverse("teams:accept", args=[invitation.pk])
    assert as_person(owner).post(accept).status_code == 403
    assert as_person(worker).post(accept).status_code == 403
    assert as_person(bob).post(accept).status_code == 404
    assert Invitation.objects.get(pk=invitation.pk).status == "pending"


def test_a_member_of_another_circle_cannot_find_a_team_to_ask_to_join(as_person, team, outsider):
    assert as_person(outsider).get(reverse("teams:ask_to_join", args=[team.pk])).status_code == 404


def test_a_member_asks_to_join_and_the_owner_approves_with_a_trial(as_person, team, bob, owner):
    outsider = bob  # in the team's local circle, not in the team
    ask = reverse("teams:ask_to_join", args=[team.pk])
    assert as_person(outsider).get(ask).status_code == 200
    response = as_person(outsider).post(ask, {"kind": "volunteer", "message": "Hi"})
    request = Invitation.objects.get()
    assert response["Location"] == reverse("teams:invitation", args=[request.pk])
    page = as_person(owner).get(reverse("teams:invitation", args=[request.pk])).content.decode()
    assert "Yes, welcome them" in page
    as_person(owner).post(
        reverse("teams:accept", args=[request.pk]),
        {"start_with_trial": "on", "trial_sessions": "1"},
    )
    assert TeamMember.objects.get(team=team, person=outsider).status == "trial"


def test_a_worker_in_the_team_sees_the_team_but_gets_403_on_approve(
    as_person, join_request, team, worker
):
    assert as_person(worker).get(reverse("teams:detail", args=[team.pk])).status_code == 200
    detail = reverse("teams:invitation", args=[join_request.pk])
    assert as_person(worker).get(detail).status_code == 403
    assert (
        as_person(worker).post(reverse("teams:accept", args=[join_request.pk])).status_code == 403
    )
    assert Invitation.objects.get(pk=join_request.pk).status == "pending"


def test_a_representative_without_the_scope_gets_403_on_approve(
    as_person, join_request, team, alice
):
    make_representative(team, alice, scope=["sign_promise"])
    assert as_person(alice).get(reverse("teams:detail", args=[team.pk])).status_code == 200
    assert as_person(alice).post(reverse("teams:accept", args=[join_request.pk])).status_code == 403


def test_the_ask_to_join_page_is_hidden_from_non_members_and_refused_to_the_team(
    as_person, team, stranger, worker, owner
):
    ask = reverse("teams:ask_to_join", args=[team.pk])
    assert as_person(stranger).get(ask).status_code == 404
    assert as_person(worker).get(ask).status_code == 403
    assert as_person(owner).get(ask).status_code == 403


def test_declining_with_a_reason(as_person, invitation, outsider):
    decline = reverse("teams:decline", args=[invitation.pk])
    assert as_person(outsider).get(decline).status_code == 200
    as_person(outsider).post(decline, {"reason": "Too far for me."})
    invitation.refresh_from_db()
    assert (invitation.status, invitation.reason) == ("declined", "Too far for me.")


def test_withdrawing_asks_first_then_withdraws(as_person, invitation, owner, outsider):
    withdraw = reverse("teams:withdraw", args=[invitation.pk])
    assert "Withdraw this invitation?" in as_person(owner).get(withdraw).content.decode()
    assert Invitation.objects.get(pk=invitation.pk).status == "pending"
    assert as_person(outsider).post(withdraw).status_code == 403
    as_person(owner).post(withdraw)
    assert Invitation.objects.get(pk=invitation.pk).status == "withdrawn"


def test_my_invitations_lists_invitations_to_my_address(as_person, owner, team, outsider):
    invite_member(owner, team, outsider.email, "volunteer")
    page = as_person(outsider).get(reverse("teams:my_invitations")).content.decode()
    assert "Invitation to join Team Olive Oyelaran" in page


def test_the_teams_invitations_list_is_for_the_owners_side(
    as_person, invitation, team, owner, worker
):
    listing = reverse("teams:invitations", args=[team.pk])
    assert "otto@example.org" in as_person(owner).get(listing).content.decode()
    assert as_person(worker).get(listing).status_code == 403
