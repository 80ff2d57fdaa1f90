"""Leaving-well pages: give notice, hats to hand over, leave now, stay."""

import datetime

from django.urls import reverse
from django.utils import timezone

from coopcare.teams.models import Leave, TeamMember
from coopcare.teams.services.leaving import give_notice
from tests.factories import HatFactory, hat_type


def _in(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_a_member_gives_notice_from_the_page(as_person, worker, team):
    response = as_person(worker).post(
        reverse("teams:give_notice", args=[team.pk]),
        {"leaves_on": _in(10), "farewell": "It has been a joy.", "reflection": "More breaks."},
    )
    leave = Leave.objects.get()
    assert response["Location"] == reverse("teams:leave", args=[leave.pk])
    assert (leave.farewell, leave.reflection, leave.reflection_shared) == (
        "It has been a joy.",
        "More breaks.",
        False,
    )


def test_the_owner_gets_403_on_the_notice_page(as_person, owner, team):
    url = reverse("teams:give_notice", args=[team.pk])
    assert as_person(owner).get(url).status_code == 403
    assert as_person(owner).post(url, {"leaves_on": _in(3)}).status_code == 403
    assert not Leave.objects.exists()


def test_an_outsider_gets_404_on_the_notice_page(as_person, outsider, team):
    assert as_person(outsider).get(reverse("teams:give_notice", args=[team.pk])).status_code == 404


def test_a_date_in_the_past_is_refused_with_a_message(as_person, worker, team):
    response = as_person(worker).post(
        reverse("teams:give_notice", args=[team.pk]), {"leaves_on": _in(-2)}
    )
    assert "The leaving date must be today or later." in response.content.decode()
    assert not Leave.objects.exists()


def test_the_farewell_shows_to_the_team_but_the_reflection_only_to_the_owners_side(
    as_person, worker, family, owner, team
):
    leave = give_notice(worker, team, timezone.localdate(), "Goodbye, friends.", "Private view.")
    team_page = as_person(family).get(reverse("teams:detail", args=[team.pk])).content.decode()
    assert "Goodbye, friends." in team_page
    leave_url = reverse("teams:leave", args=[leave.pk])
    assert "Private view." not in as_person(family).get(leave_url).content.decode()
    assert "Private view." in as_person(owner).get(leave_url).content.decode()
    assert "Private view." in as_person(worker).get(leave_url).content.decode()


def test_a_shared_reflection_shows_to_the_team(as_person, worker, family, team):
    leave = give_notice(worker, team, timezone.localdate(), "", "Open view.", True)
    page = as_person(family).get(reverse("teams:leave", args=[leave.pk])).content.decode()
    assert "Open view." in page


def test_the_leave_page_lists_hats_and_leaving_now_is_blocked_until_they_come_off(
    as_person, worker, team
):
    hat = HatFactory(holder=worker, circle=team.circle, hat_type=hat_type("mar-holder"))
    leave = give_notice(worker, team, timezone.localdate() + datetime.timedelta(days=5))
    client = as_person(worker)
    page = client.get(reverse("teams:leave", args=[leave.pk])).content.decode()
    assert "MAR Holder" in page
    client.post(reverse("teams:leave_now", args=[leave.pk]))
    assert TeamMember.objects.get(person=worker).status == "leaving"
    client.post(reverse("teams:leave_take_off_hat", args=[leave.pk, hat.pk]))
    assert (
        "Are you sure"
        not in client.get(reverse("teams:leave_now", args=[leave.pk])).content.decode()
    )
    response = client.post(reverse("teams:leave_now", args=[leave.pk]))
    assert response["Location"] == reverse("teams:list")
    assert TeamMember.objects.get(person=worker).status == "left"


def test_only_the_leaver_can_leave_now_or_stay(as_person, worker, owner, team):
    leave = give_notice(worker, team, timezone.localdate() + datetime.timedelta(days=5))
    assert as_person(owner).post(reverse("teams:leave_now", args=[leave.pk])).status_code == 403
    assert as_person(owner).post(reverse("teams:stay", args=[leave.pk])).status_code == 403
    as_person(worker).post(reverse("teams:stay", args=[leave.pk]))
    assert TeamMember.objects.get(person=worker).status == "member"


def test_an_outsider_cannot_see_a_leave(as_person, worker, outsider, team):
    leave = give_notice(worker, team, timezone.localdate())
    assert as_person(outsider).get(reverse("teams:leave", args=[leave.pk])).status_code == 404
