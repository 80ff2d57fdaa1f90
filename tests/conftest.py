"""Personas shared by every test: read each test as "as <persona>, …".

* ``anonymous`` — not signed in (use the plain ``client``)
* ``applicant`` — has an account and an open membership application
* ``alice`` — a member, in the Leeds circle
* ``bob`` — another member, in the same circle as alice
* ``dan`` — a member in a different circle
* ``carol`` — a member wearing the admitting hat in the Purpose Circle
* ``admin`` — a superuser

Teams (Leeds circle): ``owner`` (Olive, gets support and leads "Team Olive"), ``representative``
(Rhys, acts for Olive in every scope for a year), ``worker`` (Wren, independent worker in Olive's
team), ``family`` (Fay, Olive's daughter, in the team), ``outsider`` (Otto, a worker member who is
not in the team), ``team_starter`` (Tess, wears the Team Starter hat in the Leeds circle).
"""

import pytest
from django.test import Client

from tests.factories import (
    CircleFactory,
    CircleMembershipFactory,
    HatFactory,
    MembershipApplicationFactory,
    MembershipFactory,
    UserFactory,
    hat_type,
)


@pytest.fixture
def purpose_circle(db):
    return CircleFactory(
        name="Purpose Circle",
        slug="purpose",
        kind="purpose",
        aim="Keep the co-op true to its purpose.",
        domain="The whole co-op.",
    )


@pytest.fixture
def leeds_circle(purpose_circle):
    return CircleFactory(name="Leeds Circle", slug="leeds", parent=purpose_circle)


@pytest.fixture
def hebden_circle(purpose_circle):
    return CircleFactory(name="Hebden Circle", slug="hebden", parent=purpose_circle)


def _member(circle=None, **kwargs):
    person = UserFactory(**kwargs)
    MembershipFactory(person=person)
    if circle is not None:
        CircleMembershipFactory(person=person, circle=circle)
    return person


@pytest.fixture
def alice(leeds_circle):
    return _member(leeds_circle, email="alice@example.org", profile__name="Alice Ashworth")


@pytest.fixture
def bob(leeds_circle):
    return _member(leeds_circle, email="bob@example.org", profile__name="Bob Brierley")


@pytest.fixture
def dan(hebden_circle):
    return _member(hebden_circle, email="dan@example.org", profile__name="Dan Dewhurst")


@pytest.fixture
def carol(purpose_circle):
    person = _member(purpose_circle, email="carol@example.org", profile__name="Carol Crabtree")
    HatFactory(holder=person, circle=purpose_circle, hat_type=hat_type("admissions"))
    return person


@pytest.fixture
def applicant(db):
    person = UserFactory(email="applicant@example.org", profile__name="Ann Applicant")
    MembershipApplicationFactory(applicant=person)
    return person


@pytest.fixture
def admin(db):
    return UserFactory(
        email="admin@example.org", is_staff=True, is_superuser=True, profile__name="Ada Admin"
    )


def client_for(person) -> Client:
    client = Client()
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def as_person():
    """``as_person(alice).get(url)`` — a test client signed in as that person."""
    return client_for


# --- Teams ---------------------------------------------------------------------------------------


@pytest.fixture
def owner(leeds_circle):
    return _member(leeds_circle, email="olive@example.org", profile__name="Olive Oyelaran")


@pytest.fixture
def team(owner, leeds_circle):
    from coopcare.teams.services.starting import start_team

    return start_team(None, owner, leeds_circle)


@pytest.fixture
def representative(team):
    import datetime

    from coopcare.teams.models import Representative, Scope

    person = UserFactory(email="rhys@example.org", profile__name="Rhys Roberts")
    Representative.objects.create(
        team=team,
        person=person,
        role=Representative.Role.REPRESENTATIVE,
        scope=list(Scope.values),
        ends_on=datetime.date.today() + datetime.timedelta(days=365),
        recorded_by=team.owner,
    )
    return person


def _team_member(team, kind, **kwargs):
    from coopcare.teams.models import TeamMember

    person = _member(**kwargs)
    TeamMember.objects.create(team=team, person=person, kind=kind)
    return person


@pytest.fixture
def worker(team):
    return _team_member(
        team, "independent_worker", email="wren@example.org", profile__name="Wren Walker"
    )


@pytest.fixture
def family(team):
    return _team_member(
        team, "family_friend", email="fay@example.org", profile__name="Fay Oyelaran"
    )


@pytest.fixture
def outsider(hebden_circle):
    return _member(hebden_circle, email="otto@example.org", profile__name="Otto Ormerod")


@pytest.fixture
def team_starter(leeds_circle):
    person = _member(leeds_circle, email="tess@example.org", profile__name="Tess Thornton")
    HatFactory(holder=person, circle=leeds_circle, hat_type=hat_type("team-starter"))
    return person
