"""Handlers for concerns: the Leeds circle's Coach and Olive's team's Safeguarding Lead.

* ``coach`` — Cora, wears the Coach hat in the Leeds circle (which supports Team Olive)
* ``safeguarding_lead`` — Sam, in Team Olive, wears its Safeguarding Lead hat
"""

import pytest
from django.core.cache import cache

from coopcare.api.services import create_token
from coopcare.concerns.services import raise_concern
from coopcare.teams.models import TeamMember
from tests.api.conftest import bearer
from tests.conftest import _member
from tests.factories import HatFactory, hat_type


@pytest.fixture
def coach(leeds_circle):
    person = _member(leeds_circle, email="cora@example.org", profile__name="Cora Coach")
    HatFactory(holder=person, circle=leeds_circle, hat_type=hat_type("coach"))
    return person


@pytest.fixture
def safeguarding_lead(team):
    person = _member(email="sam@example.org", profile__name="Sam Safeguard")
    TeamMember.objects.create(team=team, person=person, kind="family_friend")
    HatFactory(holder=person, circle=team.circle, hat_type=hat_type("safeguarding-lead"))
    return person


@pytest.fixture
def concern(team, family, coach):
    """Fay raised a concern about Team Olive, not about safeguarding, without sharing her name."""
    return raise_concern(
        family,
        team=team,
        what_happened="Visits keep starting late.",
        happened_when="Most of last week",
        who_it_concerns="The morning visits",
        safeguarding="no",
        wants_reply=True,
        share_name=False,
    )


@pytest.fixture
def as_token():
    """``as_token(alice)`` — an API client with a new token of the person's."""
    cache.clear()

    def make(person):
        _token, raw = create_token(person, "test script", 30)
        return bearer(raw)

    yield make
    cache.clear()


from tests.browser.conftest import browser_type_launch_args  # noqa: E402, F401  (a fixture)
