"""Fixtures for starting a team: an enquiry, Olive's case led by Tess, and helpers.

Persona fixtures (``owner``, ``team``, ``representative``, ``worker``, ``family``, ``outsider``,
``team_starter`` and the foundation ones) come from ``tests/conftest.py``. Here too: ``coach``
(Coach hat in Leeds) and ``hebden_starter`` (Team Starter in the Hebden circle).
"""

import datetime
import time

import pytest
from django.core.cache import cache

from coopcare.starting import spam
from coopcare.starting.models import Case, Enquiry
from coopcare.teams.models import Representative
from tests.browser.conftest import browser_type_launch_args  # noqa: F401  (a fixture)
from tests.conftest import _member
from tests.factories import HatFactory, hat_type

TODAY = datetime.date.today


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The enquiry limit lives in the cache, keyed by address; every test client is 127.0.0.1.
    cache.clear()
    yield
    cache.clear()


def enquiry_data(**overrides) -> dict:
    """A valid enquiry, as the public form posts it (with a timestamp old enough to pass)."""
    data = {
        "for_whom": "cared_for",
        "contact_name": "Priya Patel",
        "person_name": "Mo Patel",
        "email": "priya@example.org",
        "phone": "",
        "support_kinds": ["companionship", "practical"],
        "other_help": "",
        "needs": "Dad would like company and help with shopping.",
        "timings": "Weekday mornings",
        "postcode": "ls6 1aa",
        "area": "Headingley",
        "funding": "self_funded",
        "referral_source": "family_friend",
        "referral_detail": "",
        "website": "",
        "started": spam.started_token(time.time() - 60),
    }
    data.update(overrides)
    return data


def make_enquiry(**fields) -> Enquiry:
    values = {
        "for_whom": Enquiry.ForWhom.SELF,
        "contact_name": "Olive Oyelaran",
        "email": "olive@example.org",
        "support_kinds": ["companionship"],
        "needs": "Company and help getting out.",
        "postcode": "LS6 1AA",
        "funding": "self_funded",
    }
    values.update(fields)
    return Enquiry.objects.create(**values)


@pytest.fixture
def enquiry(db) -> Enquiry:
    """A new web enquiry nobody has picked up yet."""
    return make_enquiry(contact_name="Mo Patel", email="mo@example.org")


@pytest.fixture
def case(team, team_starter, leeds_circle) -> Case:
    """Olive's case, led by Tess, with Olive linked and her team started."""
    found = make_enquiry(status=Enquiry.Status.PROCEED, local_circle=leeds_circle)
    return Case.objects.create(
        enquiry=found,
        local_circle=leeds_circle,
        team_starter=team_starter,
        person=team.owner,
        team=team,
        created_by=team_starter,
    )


@pytest.fixture
def coach(leeds_circle):
    person = _member(leeds_circle, email="cora@example.org", profile__name="Cora Coach")
    HatFactory(holder=person, circle=leeds_circle, hat_type=hat_type("coach"))
    return person


@pytest.fixture
def hebden_starter(hebden_circle):
    person = _member(hebden_circle, email="hal@example.org", profile__name="Hal Hebden")
    HatFactory(holder=person, circle=hebden_circle, hat_type=hat_type("team-starter"))
    return person


@pytest.fixture
def guardian(team):
    """Gail, Olive's health and welfare guardian, who may sign the Promise for her."""
    person = _member(email="gail@example.org", profile__name="Gail Guardian")
    Representative.objects.create(
        team=team,
        person=person,
        role=Representative.Role.GUARDIAN,
        scope=["sign_promise", "manage_profile"],
        ends_on=TODAY() + datetime.timedelta(days=365),
        recorded_by=team.owner,
    )
    return person
