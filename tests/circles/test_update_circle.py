import datetime

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import Circle
from coopcare.circles.services import update_circle
from coopcare.errors import DomainError
from tests.factories import CircleFactory


def test_it_changes_a_circle_and_records_what_changed(admin, leeds_circle):
    update_circle(admin, leeds_circle, name="  Leeds North Circle ", aim="Care in north Leeds.")
    leeds_circle.refresh_from_db()
    assert (leeds_circle.name, leeds_circle.aim) == ("Leeds North Circle", "Care in north Leeds.")
    event = AuditEvent.objects.get(action="circle.changed")
    assert (event.actor, event.target_id) == (admin, str(leeds_circle.pk))
    assert event.changes == {
        "name": ["Leeds Circle", "Leeds North Circle"],
        "aim": ["Start, support and end teams in our area.", "Care in north Leeds."],
    }


def test_it_keeps_the_slug_so_links_still_work(leeds_circle):
    update_circle(None, leeds_circle, name="Leeds North Circle")
    assert Circle.objects.get(pk=leeds_circle.pk).slug == "leeds"


def test_it_records_a_new_parent_by_its_slug(leeds_circle, hebden_circle):
    update_circle(None, leeds_circle, parent=hebden_circle)
    assert AuditEvent.objects.get().changes == {"parent": ["purpose", "hebden"]}


def test_it_records_nothing_when_nothing_changes(leeds_circle):
    update_circle(None, leeds_circle, name="Leeds Circle")
    assert not AuditEvent.objects.exists()


def test_it_turns_a_circle_into_a_helping_circle_with_its_closing_date(leeds_circle):
    update_circle(None, leeds_circle, kind="helping", closes_on=datetime.date(2027, 3, 31))
    assert AuditEvent.objects.get().changes == {
        "kind": ["local", "helping"],
        "closes_on": [None, "2027-03-31"],
    }


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "  "}, "name"),
        ({"domain": ""}, "domain"),
        ({"kind": "helping"}, "closes_on"),
        ({"closes_on": datetime.date(2027, 1, 1)}, "closes_on"),
        ({"kind": "purpose"}, "parent"),
    ],
)
def test_it_refuses_what_a_new_circle_would_be_refused(leeds_circle, fields, field):
    with pytest.raises(DomainError) as error:
        update_circle(None, leeds_circle, **fields)
    assert error.value.field == field
    leeds_circle.refresh_from_db()
    assert (leeds_circle.name, leeds_circle.kind) == ("Leeds Circle", "local")
    assert not AuditEvent.objects.exists()


def test_it_refuses_to_put_a_circle_inside_itself(leeds_circle):
    with pytest.raises(DomainError, match="cannot be inside itself") as error:
        update_circle(None, leeds_circle, parent=leeds_circle)
    assert error.value.field == "parent"


def test_it_refuses_to_put_a_circle_inside_a_circle_within_it(purpose_circle, leeds_circle):
    team = CircleFactory(name="Team Ash", parent=leeds_circle)
    with pytest.raises(DomainError, match="inside one of the circles within it"):
        update_circle(None, purpose_circle, kind="places", parent=team)
    purpose_circle.refresh_from_db()
    assert (purpose_circle.kind, purpose_circle.parent) == ("purpose", None)


def test_it_keeps_the_purpose_circle_while_someone_wears_the_admissions_hat(carol, purpose_circle):
    with pytest.raises(DomainError, match="Take off the Admissions hats first") as error:
        update_circle(None, purpose_circle, kind="places")
    assert error.value.field == "kind"


def test_it_lets_the_purpose_circle_change_kind_when_nobody_admits_there(purpose_circle):
    update_circle(None, purpose_circle, kind="places")
    assert Circle.objects.get(pk=purpose_circle.pk).kind == "places"


def test_it_refuses_fields_it_does_not_change(leeds_circle):
    with pytest.raises(TypeError, match="slug"):
        update_circle(None, leeds_circle, slug="elsewhere")
