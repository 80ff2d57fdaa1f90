"""Changing a circle's learning policy: who may, what is checked, and what is recorded."""

import pytest
from dateutil.relativedelta import relativedelta

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import Policy, PolicyChange, Topic
from coopcare.learning.requirements import Status, current_topics, matrix_rows, policy_for
from coopcare.learning.services.policy import (
    add_topic,
    change_topic,
    how_often,
    required_of,
    restore_topic,
    retire_topic,
)
from tests.factories import hat_type
from tests.learning.conftest import days_ago, learned

REASON = "Agreed at the circle meeting of 3 March."


def _add(actor, circle, **kwargs):
    fields = {"name": "Sign language basics", "group": "Every year", "reason": REASON}
    return add_topic(actor, circle, **{**fields, **kwargs})


def test_the_coach_adds_a_topic_and_the_change_is_recorded(coach, leeds_circle):
    topic = _add(
        coach, leeds_circle, interval="custom", custom_months=18, member_kinds=["volunteer"]
    )
    assert topic.slug == "sign-language-basics"
    assert topic in current_topics(policy_for(leeds_circle))
    change = PolicyChange.objects.get(topic=topic)
    assert change.action == "added" and change.changed_by == coach and change.reason == REASON
    assert change.changes["custom_months"] == [None, 18]
    assert change.changes["slug"] == [None, "sign-language-basics"]
    event = AuditEvent.objects.get(action="learning.policy_added")
    assert event.actor == coach and event.target_id == str(topic.pk)
    assert event.detail["reason"] == REASON and event.detail["circle"] == leeds_circle.pk


def test_adding_bumps_when_the_policy_was_updated(learning_lead, leeds_circle):
    before = policy_for(leeds_circle).updated_at
    _add(learning_lead, leeds_circle)
    assert Policy.objects.get(circle=leeds_circle).updated_at > before


def test_a_second_topic_of_the_same_name_gets_a_short_name_of_its_own(coach, leeds_circle):
    first = _add(coach, leeds_circle)
    second = _add(coach, leeds_circle)
    assert (first.slug, second.slug) == ("sign-language-basics", "sign-language-basics-2")


def test_a_short_name_already_taken_is_refused_even_by_a_retired_topic(coach, leeds_circle):
    topic = _add(coach, leeds_circle, slug="bsl")
    retire_topic(coach, topic, REASON)
    with pytest.raises(DomainError) as refused:
        _add(coach, leeds_circle, slug="bsl")
    assert refused.value.field == "slug"
    with pytest.raises(DomainError, match="has this short name"):
        _add(coach, leeds_circle, name="Fire", slug="fire-safety")


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 151}, "name"),
        ({"slug": "Not A Slug"}, "slug"),
        ({"interval": "weekly"}, "interval"),
        ({"interval": "custom"}, "custom_months"),
        ({"interval": "custom", "custom_months": 0}, "custom_months"),
        ({"interval": "custom", "custom_months": 121}, "custom_months"),
        ({"interval": "yearly", "custom_months": 6}, "custom_months"),
        ({"member_kinds": ["astronaut"]}, "member_kinds"),
        ({"member_kinds": ["owner"]}, "member_kinds"),
        ({"hats": ["wizard"]}, "hats"),
        ({"support_kinds": ["juggling"]}, "support_kinds"),
        ({"group": "g" * 61}, "group"),
        ({"reason": ""}, "reason"),
        ({"reason": "   "}, "reason"),
    ],
)
def test_it_explains_what_is_wrong_and_changes_nothing(coach, leeds_circle, fields, field):
    policy_for(leeds_circle)
    count = Topic.objects.count()
    with pytest.raises(DomainError) as refused:
        _add(coach, leeds_circle, **fields)
    assert refused.value.field == field
    assert Topic.objects.count() == count and not PolicyChange.objects.exists()


def test_known_hats_and_kinds_are_kept_once_each(coach, leeds_circle):
    hat_type("recruiter")
    topic = _add(
        coach,
        leeds_circle,
        member_kinds=["independent_worker", "independent_worker"],
        hats=["recruiter"],
        support_kinds=["medicines"],
    )
    assert topic.member_kinds == ["independent_worker"] and topic.hats == ["recruiter"]


@pytest.mark.parametrize("who", ["alice", "worker", "other_coach", "outsider", "team_starter"])
def test_only_the_coach_or_learning_lead_of_the_circle_changes_it(request, leeds_circle, who):
    person = request.getfixturevalue(who)
    topic = current_topics(policy_for(leeds_circle))[0]
    with pytest.raises(NotAllowed):
        _add(person, leeds_circle)
    with pytest.raises(NotAllowed):
        change_topic(person, topic, REASON, name="Renamed")
    with pytest.raises(NotAllowed):
        retire_topic(person, topic, REASON)
    assert not PolicyChange.objects.exists()


def test_a_change_records_only_what_differs_and_keeps_the_slug(coach, leeds_circle):
    topic = Topic.objects.get(policy=policy_for(leeds_circle), slug="fire-safety")
    change_topic(coach, topic, REASON, name="Fire safety at home", group="Every year")
    topic.refresh_from_db()
    assert topic.name == "Fire safety at home" and topic.slug == "fire-safety"
    change = PolicyChange.objects.get()
    assert change.action == "changed"
    assert change.changes == {"name": ["Fire safety", "Fire safety at home"]}
    assert AuditEvent.objects.filter(action="learning.policy_changed").count() == 1


def test_a_change_that_changes_nothing_or_the_slug_is_refused(coach, leeds_circle):
    topic = Topic.objects.get(policy=policy_for(leeds_circle), slug="fire-safety")
    with pytest.raises(DomainError, match="Nothing is different"):
        change_topic(coach, topic, REASON, name="Fire safety")
    with pytest.raises(DomainError) as refused:
        change_topic(coach, topic, REASON, slug="fire")
    assert refused.value.field == "slug"
    with pytest.raises(DomainError) as refused:
        change_topic(coach, topic, "", name="Fire")
    assert refused.value.field == "reason"
    assert not PolicyChange.objects.exists()


def test_leaving_a_custom_interval_drops_its_months(coach, leeds_circle):
    topic = _add(coach, leeds_circle, interval="custom", custom_months=18)
    change_topic(coach, topic, REASON, interval="yearly")
    topic.refresh_from_db()
    assert (topic.interval, topic.custom_months) == ("yearly", None)
    assert PolicyChange.objects.filter(action="changed").get().changes["custom_months"] == [
        18,
        None,
    ]


def test_changing_an_interval_moves_every_expiry(coach, team, worker):
    circle = team.local_circle
    learned(worker, "fire-safety", days_ago(400))

    def status():
        topics = current_topics(policy_for(circle))
        cells = matrix_rows(circle, [worker.pk], topics)[worker.pk]
        return next(c for c in cells if c.topic.slug == "fire-safety")

    assert status().status == Status.EXPIRED
    topic = Topic.objects.get(policy__circle=circle, slug="fire-safety")
    change_topic(coach, topic, REASON, interval="three_yearly")
    cell = status()
    assert cell.status == Status.VALID
    assert cell.expires_on == days_ago(400) + relativedelta(years=3)
    change_topic(coach, topic, REASON, interval="custom", custom_months=14)
    assert status().status == Status.DUE


def test_retiring_and_restoring_a_topic(coach, team, worker):
    circle = team.local_circle
    topic = Topic.objects.get(policy=policy_for(circle), slug="first-aid")
    retire_topic(coach, topic, "Covered by basic life support now.")
    assert topic not in current_topics(policy_for(circle))
    with pytest.raises(DomainError, match="already retired"):
        retire_topic(coach, topic, REASON)
    restore_topic(coach, topic, "We missed it.")
    assert topic in current_topics(policy_for(circle))
    with pytest.raises(DomainError, match="not retired"):
        restore_topic(coach, topic, REASON)
    actions = list(PolicyChange.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["retired", "restored"]
    assert {e.action for e in AuditEvent.objects.filter(action__startswith="learning.policy_")} == {
        "learning.policy_retired",
        "learning.policy_restored",
    }


def test_the_interval_and_who_in_plain_words(coach, leeds_circle):
    hat_type("recruiter")
    topic = _add(
        coach,
        leeds_circle,
        interval="custom",
        custom_months=18,
        member_kinds=["independent_worker", "employed_worker"],
        hats=["recruiter"],
        support_kinds=["medicines"],
        triggered=True,
    )
    assert how_often(topic) == "every 18 months"
    lines = required_of(topic, {"recruiter": "Recruiter"})
    assert lines == [
        "People taking part as: Independent worker or Employed worker",
        "People wearing the hat: Recruiter",
        "People giving: help taking or managing medicines",
        "Only in a team whose person supported needs it",
    ]
    topic.interval, topic.custom_months = "custom", 24
    assert how_often(topic) == "every 2 years"
    fire = Topic.objects.get(policy__circle=leeds_circle, slug="fire-safety")
    assert how_often(fire) == "every year"
    open_topic = Topic(name="x", interval="once")
    assert how_often(open_topic) == "once"
    assert required_of(open_topic, {}) == ["Everyone who gives support in the circle's teams"]
