"""Personas shared by every test: read each test as "as <persona>, …".

* ``anonymous`` — not signed in (use the plain ``client``)
* ``applicant`` — has an account and an open membership application
* ``alice`` — a member, in the Leeds circle
* ``bob`` — another member, in the same circle as alice
* ``dan`` — a member in a different circle
* ``carol`` — a member wearing the admitting hat in the Purpose Circle
* ``admin`` — a superuser
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
