import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client

from coopcare.audit.models import AuditEvent
from coopcare.circles import consent_selectors
from coopcare.circles.models import Circle, CircleMembership, Hat
from coopcare.members.models import (
    MemberClass,
    Membership,
    MembershipApplication,
    PrivacyChoice,
    Profile,
    WorkerKind,
)
from coopcare.members.selectors import is_member
from coopcare.notifications.models import Notification
from coopcare.permissions import ADMITTING_HAT
from tests.factories import UserFactory

User = get_user_model()
DEMO_ACCOUNTS = [
    "admin@demo.coopcare.test",
    "admissions@demo.coopcare.test",
    "member@demo.coopcare.test",
    "applicant@demo.coopcare.test",
]


class Rollback(Exception):
    pass


def _seed_and_describe() -> list[tuple]:
    """Seed the demo in a transaction that is then undone, so each run starts empty."""
    found: list[tuple] = []
    with pytest.raises(Rollback), transaction.atomic():
        call_command("seed", scale="demo", stdout=io.StringIO())
        found = list(
            Profile.objects.order_by("person__email").values_list(
                "person__email", "name", "postcode", "pronouns", "languages"
            )
        )
        found += list(Hat.objects.order_by("pk").values_list("hat_type__slug", "holder__email"))
        raise Rollback
    return found


@pytest.fixture
def demo(db):
    call_command("seed", scale="demo", stdout=io.StringIO())


def test_it_builds_the_same_co_op_every_time(db):
    first = _seed_and_describe()
    assert not User.objects.exists()
    assert len(first) > 30
    assert _seed_and_describe() == first


def test_it_lets_every_demo_account_sign_in_with_the_demo_password(demo):
    for email in DEMO_ACCOUNTS:
        client = Client()
        response = client.post("/accounts/login/", {"login": email, "password": "demo-password-1"})
        assert response.status_code == 302, email
        assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)


def test_it_refuses_a_wrong_password(demo):
    client = Client()
    client.post("/accounts/login/", {"login": DEMO_ACCOUNTS[2], "password": "demo-password-2"})
    assert "_auth_user_id" not in client.session


def test_it_gives_each_demo_account_its_role(demo):
    admin, admissions, member, applicant = (User.objects.get(email=e) for e in DEMO_ACCOUNTS)
    assert admin.is_superuser and admin.is_staff
    assert (
        Hat.objects.current()
        .filter(holder=admissions, hat_type__slug=ADMITTING_HAT, circle__kind=Circle.Kind.PURPOSE)
        .exists()
    )
    assert is_member(member) and not Hat.objects.filter(holder=member).exists()
    assert CircleMembership.objects.get(person=member).circle.kind == Circle.Kind.LOCAL
    assert not member.has_perm("members.list_applications")
    assert not is_member(applicant)
    assert MembershipApplication.objects.get(applicant=applicant).status == "submitted"


def test_it_builds_the_circle_tree(demo):
    purpose = Circle.objects.get(kind=Circle.Kind.PURPOSE, parent=None)
    places = Circle.objects.get(kind=Circle.Kind.PLACES)
    assert places.parent == purpose
    local = set(Circle.objects.filter(kind=Circle.Kind.LOCAL).values_list("name", "parent"))
    assert local == {("Calder Valley Circle", places.pk), ("Leeds Circle", places.pk)}
    assert Circle.objects.get(kind=Circle.Kind.HELPING).closes_on is not None


def test_it_has_members_of_every_class_and_kind_of_work(demo):
    active = Membership.objects.active()
    assert set(active.values_list("member_class", flat=True)) == set(MemberClass.values)
    assert set(active.exclude(worker_kind="").values_list("worker_kind", flat=True)) == set(
        WorkerKind.values
    )
    assert 25 <= User.objects.count() <= 35
    assert MembershipApplication.objects.filter(status="submitted").count() == 2


def test_it_keeps_the_rules_of_hats(demo):
    hats = Hat.objects.current().select_related("hat_type")
    scopes = set(hats.values_list("hat_type__scope", flat=True))
    assert {"process", "operational"} <= scopes
    for hat in hats:
        # In a team circle, the team's members are its circle (consent_selectors.is_in_circle).
        assert consent_selectors.is_in_circle(hat.circle, hat.holder)
    pairs = hats.filter(hat_type__slug__in=["leader", "delegate"])
    holders = list(pairs.values_list("circle", "holder"))
    assert len(holders) == len(set(holders))  # nobody is Leader and Delegate of one circle


def test_it_writes_audit_events_and_notifications_through_the_services(demo):
    # Team circles are created by start_team, audited as "team.started".
    circles = Circle.objects.exclude(kind="team")
    assert AuditEvent.objects.filter(action="circle.created").count() == circles.count()
    assert (
        AuditEvent.objects.filter(action="team.started").count()
        == Circle.objects.filter(kind="team").count()
    )
    assert AuditEvent.objects.filter(action="hat.put_on").count() == Hat.objects.count()
    assert AuditEvent.objects.filter(action="hat.taken_off").count() == 1
    admissions = User.objects.get(email="admissions@demo.coopcare.test")
    assert Notification.objects.filter(recipient=admissions, kind="membership.applied").count() == 2


def test_it_mixes_privacy_choices(demo):
    audiences = set(PrivacyChoice.objects.values_list("audience", flat=True))
    assert {"only_me", "named", "circle", "members"} <= audiences


def test_it_does_nothing_if_empty_is_asked_and_people_exist(db):
    UserFactory()
    call_command("seed", scale="demo", if_empty=True, stdout=io.StringIO())
    assert User.objects.count() == 1
    assert not Circle.objects.exists()


def test_it_refuses_to_seed_on_top_of_people(db):
    UserFactory()
    with pytest.raises(CommandError, match="already has people"):
        call_command("seed", scale="demo")
    assert User.objects.count() == 1
