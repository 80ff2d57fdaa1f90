"""The representatives page: who acts for the owner; recording and ending early."""

import datetime

from django.urls import reverse
from django.utils import timezone

from coopcare.teams.models import Representative


def _future() -> str:
    return (timezone.localdate() + datetime.timedelta(days=60)).isoformat()


def test_the_team_sees_who_acts_for_the_owner(as_person, team, worker, representative):
    page = as_person(worker).get(reverse("teams:representatives", args=[team.pk])).content.decode()
    assert "Rhys Roberts" in page
    assert "Record someone acting for the owner" not in page


def test_an_outsider_gets_404(as_person, team, outsider):
    assert (
        as_person(outsider).get(reverse("teams:representatives", args=[team.pk])).status_code == 404
    )


def test_the_owner_records_an_attorney_with_checkboxes(as_person, team, owner, alice):
    response = as_person(owner).post(
        reverse("teams:representatives", args=[team.pk]),
        {
            "email": alice.email,
            "role": "attorney",
            "scope": ["sign_promise", "manage_profile"],
            "ends_on": _future(),
        },
    )
    assert response.status_code == 302
    rep = Representative.objects.get(person=alice)
    assert (rep.role, rep.scope) == ("attorney", ["manage_profile", "sign_promise"])


def test_an_end_date_is_required_and_must_be_in_the_future(as_person, team, owner, alice):
    url = reverse("teams:representatives", args=[team.pk])
    data = {"email": alice.email, "role": "advocate", "scope": ["sign_promise"]}
    page = as_person(owner).post(url, data).content.decode()
    assert "Enter the last day they act for the owner." in page
    today = timezone.localdate().isoformat()
    page = as_person(owner).post(url, {**data, "ends_on": today}).content.decode()
    assert "The end date must be in the future." in page
    assert not Representative.objects.filter(person=alice).exists()


def test_a_worker_cannot_record_anyone(as_person, team, worker, alice):
    response = as_person(worker).post(
        reverse("teams:representatives", args=[team.pk]),
        {"email": alice.email, "role": "advocate", "scope": ["sign_promise"], "ends_on": _future()},
    )
    assert response.status_code == 403
    assert not Representative.objects.filter(person=alice).exists()


def test_the_team_starter_ends_a_representation_early_after_confirming(
    as_person, team, team_starter, representative
):
    rep = Representative.objects.get(person=representative)
    url = reverse("teams:end_representative", args=[rep.pk])
    assert "End it now" in as_person(team_starter).get(url).content.decode()
    as_person(team_starter).post(url)
    rep.refresh_from_db()
    assert rep.ended_at is not None


def test_a_worker_gets_403_on_ending_and_an_outsider_404(
    as_person, worker, outsider, representative
):
    rep = Representative.objects.get(person=representative)
    url = reverse("teams:end_representative", args=[rep.pk])
    assert as_person(worker).post(url).status_code == 403
    assert as_person(outsider).post(url).status_code == 404
    rep.refresh_from_db()
    assert rep.ended_at is None
