import datetime

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import Circle
from coopcare.circles.services import create_circle
from coopcare.errors import DomainError


def test_it_creates_a_circle_with_a_slug_from_its_name(admin, purpose_circle):
    circle = create_circle(
        admin,
        "Calder Valley Circle",
        "Care in the valley.",
        "Teams in the valley.",
        purpose_circle,
        Circle.Kind.LOCAL,
    )
    assert circle.slug == "calder-valley-circle"
    assert circle.parent == purpose_circle


def test_it_keeps_slugs_unique(purpose_circle):
    first = create_circle(None, "Leeds Circle", "Aim.", "Domain.", purpose_circle, "local")
    second = create_circle(None, "Leeds Circle", "Aim.", "Domain.", purpose_circle, "local")
    assert (first.slug, second.slug) == ("leeds-circle", "leeds-circle-2")


def test_it_records_an_audit_event(admin, purpose_circle):
    circle = create_circle(admin, "Otley Circle", "Aim.", "Domain.", purpose_circle, "local")
    event = AuditEvent.objects.get(action="circle.created")
    assert (event.actor, event.target_id) == (admin, str(circle.pk))
    assert event.detail == {"kind": "local", "parent": "purpose"}


def test_it_creates_a_helping_circle_that_closes(purpose_circle):
    circle = create_circle(
        None,
        "Winter Cover",
        "Cover over winter.",
        "Winter rota gaps.",
        purpose_circle,
        "helping",
        closes_on=datetime.date(2030, 3, 1),
    )
    assert circle.closes_on == datetime.date(2030, 3, 1)


@pytest.mark.parametrize(
    ("name", "aim", "domain", "kind", "closes_on", "field"),
    [
        (" ", "Aim.", "Domain.", "local", None, "name"),
        ("Otley Circle", "", "Domain.", "local", None, "aim"),
        ("Otley Circle", "Aim.", "  ", "local", None, "domain"),
        ("Otley Circle", "Aim.", "Domain.", "galaxy", None, "kind"),
        ("Otley Circle", "Aim.", "Domain.", "helping", None, "closes_on"),
        ("Otley Circle", "Aim.", "Domain.", "local", datetime.date(2030, 1, 1), "closes_on"),
        ("Second Purpose", "Aim.", "Domain.", "purpose", None, "parent"),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(
    purpose_circle, name, aim, domain, kind, closes_on, field
):
    with pytest.raises(DomainError) as error:
        create_circle(None, name, aim, domain, purpose_circle, kind, closes_on=closes_on)
    assert error.value.field == field
    assert Circle.objects.count() == 1
    assert not AuditEvent.objects.filter(action="circle.created").exists()
