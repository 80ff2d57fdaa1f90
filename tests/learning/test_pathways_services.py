"""Pathways (services.pathways): defaults, progress, confirming stages, progressions."""

import datetime

import pytest
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import Pathway, PathwayStage, StageMove
from coopcare.learning.requirements import Status, policy_for
from coopcare.learning.services.pathways import (
    VOLUNTEER_TO_PAID,
    confirm_stage,
    end_journey,
    ensure_default_pathways,
    missing_for_next,
    overview,
    progressions,
    start_journey,
)
from coopcare.notifications.models import Notification
from tests.learning.conftest import days_ago, learned

STAGE_1 = ["safeguarding-adults", "safeguarding-children", "oliver-mcgowan-tier-1"]
STAGE_2 = ["communication", "dignity", "relationship-centred-care"]


@pytest.fixture
def pathway(db):
    ensure_default_pathways()
    return Pathway.objects.get(slug=VOLUNTEER_TO_PAID)


def _learn(person, slugs, on=None):
    for slug in slugs:
        learned(person, slug, on or days_ago(10))


def test_the_default_pathway_is_made_once(db):
    ensure_default_pathways()
    ensure_default_pathways()
    assert Pathway.objects.count() == 1
    stages = list(PathwayStage.objects.order_by("order"))
    assert [s.name for s in stages] == ["Volunteer", "Peer supporter", "Paid independent worker"]
    assert stages[0].topic_slugs == STAGE_1 and stages[0].steps


def test_the_overview_shows_what_is_done(worker, pathway):
    learned(worker, "safeguarding-adults", days_ago(10))
    [view] = overview(worker)
    first = view.stages[0]
    statuses = {t.topic.slug: t for t in first.topics}
    assert statuses["safeguarding-adults"].done
    assert statuses["safeguarding-children"].status == Status.MISSING
    assert view.journey is None


def test_the_status_follows_the_policy_of_the_persons_circle(worker, pathway, leeds_circle):
    topic = policy_for(leeds_circle).topics.get(slug="safeguarding-adults")
    topic.interval, topic.custom_months = "custom", 1
    topic.save()
    learned(worker, "safeguarding-adults", days_ago(40))
    [view] = overview(worker)
    statuses = {t.topic.slug: t for t in view.stages[0].topics}
    assert statuses["safeguarding-adults"].status == Status.EXPIRED


def test_a_person_starts_at_the_first_stage(worker, pathway):
    journey = start_journey(worker, pathway)
    assert journey.stage.order == 1
    assert StageMove.objects.get(journey=journey).confirmed_by == worker
    with pytest.raises(DomainError, match="already"):
        start_journey(worker, pathway)
    assert AuditEvent.objects.filter(action="learning.journey_started").count() == 1


def test_someone_taking_no_part_cannot_start(applicant, pathway):
    with pytest.raises(NotAllowed):
        start_journey(applicant, pathway)


def test_the_coach_confirms_only_when_the_stage_topics_are_in_date(worker, coach, pathway):
    journey = start_journey(worker, pathway)
    learned(worker, "safeguarding-adults", days_ago(10))
    with pytest.raises(DomainError) as refused:
        confirm_stage(coach, journey)
    message = refused.value.message
    assert "Peer supporter" in message and "Safeguarding children" in message
    assert "Safeguarding adults" not in message
    journey.refresh_from_db()
    assert journey.stage.order == 1
    _learn(worker, STAGE_1)
    move = confirm_stage(coach, journey)
    journey.refresh_from_db()
    assert journey.stage.order == 2 and move.confirmed_by == coach
    assert journey.stage_reached_on == timezone.localdate()
    assert Notification.objects.filter(recipient=worker, kind="learning.pathway").exists()
    event = AuditEvent.objects.get(action="learning.stage_confirmed")
    assert event.changes == {"stage": [1, 2]}


def test_an_expired_topic_blocks_the_stage(worker, learning_lead, pathway):
    journey = start_journey(worker, pathway)
    _learn(worker, STAGE_1, days_ago(5 * 365))
    missing = missing_for_next(journey)
    assert {t.topic.slug for t in missing} == set(STAGE_1)
    with pytest.raises(DomainError, match="expired on"):
        confirm_stage(learning_lead, journey)


def test_only_their_coach_or_learning_lead_confirms(worker, other_coach, alice, pathway):
    journey = start_journey(worker, pathway)
    _learn(worker, STAGE_1)
    for person in (worker, other_coach, alice):
        with pytest.raises(NotAllowed):
            confirm_stage(person, journey)


def test_a_coach_does_not_confirm_their_own_stage(coach, pathway):
    journey = start_journey(coach, pathway)
    _learn(coach, STAGE_1)
    with pytest.raises(NotAllowed):
        confirm_stage(coach, journey)


def test_the_last_stage_counts_as_a_progression(
    worker, coach, pathway, leeds_circle, hebden_circle
):
    journey = start_journey(worker, pathway)
    _learn(worker, STAGE_1 + STAGE_2)
    confirm_stage(coach, journey)
    assert progressions() == 0
    confirm_stage(coach, journey)
    with pytest.raises(DomainError, match="last stage"):
        confirm_stage(coach, journey)
    assert progressions() == 1
    assert progressions(circle_ids=[leeds_circle.pk]) == 1
    assert progressions(circle_ids=[hebden_circle.pk]) == 0
    assert progressions(since=timezone.localdate()) == 1
    assert progressions(since=timezone.localdate() + datetime.timedelta(days=1)) == 0


def test_progressions_is_zero_before_any_pathway_exists(db):
    assert progressions() == 0


def test_the_person_ends_their_journey_and_may_start_again(worker, coach, pathway):
    journey = start_journey(worker, pathway)
    with pytest.raises(NotAllowed):
        end_journey(coach, journey)
    end_journey(worker, journey)
    journey.refresh_from_db()
    assert journey.ended_on == timezone.localdate()
    with pytest.raises(DomainError):
        end_journey(worker, journey)
    with pytest.raises(DomainError, match="ended"):
        confirm_stage(coach, journey)
    assert start_journey(worker, pathway).pk != journey.pk
