"""The seeded learning: the demo's (records, gating, sessions, peer learning) and the large
co-op's at a tiny size."""

import datetime

import pytest
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from coopcare.circles.models import Hat
from coopcare.learning.measures import classes_of, default_period, measures_for
from coopcare.learning.models import (
    CheckIn,
    LearningRecord,
    LearningSession,
    PathwayJourney,
    Place,
    Qualification,
    Registration,
    SessionFeedback,
    StageMove,
    SupervisionPair,
    TeacherRecognition,
    WelcomeRoute,
)
from coopcare.learning.requirements import Status, blocking_gaps, requirements_of
from coopcare.learning.services.passport import passport_of
from coopcare.members.models import Membership
from coopcare.seed.demo import MEMBER_EMAIL, build_demo
from coopcare.seed.learning_demo import GIVING_KINDS
from coopcare.teams.models import Team, TeamMember

# Every test reads the database: ask for it, so it is set up even when only the demo's tests run.
# The tiny large co-op comes first: it builds its own demo, before the module's demo exists.
pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny_large(db):
    from coopcare.seed.large import build_large

    build_large(people=300, circles=12)


def test_it_builds_the_large_co_ops_learning_at_a_tiny_size(tiny_large):
    from coopcare.seed.learning_large import BULK_PROVIDER

    bulk = LearningRecord.objects.exclude(person__email__endswith="@demo.coopcare.test")
    assert bulk.count() > 1000
    workers = TeamMember.objects.current().filter(kind__in=GIVING_KINDS)
    workers = workers.exclude(person__email__endswith="@demo.coopcare.test")
    assert set(workers.values_list("person_id", flat=True)) <= set(
        bulk.values_list("person_id", flat=True)
    )
    assert bulk.filter(provider=BULK_PROVIDER).exists()
    sessions = LearningSession.objects.exclude(offered_by__email__endswith="@demo.coopcare.test")
    assert sessions.count() > 50
    first = sessions.order_by("starts_at").first().starts_at
    assert (timezone.now() - first).days > 2 * 365
    assert sessions.filter(status="open", starts_at__gt=timezone.now()).exists()
    assert Place.objects.filter(session__in=sessions, status="attended").exists()
    assert SessionFeedback.objects.filter(session__in=sessions).exists()
    # The mix: in date, due and expired all appear in a bulk circle's matrix.
    person = bulk.order_by("person_id").values_list("person_id", flat=True).first()
    assert person is not None
    statuses = set()
    for pid in bulk.values_list("person_id", flat=True).distinct()[:60]:
        statuses |= _statuses(type(bulk.first().person).objects.get(pk=pid))
    assert {Status.VALID, Status.DUE, Status.EXPIRED} <= statuses
    # Ids were given in bulk: the next row made the ordinary way still gets a fresh one.
    record = bulk.first()
    record.pk = None
    record.save()
    assert record.pk > max(bulk.exclude(pk=record.pk).values_list("pk", flat=True))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo co-op, built once for this module and undone at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_demo()
        transaction.set_rollback(True)


def _statuses(person) -> set[str]:
    return {cell.status for cell in requirements_of(person)}


def test_every_demo_worker_and_hat_wearer_has_learning_records(demo):
    givers = TeamMember.objects.current().filter(kind__in=GIVING_KINDS).values("person_id")
    wearers = Hat.objects.current().values("holder_id")
    people = set(givers.values_list("person_id", flat=True)) | set(
        wearers.values_list("holder_id", flat=True)
    )
    recorded = set(LearningRecord.objects.values_list("person_id", flat=True))
    assert people and people <= recorded


def test_most_learning_is_in_date_some_due_and_some_expired(demo):
    counts = {status: 0 for status in Status}
    people = LearningRecord.objects.values("person").distinct()
    for person in type(demo.members[0]).objects.filter(pk__in=people):
        for cell in requirements_of(person):
            counts[cell.status] += 1
    total = sum(counts.values())
    assert counts[Status.VALID] > total / 2
    assert counts[Status.DUE] and counts[Status.EXPIRED] and counts[Status.MISSING]


def test_the_members_team_shows_a_lapsed_medicines_competence_blocking_medicines_only(demo):
    member = demo.members[1]
    assert member.email == MEMBER_EMAIL
    team = Team.objects.get(members__person=member, members__kind="independent_worker")
    worker = demo.members[20]
    assert TeamMember.objects.current().filter(team=team, person=worker).exists()
    soon = timezone.localdate() + datetime.timedelta(days=1)
    gaps = blocking_gaps(worker, team, ["medicines"], soon)
    assert [(g.topic.slug, g.status) for g in gaps] == [("medicines-competence", Status.EXPIRED)]
    assert blocking_gaps(worker, team, ["companionship"], soon) == []
    assert blocking_gaps(member, team, ["personal_care"], soon) == []
    assert {Status.DUE, Status.EXPIRED, Status.MISSING} <= _statuses(member)


def test_leeds_has_a_coach_and_a_learning_lead(demo):
    leeds = demo.circles["leeds"]
    worn = set(Hat.objects.current().filter(circle=leeds).values_list("hat_type__slug", flat=True))
    assert {"coach", "learning-lead"} <= worn


def test_there_are_qualifications_and_registrations_one_expired(demo):
    assert Qualification.objects.count() >= 3
    today = timezone.localdate()
    assert Registration.objects.filter(expires_on__lt=today).count() == 1
    assert Registration.objects.filter(expires_on__gte=today).exists()


def test_sessions_are_offered_by_every_part_of_the_membership(demo):
    past = LearningSession.objects.filter(status="completed", starts_at__lt=timezone.now())
    ahead = LearningSession.objects.filter(status="open", starts_at__gt=timezone.now())
    assert past.count() >= 3 and ahead.count() >= 2
    assert SessionFeedback.objects.filter(session__in=past).count() >= 3
    assert not LearningSession.objects.annotate(n=Count("facilitators")).filter(n=0).exists()
    assert Place.objects.filter(session__in=ahead, status="waiting").exists()
    assert LearningRecord.objects.filter(session__in=past, method="peer_session").exists()
    offered_by = [s.offered_by_id for s in LearningSession.objects.all()]
    classes = set(classes_of(offered_by).values())
    assert {"worker", "supported", "advocate"} <= classes
    family = TeamMember.objects.current().filter(kind="family_friend")
    assert set(offered_by) & set(family.values_list("person_id", flat=True))


def test_peer_learning_is_under_way(demo):
    assert TeacherRecognition.objects.filter(ended_on__isnull=True).count() >= 2
    pair = SupervisionPair.objects.get(status="active")
    assert CheckIn.objects.filter(pair=pair).count() >= 2
    route = WelcomeRoute.objects.get()
    assert 0 < route.ticks.count() < 5 and route.completed_on is None
    assert PathwayJourney.objects.exists()
    assert StageMove.objects.filter(journey__pathway__slug="volunteer-to-paid-work").exists()


def test_the_demo_passport_and_measures_have_something_to_show(demo):
    passport = passport_of(demo.members[1])
    assert passport.learning and passport.qualifications
    found = measures_for(demo.circles["leeds"], default_period())
    assert found.teachers.teachers >= 3 and found.hours.hours > 0
    assert 0 < found.compliance.cells_share < 1
    assert found.progressions.progressions == 1
    assert Membership.objects.exists()
