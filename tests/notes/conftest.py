"""Fixtures for care notes: Olive's team with Wren (independent worker), Emma (employed worker),
Fay (family), Vic (a volunteer), Nia (a volunteer the notes name), Lee (a worker who leaves),
and helpers to write notes and make upload files. Files go to a fresh folder per test."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coopcare.api.services import create_token
from coopcare.notes.services import write_note
from coopcare.teams.models import TeamMember
from tests.api.conftest import bearer
from tests.factories import HatFactory, hat_type

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _join(team, kind, email, name):
    from tests.conftest import _member

    person = _member(email=email, profile__name=name)
    TeamMember.objects.create(team=team, person=person, kind=kind)
    return person


@pytest.fixture
def employed(team):
    return _join(team, "employed_worker", "emma@example.org", "Emma Earnshaw")


@pytest.fixture
def volunteer(team):
    return _join(team, "volunteer", "vic@example.org", "Vic Vaughan")


@pytest.fixture
def named(team):
    return _join(team, "volunteer", "nia@example.org", "Nia Nolan")


@pytest.fixture
def leaver(team):
    """Lee, an independent worker in the team for now; ``leave(team, lee)`` makes him go."""
    return _join(team, "independent_worker", "lee@example.org", "Lee Lund")


def leave(team, person) -> None:
    TeamMember.objects.filter(team=team, person=person).update(
        left_on=timezone.localdate(), status=TeamMember.Status.LEFT
    )


@pytest.fixture
def coach(leeds_circle):
    from tests.conftest import _member

    person = _member(leeds_circle, email="cora@example.org", profile__name="Cora Coach")
    HatFactory(holder=person, circle=leeds_circle, hat_type=hat_type("coach"))
    return person


def note(author, team, **kwargs):
    """Write a note with sensible defaults: a day-to-day note for the whole team."""
    kwargs.setdefault("topic", "general")
    kwargs.setdefault("readership", None)
    kwargs.setdefault("title", "Breakfast")
    kwargs.setdefault("body", "Olive likes porridge with honey.")
    return write_note(author, team, **kwargs)


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def as_token():
    """``as_token(alice).get(url)`` — calls the API with a new token of the person's."""
    cache.clear()  # rate limits are kept per account id, and ids are reused between tests

    def make(person):
        _token, raw = create_token(person, "test script", 30)
        return bearer(raw)

    yield make
    cache.clear()


from tests.browser.conftest import browser_type_launch_args  # noqa: E402, F401  (a fixture)
