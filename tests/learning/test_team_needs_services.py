"""A team marks what its person supported needs its givers to learn, and ends it."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import TeamNeed, Topic
from coopcare.learning.requirements import Status, current_topics, matrix_rows, policy_for
from coopcare.learning.services import needs
from coopcare.learning.services.needs import end_need, mark_need, offered_topics
from coopcare.learning.services.policy import retire_topic
from coopcare.notifications.models import Notification
from tests.factories import HatFactory, hat_type

KIND = "learning.new_requirement"


@pytest.fixture
def profile_holder(team, family):
    HatFactory(holder=family, circle=team.circle, hat_type=hat_type("profile-holder"))
    return family


def _status(team, person, slug):
    circle = team.local_circle
    cells = matrix_rows(circle, [person.pk], current_topics(policy_for(circle)))[person.pk]
    return next(c.status for c in cells if c.topic.slug == slug)


def test_the_owner_marks_a_need_and_the_givers_it_applies_to_are_told(team, owner, worker, family):
    assert _status(team, worker, "awareness-dementia") == Status.NOT_REQUIRED
    need = mark_need(owner, team, "awareness-dementia", "The profile says dementia now.")
    assert need.marked_by == owner and need.note == "The profile says dementia now."
    assert _status(team, worker, "awareness-dementia") == Status.MISSING
    told = Notification.objects.get(kind=KIND)
    assert told.recipient == worker
    assert told.title == "Dementia awareness is now required for your work with Team Olive Oyelaran"
    assert told.url == f"/learning/teams/{team.pk}/needs/"
    # Family and friends are not among the kinds the topic names; the owner gives no support.
    assert not Notification.objects.filter(kind=KIND, recipient__in=[family, owner]).exists()
    event = AuditEvent.objects.get(action="learning.team_need_marked")
    assert event.actor == owner and event.subject == owner
    assert event.detail == {"team": team.pk, "topic": "awareness-dementia", "givers_told": 1}
    assert "dementia now" not in str(event.detail)


def test_ending_the_need_stops_the_requirement_and_tells_the_givers(team, owner, worker):
    need = mark_need(owner, team, "awareness-dementia")
    end_need(owner, need)
    need.refresh_from_db()
    assert need.ended_at is not None and need.ended_by == owner
    assert _status(team, worker, "awareness-dementia") == Status.NOT_REQUIRED
    told = Notification.objects.filter(kind=KIND).order_by("id").last()
    assert told.recipient == worker
    assert (
        told.title
        == "Dementia awareness is no longer needed for your work with Team Olive Oyelaran"
    )
    assert told.body == "It is no longer one of your requirements."
    assert AuditEvent.objects.filter(action="learning.team_need_ended", actor=owner).exists()
    with pytest.raises(DomainError, match="already ended"):
        end_need(owner, need)


def test_a_topic_still_required_for_other_reasons_says_so(team, owner, worker):
    need = mark_need(owner, team, "fire-safety")
    end_need(owner, need)
    told = Notification.objects.filter(kind=KIND).order_by("id").last()
    assert told.body == "It is still one of your requirements for other reasons."


def test_a_topic_can_be_marked_again_once_ended(team, owner, worker):
    end_need(owner, mark_need(owner, team, "awareness-autism"))
    mark_need(owner, team, "awareness-autism")
    assert TeamNeed.objects.filter(team=team, topic_slug="awareness-autism").count() == 2


def test_one_current_need_per_topic_with_a_message_to_act_on(team, owner, monkeypatch):
    mark_need(owner, team, "awareness-stroke")
    with pytest.raises(DomainError, match="already marked as needed in this team, since") as error:
        mark_need(owner, team, "awareness-stroke")
    assert error.value.field == "topic"
    # Two people at the same moment: the database's constraint answers, in the same words.
    monkeypatch.setattr(needs, "current_need", lambda team, slug: None)
    with pytest.raises(DomainError, match="already marked as needed in this team"):
        mark_need(owner, team, "awareness-stroke")
    assert TeamNeed.objects.filter(topic_slug="awareness-stroke").count() == 1


def test_the_topic_must_be_in_the_local_circle_s_policy_and_not_retired(team, owner, coach):
    with pytest.raises(DomainError) as error:
        mark_need(owner, team, "juggling")
    assert error.value.field == "topic"
    retire_topic(
        coach, Topic.objects.get(policy=policy_for(team.local_circle), slug="awareness-ptsd"), "x"
    )
    with pytest.raises(DomainError):
        mark_need(owner, team, "awareness-ptsd")
    with pytest.raises(DomainError, match="300"):
        mark_need(owner, team, "awareness-diabetes", "x" * 301)
    assert not TeamNeed.objects.exists()


def test_triggered_topics_are_offered_first_but_any_topic_is(team):
    offered = offered_topics(team)
    first_plain = next(i for i, t in enumerate(offered) if not t.triggered)
    assert all(t.triggered for t in offered[:first_plain])
    assert not any(t.triggered for t in offered[first_plain:])
    assert offered[0].slug == "positive-behaviour-support"
    assert "fire-safety" in {t.slug for t in offered}


def test_a_representative_with_the_profile_scope_and_the_profile_holder_may_mark(
    team, representative, profile_holder
):
    mark_need(representative, team, "awareness-epilepsy")
    need = mark_need(profile_holder, team, "awareness-parkinsons")
    end_need(representative, need)


@pytest.mark.parametrize(
    "who", ["worker", "coach", "other_coach", "outsider", "team_starter", "bob"]
)
def test_nobody_else_marks_or_ends_a_need(request, team, owner, who):
    person = request.getfixturevalue(who)
    with pytest.raises(NotAllowed):
        mark_need(person, team, "awareness-dementia")
    need = mark_need(owner, team, "awareness-autism")
    with pytest.raises(NotAllowed):
        end_need(person, need)
    need.refresh_from_db()
    assert need.ended_at is None
