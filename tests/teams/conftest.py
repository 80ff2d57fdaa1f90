"""Fixtures for the teams tests: invitations, requests and trials in Olive's team.

Persona fixtures (``owner``, ``team``, ``representative``, ``worker``, ``family``, ``outsider``,
``team_starter``) come from ``tests/conftest.py``.
"""

import datetime

import pytest
from django.utils import timezone

from coopcare.teams.models import Representative, Scope
from coopcare.teams.services.membership import accept_invitation, invite_member, request_to_join
from tests.browser.conftest import browser_type_launch_args  # noqa: F401  (a fixture)
from tests.factories import UserFactory


@pytest.fixture
def invitation(owner, team, outsider):
    """Olive invites Otto to join as an independent worker."""
    return invite_member(owner, team, outsider.email, "independent_worker", "Would you like to?")


@pytest.fixture
def join_request(team, outsider):
    """Otto asks to join Olive's team as a volunteer."""
    return request_to_join(outsider, team, "volunteer", "I live round the corner.")


@pytest.fixture
def trial(owner, team, outsider):
    """Otto accepts an invitation that starts with two trial sessions."""
    invitation = invite_member(owner, team, outsider.email, "independent_worker", "", 2)
    member = accept_invitation(outsider, invitation)
    return member.trial


@pytest.fixture
def stranger(db):
    """Someone with an account who is not a member of the co-op and in no team."""
    return UserFactory(email="sam@example.org", profile__name="Sam Stranger")


def make_representative(team, person, scope=None, days: int = 365, **kwargs) -> Representative:
    return Representative.objects.create(
        team=team,
        person=person,
        role=kwargs.pop("role", Representative.Role.ADVOCATE),
        scope=list(Scope.values) if scope is None else scope,
        starts_on=kwargs.pop("starts_on", timezone.localdate() - datetime.timedelta(days=30)),
        ends_on=timezone.localdate() + datetime.timedelta(days=days),
        recorded_by=team.owner,
        **kwargs,
    )
