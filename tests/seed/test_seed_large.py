"""The large scale's code paths at a tiny size: ``make bench`` builds the real thing."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from coopcare.audit.models import AuditEvent
from coopcare.circles import consent_selectors
from coopcare.circles.models import Circle, Hat
from coopcare.seed.large import build_large
from coopcare.teams.models import Team

User = get_user_model()
DEMO_SLUGS = [
    "purpose-circle",
    "west-yorkshire-places-circle",
    "calder-valley-circle",
    "leeds-circle",
    "winter-cover-helping-circle",
]


@pytest.fixture
def small_large(db):
    build_large(people=300, circles=12)


def test_it_builds_the_people_and_circles_asked_for(small_large):
    assert User.objects.count() == 300
    assert Circle.objects.exclude(kind="team").count() == 12
    assert User.objects.filter(email="member@demo.coopcare.test").exists()


def test_it_builds_a_tree_from_purpose_through_places_to_local(small_large):
    purpose = Circle.objects.get(kind="purpose")
    assert set(Circle.objects.filter(kind="places").values_list("parent", flat=True)) == {
        purpose.pk
    }
    assert not Circle.objects.filter(kind="local", parent__kind__in=["purpose", "local"]).exists()
    assert Circle.objects.filter(kind="places").count() == 4


def test_it_puts_hats_only_on_circle_members_and_never_leader_and_delegate_together(
    small_large,
):
    for hat in Hat.objects.select_related("circle"):
        assert consent_selectors.is_in_circle(hat.circle, hat.holder)
    doubled = (
        Hat.objects.filter(hat_type__slug__in=["leader", "delegate"])
        .values("circle", "holder")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not doubled.exists()
    local = Circle.objects.filter(kind="local").exclude(slug__in=DEMO_SLUGS)
    assert all(Hat.objects.filter(circle=c, hat_type__slug="leader").exists() for c in local)


def test_it_writes_audit_events_only_for_the_demo_part(small_large):
    started = AuditEvent.objects.filter(action="team.started").values_list("target_id", flat=True)
    demo_teams = Team.objects.filter(pk__in=[int(pk) for pk in started])
    demo_circles = Circle.objects.filter(Q(slug__in=DEMO_SLUGS) | Q(team__in=demo_teams))
    audited = set(
        AuditEvent.objects.filter(action="circle.created").values_list("target_id", flat=True)
    )
    assert audited == {
        str(pk) for pk in demo_circles.exclude(kind="team").values_list("pk", flat=True)
    }
    bulk_hats = [
        str(pk) for pk in Hat.objects.exclude(circle__in=demo_circles).values_list("pk", flat=True)
    ]
    assert bulk_hats
    assert not AuditEvent.objects.filter(
        target_type="circles.hat", target_id__in=bulk_hats
    ).exists()
    assert not AuditEvent.objects.filter(subject__email__endswith="@large.coopcare.test").exists()
