"""The Learning Lead's measures, computed on a small world whose answers are known.

Leeds supports Olive's team: Wren (independent worker), Fay (family, a worker member by the
fixtures) and Finn (family, not a member) give support there; Sue (a supported member) is in
the circle. In the last year Sue and Wren taught a two-hour session and Finn a ninety-minute one.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coopcare.errors import DomainError
from coopcare.learning import measures
from coopcare.learning.defaults import DEFAULT_PATHWAYS
from coopcare.learning.models import (
    LearningSession,
    Pathway,
    PathwayJourney,
    PathwayStage,
    Place,
    StageMove,
)
from coopcare.learning.requirements import Status, current_topics, matrix_rows, policy_for
from coopcare.members.models import MemberClass
from coopcare.teams.models import TeamMember
from tests.conftest import _member
from tests.factories import CircleMembershipFactory, MembershipFactory, UserFactory
from tests.learning.conftest import days_ago, learned


def _session(circle, facilitators, attended=(), absent=(), *, days=30, minutes=120, **kw):
    start = timezone.now() - datetime.timedelta(days=days)
    session = LearningSession.objects.create(
        circle=circle,
        kind="buddy",
        title="A session",
        setting="circle",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=minutes),
        offered_by=facilitators[0],
        status=kw.pop("status", LearningSession.Status.COMPLETED),
        **kw,
    )
    session.facilitators.set(facilitators)
    for person in attended:
        Place.objects.create(session=session, person=person, status=Place.Status.ATTENDED)
    for person in absent:
        Place.objects.create(session=session, person=person, status=Place.Status.ABSENT)
    return session


@pytest.fixture
def sue(leeds_circle):
    person = UserFactory(email="sue@example.org", profile__name="Sue Supported")
    MembershipFactory(person=person, member_class=MemberClass.SUPPORTED, worker_kind="")
    CircleMembershipFactory(person=person, circle=leeds_circle)
    return person


@pytest.fixture
def finn(team):
    person = UserFactory(email="finn@example.org", profile__name="Finn Friend")
    TeamMember.objects.create(team=team, person=person, kind="family_friend")
    return person


@pytest.fixture
def world(leeds_circle, hebden_circle, team, worker, family, sue, finn, dan):
    _session(leeds_circle, [sue, worker], attended=[worker], absent=[family], minutes=120)
    _session(leeds_circle, [finn], attended=[worker, sue], minutes=90, days=60)
    advocate = _member(leeds_circle, email="ada@example.org")
    advocate.memberships.update(member_class=MemberClass.ADVOCATE, worker_kind="")
    _session(leeds_circle, [advocate], attended=[worker], days=400)  # before the period
    _session(leeds_circle, [advocate], attended=[worker], status="open", days=5)  # not done
    _session(hebden_circle, [dan], attended=[worker], days=5)  # another circle
    return leeds_circle


def test_it_shares_teachers_by_member_class(world):
    found = measures.teachers_by_class(world, measures.default_period())
    assert found.sessions == 2 and found.teachers == 3
    shares = {row.key: (row.people, row.percent) for row in found.rows}
    assert shares["supported"] == (1, 33)
    assert shares["worker"] == (1, 33)
    assert shares["family_friend"] == (1, 33)
    assert shares["advocate"] == shares["getting_support"] == shares["not_member"] == (0, 0)
    assert [row.key for row in found.rows] == measures.CLASSES


def test_it_counts_learning_hours_per_person_of_each_class(world, worker, sue):
    found = measures.hours_by_class(world, measures.default_period())
    assert found.hours == 5.0  # Wren 2 + 1.5, Sue 1.5
    rows = {row.key: row for row in found.rows}
    # Worker members among the circle's people: Wren, Fay and Olive (Ada is an advocate).
    assert (rows["worker"].people, rows["worker"].attended, rows["worker"].hours) == (3, 1, 3.5)
    assert rows["worker"].per_person == round(3.5 / 3, 1)
    assert (rows["supported"].people, rows["supported"].hours) == (1, 1.5)
    assert rows["supported"].per_person == 1.5 and rows["supported"].percent == 100
    assert (rows["family_friend"].people, rows["family_friend"].hours) == (1, 0)


def test_a_person_is_classed_by_membership_then_by_team(world, owner, finn, sue, worker):
    owner.memberships.all().delete()
    classes = measures.classes_of([owner.pk, finn.pk, sue.pk, worker.pk])
    assert classes == {
        owner.pk: "getting_support",
        finn.pk: "family_friend",
        sue.pk: "supported",
        worker.pk: "worker",
    }
    MembershipFactory(person=worker, member_class=MemberClass.SUPPORTED, worker_kind="")
    assert measures.classes_of([worker.pk]) == {worker.pk: "supported"}
    nobody = UserFactory()
    assert measures.classes_of([nobody.pk]) == {nobody.pk: "not_member"}


def _learn_all_required(circle, person, on, last=None):
    topics = current_topics(policy_for(circle))
    cells = matrix_rows(circle, [person.pk], topics)[person.pk]
    required = [c.topic for c in cells if c.status != Status.NOT_REQUIRED]
    for n, topic in enumerate(required):
        when = last if (last and n == 0) else on
        learned(person, topic.slug, when, observed=topic.observed)
    return required


def test_it_measures_compliance_over_everyone_in_the_circle(world, worker, family, finn):
    learned(family, "oliver-mcgowan-tier-1", days_ago(10))
    learned(worker, "fire-safety", days_ago(10))
    learned(worker, "first-aid", days_ago(3 * 365 - 20))
    learned(worker, "basic-life-support", days_ago(400))
    found = measures.compliance(world)
    # Wren, Fay and Finn give support; Olive (the owner), Sue and Ada have nothing required.
    assert found.people == 6 and found.with_requirements == 3
    assert found.fully_compliant == 1  # Fay
    assert found.by_status["valid"] == 2 and found.by_status["due"] == 1
    assert found.by_status["expired"] == 1
    assert found.by_status["missing"] == found.required_cells - 4
    assert found.cells_share == pytest.approx(3 / found.required_cells)
    assert found.people_percent == 33


def test_compliance_costs_the_same_queries_for_each_chunk(world, team, monkeypatch):
    monkeypatch.setattr(measures, "CHUNK", 2)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            measures.compliance(world)
        return len(ctx)

    queries()  # the policy is adopted on first use
    counts = [queries()]
    for _ in range(2):
        for _n in range(2):
            person = _member()
            TeamMember.objects.create(team=team, person=person, kind="independent_worker")
        counts.append(queries())
    assert counts[2] - counts[1] == counts[1] - counts[0] <= 6


def test_it_measures_time_to_full_compliance_of_new_workers(world, team, worker):
    nia = _member(email="nia@example.org")
    TeamMember.objects.create(team=team, person=nia, kind="employed_worker", joined_on=days_ago(30))
    _learn_all_required(world, nia, days_ago(20), last=days_ago(10))
    max_ = _member(email="max@example.org")
    TeamMember.objects.create(team=team, person=max_, kind="volunteer", joined_on=days_ago(50))
    _learn_all_required(world, max_, days_ago(100))
    old = _member(email="old@example.org")
    TeamMember.objects.create(team=team, person=old, kind="volunteer", joined_on=days_ago(800))
    found = measures.time_to_compliance(world, measures.default_period())
    # Nia took 20 days, Max was ready when he came (0); Wren (joined today) is not there yet.
    assert (found.joined, found.reached, found.not_yet) == (3, 2, 1)
    assert found.median_days == 10
    assert [band.people for band in found.bands] == [2, 0, 0, 0]


def test_it_counts_progressions_from_volunteer_to_paid_work(world, worker, outsider, family):
    spec = DEFAULT_PATHWAYS[0]
    pathway = Pathway.objects.create(slug=spec["slug"], name=spec["name"])
    stages = [
        PathwayStage.objects.create(pathway=pathway, order=n, name=stage["name"])
        for n, stage in enumerate(spec["stages"], start=1)
    ]

    def journey(person, *moves):
        found = PathwayJourney.objects.create(person=person, pathway=pathway, stage=stages[0])
        for stage, on in moves:
            StageMove.objects.create(journey=found, stage=stage, reached_on=on, confirmed_by=person)

    journey(worker, (stages[0], days_ago(300)), (stages[2], days_ago(10)))
    journey(outsider, (stages[2], days_ago(10)))  # not one of the circle's people
    journey(family, (stages[2], days_ago(500)))  # before the period
    found = measures.progressions(world, measures.default_period())
    assert found.pathway == spec["name"] and found.progressions == 1
    assert [(s.name, s.people) for s in found.stages] == [
        ("Volunteer", 1),
        ("Peer supporter", 0),
        ("Paid independent worker", 1),
    ]


def test_without_the_pathway_there_are_no_progressions(world):
    found = measures.progressions(world, measures.default_period())
    assert found.pathway == "" and found.progressions == 0 and found.stages == []


def test_the_default_period_is_the_last_twelve_months():
    today = datetime.date(2024, 3, 1)
    period = measures.default_period(today)
    assert (period.start, period.end) == (datetime.date(2023, 3, 2), today)


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("2024-13-01", "", "start"),
        ("", "not a date", "end"),
        ("", "2024-03-02", "end"),
        ("2024-02-01", "2024-01-01", "start"),
        ("2010-01-01", "", "start"),
    ],
)
def test_it_refuses_a_period_that_makes_no_sense(start, end, field):
    with pytest.raises(DomainError) as error:
        measures.parse_period(start, end, today=datetime.date(2024, 3, 1))
    assert error.value.field == field


def test_it_takes_a_period_of_two_dates():
    period = measures.parse_period("2024-01-01", "2024-01-31", today=datetime.date(2024, 3, 1))
    assert period.days == 31


def test_progressions_mean_what_the_pathways_count_means(world, worker):
    from coopcare.learning.services.pathways import ensure_default_pathways, progressions

    ensure_default_pathways()
    pathway = Pathway.objects.get(slug=measures.PATHWAY_SLUG)
    last = pathway.stages.order_by("-order").first()
    journey = PathwayJourney.objects.create(person=worker, pathway=pathway, stage=last)
    StageMove.objects.create(
        journey=journey, stage=last, reached_on=days_ago(3), confirmed_by=worker
    )
    period = measures.default_period()
    found = measures.progressions(world, period)
    assert found.progressions == progressions([world.pk], since=period.start) == 1
