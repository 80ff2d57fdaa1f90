"""A concern is seen by the person who raised it and the people handling it: nobody else."""

import datetime

from django.utils import timezone

from coopcare.circles.models import Hat
from coopcare.concerns.services import raise_concern
from tests.factories import HatFactory, hat_type


def _url(concern) -> str:
    return f"/concerns/{concern.pk}/"


def test_it_shows_the_reporter_and_the_coach(as_person, concern, family, coach):
    assert as_person(family).get(_url(concern)).status_code == 200
    assert as_person(coach).get(_url(concern)).status_code == 200


def test_it_answers_404_to_everyone_else(
    as_person, concern, owner, worker, representative, outsider, team_starter, admin, carol
):
    for person in (owner, worker, representative, outsider, team_starter, admin, carol):
        assert as_person(person).get(_url(concern)).status_code == 404, person
        assert as_person(person).post(_url(concern) + "update/").status_code == 404, person


def test_it_sends_an_anonymous_visitor_to_sign_in(client, concern):
    response = client.get(_url(concern))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_refuses_the_reporter_a_tracker_change(as_person, concern, family):
    response = as_person(family).post(_url(concern) + "update/", {"state": "reviewed"})
    assert response.status_code == 403


def test_it_shows_the_safeguarding_lead_only_concerns_about_safety(
    as_person, team, family, coach, safeguarding_lead, concern
):
    about_safety = raise_concern(
        family, team=team, what_happened="A bruise.", safeguarding="not_sure"
    )
    client = as_person(safeguarding_lead)
    assert client.get(_url(about_safety)).status_code == 200
    assert client.get(_url(concern)).status_code == 404


def test_it_answers_404_to_a_coach_of_another_circle(as_person, concern, hebden_circle):
    other = HatFactory(circle=hebden_circle, hat_type=hat_type("coach")).holder
    assert as_person(other).get(_url(concern)).status_code == 404


def test_it_passes_with_the_hat_when_a_coach_hands_it_on(as_person, concern, coach, leeds_circle):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Hat.objects.filter(holder=coach).update(started_on=yesterday - datetime.timedelta(days=9))
    Hat.objects.filter(holder=coach).update(ends_on=yesterday)
    successor = HatFactory(circle=leeds_circle, hat_type=hat_type("coach")).holder
    assert as_person(coach).get(_url(concern)).status_code == 404
    assert as_person(successor).get(_url(concern)).status_code == 200
