"""Fixtures for learning: the Leeds circle with its Coach (Cora) and Learning Lead (Lena), Olive's
team with Wren (an independent worker) and Fay (family), and Hugo, the Coach of Hebden.

``learned(person, slug, on)`` writes a counting record straight to the database (signed off when
``observed``), so tests about expiry, the matrix and gating need no service to set them up.
"""

import datetime

import pytest
from django.utils import timezone

from coopcare.learning.models import LearningRecord, Method
from tests.conftest import _member
from tests.factories import HatFactory, hat_type


def _with_hat(circle, slug, **kwargs):
    person = _member(circle, **kwargs)
    HatFactory(holder=person, circle=circle, hat_type=hat_type(slug))
    return person


@pytest.fixture
def coach(leeds_circle):
    return _with_hat(leeds_circle, "coach", email="cora@example.org", profile__name="Cora Coach")


@pytest.fixture
def learning_lead(leeds_circle):
    return _with_hat(
        leeds_circle, "learning-lead", email="lena@example.org", profile__name="Lena Lead"
    )


@pytest.fixture
def other_coach(hebden_circle):
    return _with_hat(hebden_circle, "coach", email="hugo@example.org", profile__name="Hugo Hebden")


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def learned(person, slug, on=None, *, observed=False, name=None, **kwargs) -> LearningRecord:
    on = on or timezone.localdate()
    return LearningRecord.objects.create(
        person=person,
        topic_slug=slug,
        topic_name=name or slug.replace("-", " ").capitalize(),
        completed_on=on,
        method=kwargs.pop("method", Method.OBSERVED if observed else Method.EXTERNAL_COURSE),
        recorded_by=kwargs.pop("recorded_by", person),
        signed_off_at=timezone.now() if observed else None,
        assessor_name="External assessor" if observed else "",
        **kwargs,
    )
