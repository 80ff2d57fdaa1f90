"""Support-profile personas, beyond the shared team ones in ``tests/conftest.py``.

* ``profile_holder`` — Pat, in Olive's team, wears the team's Profile Holder hat
* ``limited_rep`` — Lee, acts for Olive until next year, but only to arrange support
* ``expired_rep`` — Ed, acted for Olive in every scope until yesterday
* ``volunteer`` — Vic, a Worker member who volunteers
"""

import datetime

import pytest
from django.core.cache import cache

from coopcare.api.services import create_token
from coopcare.members.models import MemberClass, WorkerKind
from coopcare.supportprofiles.sections import Audience
from coopcare.supportprofiles.services.getting import set_section_audience
from coopcare.teams.models import Representative, Scope, TeamMember
from tests.api.conftest import bearer
from tests.browser.conftest import browser_type_launch_args  # noqa: F401  (a fixture)
from tests.factories import HatFactory, MembershipFactory, UserFactory, hat_type

TODAY = datetime.date.today()


@pytest.fixture
def profile_holder(team):
    person = UserFactory(email="pat@example.org", profile__name="Pat Pickles")
    MembershipFactory(person=person)
    TeamMember.objects.create(team=team, person=person, kind="family_friend")
    HatFactory(holder=person, circle=team.circle, hat_type=hat_type("profile-holder"))
    return person


def _rep(team, email: str, name: str, scope: list[str], starts_on, ends_on):
    person = UserFactory(email=email, profile__name=name)
    Representative.objects.create(
        team=team,
        person=person,
        role=Representative.Role.REPRESENTATIVE,
        scope=scope,
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_by=team.owner,
    )
    return person


@pytest.fixture
def limited_rep(team):
    return _rep(
        team,
        "lee@example.org",
        "Lee Lumb",
        [Scope.ARRANGE_SUPPORT],
        TODAY,
        TODAY + datetime.timedelta(days=365),
    )


@pytest.fixture
def expired_rep(team):
    return _rep(
        team,
        "ed@example.org",
        "Ed Ellis",
        list(Scope.values),
        TODAY - datetime.timedelta(days=60),
        TODAY - datetime.timedelta(days=1),
    )


@pytest.fixture
def volunteer(leeds_circle):
    person = UserFactory(email="vic@example.org", profile__name="Vic Vaughan")
    MembershipFactory(
        person=person, member_class=MemberClass.WORKER, worker_kind=WorkerKind.VOLUNTEER
    )
    return person


@pytest.fixture
def share(team, owner):
    """``share(section, audience, named=())`` — Olive chooses who sees a section."""

    def choose(section: str, audience: str = Audience.TEAM, named=()):
        return set_section_audience(owner, team, section, audience, [p.pk for p in named])

    return choose


@pytest.fixture
def as_token():
    """``as_token(alice).get(url)`` — calls the API with a new token of the person's."""
    cache.clear()  # rate limits are kept per account id, and ids are reused between tests

    def make(person):
        _token, raw = create_token(person, "test script", 30)
        return bearer(raw)

    yield make
    cache.clear()
