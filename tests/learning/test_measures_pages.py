"""The measures page: the circle's Coach and Learning Lead see it; nobody else does."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coopcare.teams.models import TeamMember
from tests.conftest import _member
from tests.learning.conftest import days_ago, learned


def _url(circle) -> str:
    return reverse("learning:measures", kwargs={"circle_id": circle.pk})


def test_the_coach_and_the_learning_lead_see_the_measures(
    as_person, leeds_circle, team, worker, coach, learning_lead
):
    learned(worker, "fire-safety", days_ago(10))
    for person in (coach, learning_lead):
        response = as_person(person).get(_url(leeds_circle))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Learning measures of Leeds Circle" in page
        for heading in (
            "Who teaches",
            "Learning hours per person",
            "Required learning in date",
            "Time to full compliance for new workers",
            "From volunteer to paid support",
        ):
            assert heading in page
        assert 'class="measure-bar"' in page and "style=" not in page
        assert "Wren" not in page  # counts only


def test_others_are_refused(
    as_person, client, applicant, leeds_circle, worker, other_coach, outsider, alice, admin
):
    url = _url(leeds_circle)
    assert client.get(url).status_code == 302
    for person in (worker, other_coach, outsider, alice):
        assert as_person(person).get(url).status_code == 403, person
    for person in (applicant, admin):  # not members of the co-op
        assert as_person(person).get(url).status_code == 404


def test_a_team_circle_or_a_missing_circle_is_not_found(as_person, team, coach):
    for circle_id in (team.circle.pk, 987654):
        url = reverse("learning:measures", kwargs={"circle_id": circle_id})
        assert as_person(coach).get(url).status_code == 404


def test_it_explains_a_period_that_makes_no_sense(as_person, leeds_circle, coach):
    response = as_person(coach).get(
        _url(leeds_circle), {"start": "2024-02-01", "end": "2024-01-01"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The period must start on or before the day it ends." in page
    assert 'aria-describedby="id_start_error"' in page
    response = as_person(coach).get(_url(leeds_circle), {"start": "1 Feb"})
    assert response.status_code == 400 and "Enter a date like" in response.content.decode()


def test_it_shows_a_chosen_period(as_person, leeds_circle, coach):
    response = as_person(coach).get(
        _url(leeds_circle), {"start": "2024-01-01", "end": "2024-06-30"}
    )
    assert response.status_code == 200
    assert "From 1 January 2024 to 30 June 2024." in response.content.decode()


def test_its_query_count_does_not_grow_with_people(as_person, leeds_circle, team, worker, coach):
    client = as_person(coach)  # Wren joined today: there are new workers from the start

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(leeds_circle)).status_code == 200
        return len(ctx)

    count()
    small = count()
    for n in range(15):
        person = _member(email=f"giver{n}@example.org")
        TeamMember.objects.create(team=team, person=person, kind="independent_worker")
        learned(person, "fire-safety", days_ago(n))
    assert count() == small
