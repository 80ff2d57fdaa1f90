"""My teams: owned, member of, acting for; and the teams a Team Starter supports."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coopcare.teams.services.starting import start_team
from tests.factories import CircleFactory, UserFactory

LIST = reverse("teams:list")


def test_it_shows_the_owner_their_team(as_person, owner, team):
    page = as_person(owner).get(LIST).content.decode()
    assert "Team Olive Oyelaran" in page and "You lead this team." in page


def test_it_shows_a_worker_how_they_take_part(as_person, worker, team):
    page = as_person(worker).get(LIST).content.decode()
    assert "You take part as: Independent worker (member)." in page


def test_it_shows_a_representative_whom_they_act_for(as_person, representative, team):
    page = as_person(representative).get(LIST).content.decode()
    assert "You act for Olive Oyelaran as: Nominated representative." in page


def test_it_shows_nothing_to_someone_in_no_team(as_person, outsider, team):
    page = as_person(outsider).get(LIST).content.decode()
    assert "Team Olive" not in page
    assert "You are not in a team yet" in page


def test_a_team_starter_sees_the_teams_of_their_local_circle(as_person, team_starter, team):
    page = as_person(team_starter).get(LIST).content.decode()
    assert "Teams you support as Team Starter or Coach" in page
    assert "Team Olive Oyelaran" in page


def test_the_query_count_does_not_grow_with_teams(as_person, team_starter, leeds_circle):
    client = as_person(team_starter)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx)

    start_team(None, UserFactory(), leeds_circle)
    client.get(LIST)
    small = count()
    for _ in range(30):
        start_team(None, UserFactory(), leeds_circle)
    assert count() == small
    assert "Page 1 of 2" in client.get(LIST).content.decode()


def test_it_does_not_show_teams_of_other_circles(as_person, team_starter, purpose_circle):
    other = CircleFactory(name="York Circle", parent=purpose_circle)
    start_team(None, UserFactory(profile__name="Yan York"), other)
    assert "Yan York" not in as_person(team_starter).get(LIST).content.decode()
