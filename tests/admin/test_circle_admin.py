"""In the admin, circles, circle membership and hats change through the circle services, so the
co-op's rules hold there too, a refusal shows on the form, and nothing is ever deleted."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.circles.admin import HatForm
from coopcare.circles.models import Circle, CircleMembership, Hat
from coopcare.circles.services import put_on_hat, take_off_hat
from coopcare.notifications.models import Notification
from tests.factories import HatFactory, MembershipFactory, UserFactory, hat_type

START = datetime.date(2026, 1, 31)


def _today() -> datetime.date:
    return timezone.localdate()


def _hat_form(circle: Circle, slug: str, holder, **changes) -> dict:
    data = {
        "circle": circle.pk,
        "hat_type": hat_type(slug).pk,
        "holder": holder.pk,
        "started_on": START.isoformat(),
        "review_on": "",
        "ends_on": "",
    }
    return data | changes


def _form_errors(response) -> dict:
    return response.context["adminform"].form.errors


def _error(response, field: str) -> str:
    return " ".join(_form_errors(response)[field])


def _changes_recorded() -> list[str]:
    """The actions of the change events written, oldest first."""
    events = AuditEvent.objects.filter(kind="change").order_by("pk")
    return list(events.values_list("action", flat=True))


@pytest.fixture
def coach_hat(alice, leeds_circle) -> Hat:
    return HatFactory(
        holder=alice,
        circle=leeds_circle,
        hat_type=hat_type("coach"),
        started_on=_today() - datetime.timedelta(days=30),
        review_on=_today() + datetime.timedelta(days=300),
    )


def _hat_change(client, hat: Hat, **changes):
    data = {"review_on": hat.review_on.isoformat(), "ends_on": ""} | changes
    return client.post(reverse("admin:circles_hat_change", args=[hat.pk]), data)


# Hats


def test_it_puts_on_a_hat_through_the_service(as_person, admin, alice, leeds_circle):
    url = reverse("admin:circles_hat_add")
    response = as_person(admin).post(url, _hat_form(leeds_circle, "facilitator", alice))
    assert response.status_code == 302
    hat = Hat.objects.get(holder=alice)
    assert (hat.circle, hat.hat_type.slug) == (leeds_circle, "facilitator")
    assert hat.review_on == datetime.date(2027, 1, 31)  # one term after the start
    event = AuditEvent.objects.get(action="hat.put_on")
    assert (event.actor, event.subject, event.target_id) == (admin, alice, str(hat.pk))
    admin_event = AuditEvent.objects.get(action="admin.hat.created")
    assert (admin_event.subject, admin_event.target_id) == (alice, str(hat.pk))
    assert admin_event.changes["review_on"] == [None, "2027-01-31"]
    assert Notification.objects.get(recipient=alice).title == (
        "You now wear the Facilitator hat in Leeds Circle"
    )


def test_it_shows_why_a_non_member_cannot_wear_a_hat_and_saves_nothing(
    as_person, admin, dan, leeds_circle
):
    url = reverse("admin:circles_hat_add")
    response = as_person(admin).post(url, _hat_form(leeds_circle, "coach", dan))
    assert response.status_code == 200
    assert _form_errors(response)["holder"] == [
        "Dan Dewhurst must be a member of Leeds Circle before wearing a hat in it."
    ]
    assert "must be a member of Leeds Circle" in response.content.decode()
    assert not Hat.objects.exists()
    assert _changes_recorded() == []
    assert not Notification.objects.exists()


def test_it_refuses_the_leader_as_delegate(as_person, admin, alice, leeds_circle):
    put_on_hat(None, leeds_circle, hat_type("leader"), alice, START)
    url = reverse("admin:circles_hat_add")
    response = as_person(admin).post(url, _hat_form(leeds_circle, "delegate", alice))
    assert response.status_code == 200
    assert "Leader and the Delegate of a circle must be different people" in _error(
        response, "holder"
    )
    assert not Hat.objects.filter(hat_type__slug="delegate").exists()
    assert _changes_recorded() == ["hat.put_on"]


def test_it_keeps_the_admissions_hat_to_the_purpose_circle(as_person, admin, alice, leeds_circle):
    url = reverse("admin:circles_hat_add")
    response = as_person(admin).post(url, _hat_form(leeds_circle, "admissions", alice))
    assert _form_errors(response)["hat_type"] == ["Only the Purpose Circle has an Admissions hat."]
    assert not Hat.objects.exists()


def test_it_asks_for_missing_values_before_checking_the_rules(as_person, admin, leeds_circle):
    data = _hat_form(leeds_circle, "coach", admin) | {"holder": ""}
    response = as_person(admin).post(reverse("admin:circles_hat_add"), data)
    assert _form_errors(response) == {"holder": ["This field is required."]}
    assert not Hat.objects.exists()


def test_it_says_why_when_the_service_refuses_after_the_form_check(
    as_person, admin, dan, leeds_circle, monkeypatch
):
    """If the records change between the form's check and the save, the save is refused too."""
    monkeypatch.setattr(HatForm, "check_rules", lambda self, data, stored: None)
    url = reverse("admin:circles_hat_add")
    response = as_person(admin).post(url, _hat_form(leeds_circle, "coach", dan), follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "must be a member of Leeds Circle" in response.content.decode()
    assert not Hat.objects.exists()
    assert _changes_recorded() == []


def test_it_takes_a_hat_off_through_the_service(as_person, admin, alice, coach_hat):
    ends_on = _today() + datetime.timedelta(days=10)
    response = _hat_change(as_person(admin), coach_hat, ends_on=ends_on.isoformat())
    assert response.status_code == 302
    coach_hat.refresh_from_db()
    assert coach_hat.ends_on == ends_on
    event = AuditEvent.objects.get(action="hat.taken_off")
    assert (event.actor, event.subject) == (admin, alice)
    admin_event = AuditEvent.objects.get(action="admin.hat.changed")
    assert admin_event.changes == {"ends_on": [None, ends_on.isoformat()]}
    assert Notification.objects.get(recipient=alice).title.startswith("Your Coach hat")


def test_it_moves_a_review_date_through_the_service(as_person, admin, coach_hat):
    review_on = _today() + datetime.timedelta(days=100)
    response = _hat_change(as_person(admin), coach_hat, review_on=review_on.isoformat())
    assert response.status_code == 302
    coach_hat.refresh_from_db()
    assert coach_hat.review_on == review_on
    assert _changes_recorded() == ["hat.review_changed", "admin.hat.changed"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"review_on": ""}, "review_on", "A hat needs a review date."),
        ({"review_on": "2020-01-01"}, "review_on", "The review date must be on or after"),
        ({"ends_on": "2020-01-01"}, "ends_on", "A hat cannot come off before the day"),
    ],
)
def test_it_refuses_dates_that_break_the_rules(
    as_person, admin, coach_hat, changes, field, message
):
    response = _hat_change(as_person(admin), coach_hat, **changes)
    assert response.status_code == 200
    assert message in _error(response, field)
    saved = Hat.objects.get(pk=coach_hat.pk)
    assert (saved.review_on, saved.ends_on) == (coach_hat.review_on, None)
    assert _changes_recorded() == []


def test_it_refuses_to_remove_a_hats_end_date(as_person, admin, coach_hat):
    take_off_hat(None, coach_hat, _today() + datetime.timedelta(days=10))
    response = _hat_change(as_person(admin), coach_hat, ends_on="")
    assert "cannot be removed" in _error(response, "ends_on")
    coach_hat.refresh_from_db()
    assert coach_hat.ends_on == _today() + datetime.timedelta(days=10)


def test_it_refuses_to_restore_a_version_that_breaks_the_rules(as_person, admin, coach_hat):
    first = coach_hat.history.earliest()
    take_off_hat(None, coach_hat, _today() + datetime.timedelta(days=10))
    url = reverse("admin:circles_hat_simple_history", args=[coach_hat.pk, first.history_id])
    response = as_person(admin).post(url, {"review_on": coach_hat.review_on, "ends_on": ""})
    assert response.status_code == 200
    assert "cannot be removed" in response.content.decode()
    coach_hat.refresh_from_db()
    assert coach_hat.ends_on is not None


def test_it_keeps_who_wears_which_hat_where(as_person, admin, bob, coach_hat):
    data = {"holder": bob.pk, "review_on": coach_hat.review_on.isoformat(), "ends_on": ""}
    url = reverse("admin:circles_hat_change", args=[coach_hat.pk])
    assert as_person(admin).post(url, data).status_code == 302
    coach_hat.refresh_from_db()
    assert coach_hat.holder.email == "alice@example.org"


def test_it_shows_a_hat_that_came_off_without_letting_it_change(as_person, admin, coach_hat):
    coach_hat.ends_on = _today() - datetime.timedelta(days=1)
    coach_hat.save()
    client = as_person(admin)
    url = reverse("admin:circles_hat_change", args=[coach_hat.pk])
    assert client.get(url).status_code == 200
    assert _hat_change(client, coach_hat, ends_on=_today().isoformat()).status_code == 403
    coach_hat.refresh_from_db()
    assert coach_hat.ends_on == _today() - datetime.timedelta(days=1)


# Circle membership


def test_it_adds_a_circle_member_through_the_service(as_person, admin, leeds_circle):
    person = UserFactory(profile__name="Nia New")
    MembershipFactory(person=person)
    data = {
        "circle": leeds_circle.pk,
        "person": person.pk,
        "participation": "learning",
        "joined_on": _today().isoformat(),
    }
    response = as_person(admin).post(reverse("admin:circles_circlemembership_add"), data)
    assert response.status_code == 302
    membership = CircleMembership.objects.get(person=person)
    assert (membership.circle, membership.participation) == (leeds_circle, "learning")
    assert _changes_recorded() == ["circle.member_added", "admin.circlemembership.created"]
    assert Notification.objects.get(recipient=person).title == (
        "You are now a member of Leeds Circle"
    )


def test_it_refuses_to_add_someone_who_is_not_a_coop_member(
    as_person, admin, applicant, leeds_circle
):
    data = {
        "circle": leeds_circle.pk,
        "person": applicant.pk,
        "participation": "full",
        "joined_on": _today().isoformat(),
    }
    response = as_person(admin).post(reverse("admin:circles_circlemembership_add"), data)
    assert _form_errors(response)["person"] == [
        "Only current members of the co-op can join a circle."
    ]
    assert not CircleMembership.objects.filter(person=applicant).exists()


def _membership_change(client, membership: CircleMembership, **changes):
    data = {"participation": membership.participation, "left_on": ""} | changes
    url = reverse("admin:circles_circlemembership_change", args=[membership.pk])
    return client.post(url, data)


def test_it_records_someone_leaving_a_circle(as_person, admin, bob):
    membership = bob.circle_memberships.get()
    response = _membership_change(as_person(admin), membership, left_on=_today().isoformat())
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == _today()
    assert _changes_recorded() == ["circle.member_removed", "admin.circlemembership.changed"]
    assert Notification.objects.get(recipient=bob).title == (
        "You are no longer a member of Leeds Circle"
    )


def test_it_changes_how_someone_takes_part(as_person, admin, bob):
    membership = bob.circle_memberships.get()
    response = _membership_change(as_person(admin), membership, participation="guest")
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.participation == "guest"
    assert AuditEvent.objects.get(action="circle.participation_changed").subject == bob


def test_it_refuses_a_leaver_who_still_wears_a_hat(as_person, admin, alice, coach_hat):
    membership = alice.circle_memberships.get()
    response = _membership_change(as_person(admin), membership, left_on=_today().isoformat())
    assert "take off Alice Ashworth's hats in Leeds Circle first (Coach)" in _error(
        response, "left_on"
    )
    membership.refresh_from_db()
    assert membership.left_on is None
    assert _changes_recorded() == []


def test_it_keeps_the_record_of_someone_who_left(as_person, admin, bob):
    membership = bob.circle_memberships.get()
    membership.left_on = _today()
    membership.save()
    response = _membership_change(as_person(admin), membership, participation="guest")
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.participation == "full"


# Circles


def _circle_form(**values) -> dict:
    data = {
        "name": "Otley Circle",
        "kind": "local",
        "parent": "",
        "aim": "Care in Otley.",
        "domain": "Teams in Otley.",
        "closes_on": "",
    }
    return data | values


def test_it_creates_a_circle_through_the_service(as_person, admin, purpose_circle):
    data = _circle_form(parent=purpose_circle.pk)
    response = as_person(admin).post(reverse("admin:circles_circle_add"), data)
    assert response.status_code == 302
    circle = Circle.objects.get(name="Otley Circle")
    assert (circle.slug, circle.parent) == ("otley-circle", purpose_circle)
    assert _changes_recorded() == ["circle.created", "admin.circle.created"]


def test_it_refuses_a_helping_circle_without_a_closing_date(as_person, admin, purpose_circle):
    data = _circle_form(kind="helping", parent=purpose_circle.pk)
    response = as_person(admin).post(reverse("admin:circles_circle_add"), data)
    assert _form_errors(response)["closes_on"] == ["A helping circle needs the date it closes."]
    assert not Circle.objects.filter(name="Otley Circle").exists()


def _circle_change(client, circle: Circle, **values):
    data = _circle_form(
        name=circle.name,
        kind=circle.kind,
        parent=circle.parent_id or "",
        aim=circle.aim,
        domain=circle.domain,
    )
    url = reverse("admin:circles_circle_change", args=[circle.pk])
    return client.post(url, data | values)


def test_it_renames_a_circle_and_keeps_its_address(as_person, admin, leeds_circle):
    response = _circle_change(as_person(admin), leeds_circle, name="Leeds North Circle")
    assert response.status_code == 302
    leeds_circle.refresh_from_db()
    assert (leeds_circle.name, leeds_circle.slug) == ("Leeds North Circle", "leeds")
    event = AuditEvent.objects.get(action="circle.changed")
    assert event.changes == {"name": ["Leeds Circle", "Leeds North Circle"]}


def test_it_refuses_to_put_a_circle_inside_one_of_its_own(
    as_person, admin, purpose_circle, leeds_circle
):
    purpose_circle.kind = "places"
    purpose_circle.save()
    response = _circle_change(as_person(admin), purpose_circle, parent=leeds_circle.pk)
    assert "cannot be inside itself" in _error(response, "parent")
    purpose_circle.refresh_from_db()
    assert purpose_circle.parent is None


def test_it_keeps_a_hat_types_slug(as_person, admin):
    admissions = hat_type("admissions")
    data = {
        "slug": "doorkeeper",
        "name": "Doorkeeper",
        "scope": "process",
        "default_term_months": 6,
    }
    url = reverse("admin:circles_hattype_change", args=[admissions.pk])
    response = as_person(admin).post(url, data)
    assert response.status_code == 302
    admissions.refresh_from_db()
    assert (admissions.slug, admissions.name) == ("admissions", "Doorkeeper")


# Pages and deleting


@pytest.mark.parametrize("model", ["circle", "circlemembership", "hat"])
def test_it_opens_the_add_and_change_pages(as_person, admin, records, model):
    client = as_person(admin)
    assert client.get(reverse(f"admin:circles_{model}_add")).status_code == 200
    change = client.get(reverse(f"admin:circles_{model}_change", args=[records[model]]))
    assert change.status_code == 200
    assert "deletelink" not in change.content.decode()


@pytest.fixture
def records(leeds_circle, alice, coach_hat) -> dict[str, int]:
    return {
        "circle": leeds_circle.pk,
        "circlemembership": alice.circle_memberships.get().pk,
        "hat": coach_hat.pk,
    }


@pytest.mark.parametrize("model", ["circle", "circlemembership", "hat"])
def test_it_offers_no_way_to_delete(as_person, admin, records, model):
    client = as_person(admin)
    url = reverse(f"admin:circles_{model}_delete", args=[records[model]])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse(f"admin:circles_{model}_changelist")
    data = {"action": "delete_selected", "_selected_action": [records[model]], "post": "yes"}
    client.post(changelist, data)
    assert "delete_selected" not in client.get(changelist).content.decode()
    assert (Circle.objects.count(), CircleMembership.objects.count(), Hat.objects.count()) == (
        2,
        1,
        1,
    )
    assert not AuditEvent.objects.filter(action__endswith=".deleted").exists()
