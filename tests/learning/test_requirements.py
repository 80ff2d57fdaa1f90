"""The requirements engine: expiry arithmetic, the policy in force, who a topic applies to, which
records count, the strictest circle, and the gate on appointments."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from coopcare.learning.models import Interval, TeamNeed, Topic
from coopcare.learning.requirements import (
    DUE_WITHIN_DAYS,
    Status,
    blocking_gaps,
    current_topics,
    expiry_of,
    matrix_rows,
    people_ids,
    policy_for,
    requirements_of,
    status_of,
)
from coopcare.supportprofiles.models import GivingSupportProfile
from tests.factories import make_team_ready
from tests.learning.compliance import giver, team_in
from tests.learning.conftest import days_ago, learned

D = datetime.date


def topic(interval=Interval.YEARLY, months=None) -> Topic:
    return Topic(slug="t", name="T", interval=interval, custom_months=months)


# --- Expiry arithmetic --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "interval", "months", "expires"),
    [
        (D(2024, 2, 29), Interval.YEARLY, None, D(2025, 2, 28)),  # a leap day plus a year
        (D(2024, 2, 29), Interval.THREE_YEARLY, None, D(2027, 2, 28)),
        (D(2023, 3, 1), Interval.YEARLY, None, D(2024, 3, 1)),
        (D(2023, 5, 31), Interval.THREE_YEARLY, None, D(2026, 5, 31)),
        (D(2024, 8, 31), Interval.CUSTOM, 18, D(2026, 2, 28)),  # to the end of a short month
        (D(2024, 1, 31), Interval.CUSTOM, 1, D(2024, 2, 29)),
        (D(2024, 1, 15), Interval.CUSTOM, 6, D(2024, 7, 15)),
    ],
)
def test_expiry_is_the_completion_date_plus_the_interval_in_calendar_months(
    done, interval, months, expires
):
    assert expiry_of(done, topic(interval, months)) == expires


def test_a_topic_done_once_never_expires():
    once = topic(Interval.ONCE)
    assert expiry_of(D(1990, 1, 1), once) is None
    assert status_of(D(1990, 1, 1), once, D(2090, 1, 1)) == (Status.VALID, None)


def test_valid_the_day_before_expiry_and_expired_on_the_day():
    yearly = topic()
    done = D(2025, 3, 3)
    expires = D(2026, 3, 3)
    assert status_of(done, yearly, expires - datetime.timedelta(days=1)) == (Status.DUE, expires)
    assert status_of(done, yearly, expires) == (Status.EXPIRED, expires)
    assert status_of(done, yearly, expires + datetime.timedelta(days=400))[0] == Status.EXPIRED


def test_due_within_60_days_starts_exactly_60_days_before():
    yearly = topic()
    done, expires = D(2025, 6, 1), D(2026, 6, 1)
    sixty = expires - datetime.timedelta(days=DUE_WITHIN_DAYS)
    assert status_of(done, yearly, sixty)[0] == Status.DUE
    assert status_of(done, yearly, sixty - datetime.timedelta(days=1))[0] == Status.VALID


def test_nothing_recorded_is_missing():
    assert status_of(None, topic(), D(2026, 1, 1)) == (Status.MISSING, None)


SEVERITY = {Status.VALID: 0, Status.DUE: 1, Status.EXPIRED: 2}
intervals = st.one_of(
    st.sampled_from([(Interval.YEARLY, None), (Interval.THREE_YEARLY, None)]),
    st.integers(min_value=1, max_value=120).map(lambda m: (Interval.CUSTOM, m)),
)
dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))


@given(done=dates, every=intervals, gaps=st.lists(st.integers(0, 2000), min_size=2, max_size=6))
def test_expiry_follows_completion_and_status_only_gets_worse_with_time(done, every, gaps):
    """For any completion date and interval: the expiry is after the completion, and as the days
    pass the status goes valid → due → expired and never back."""
    subject = topic(*every)
    expires = expiry_of(done, subject)
    assert expires > done
    seen = []
    day = done
    for gap in gaps:
        day += datetime.timedelta(days=gap)
        status, shown_expiry = status_of(done, subject, day)
        assert shown_expiry == expires
        assert (status == Status.EXPIRED) == (day >= expires)
        seen.append(SEVERITY[status])
    assert seen == sorted(seen)


# --- The policy in force ------------------------------------------------------------------------


def _cells(circle, person, today=None) -> dict[str, Status]:
    topics = current_topics(policy_for(circle))
    rows = matrix_rows(circle, [person.pk], topics, today)
    return {cell.topic.slug: cell for cell in rows[person.pk]}


def test_changing_an_interval_moves_every_expiry(team, leeds_circle, worker):
    learned(worker, "fire-safety", days_ago(540))
    cell = _cells(leeds_circle, worker)["fire-safety"]
    assert cell.status == Status.EXPIRED
    fire = Topic.objects.get(policy__circle=leeds_circle, slug="fire-safety")
    fire.interval = Interval.THREE_YEARLY
    fire.save()
    cell = _cells(leeds_circle, worker)["fire-safety"]
    assert cell.status == Status.VALID
    assert cell.expires_on == expiry_of(days_ago(540), fire)
    fire.interval, fire.custom_months = Interval.CUSTOM, 6
    fire.save()
    assert _cells(leeds_circle, worker)["fire-safety"].status == Status.EXPIRED


def test_a_retired_topic_is_no_longer_required(team, leeds_circle, worker):
    assert "fire-safety" in _cells(leeds_circle, worker)
    Topic.objects.filter(policy__circle=leeds_circle, slug="fire-safety").update(
        retired_at=timezone.now()
    )
    assert "fire-safety" not in _cells(leeds_circle, worker)
    assert "fire-safety" not in {c.topic.slug for c in requirements_of(worker)}


# --- Who a topic applies to ---------------------------------------------------------------------


def test_a_triggered_topic_appears_and_disappears_with_the_teams_need(
    team, leeds_circle, worker, family, owner
):
    assert _cells(leeds_circle, worker)["awareness-dementia"].status == Status.NOT_REQUIRED
    need = TeamNeed.objects.create(team=team, topic_slug="awareness-dementia", marked_by=owner)
    assert _cells(leeds_circle, worker)["awareness-dementia"].status == Status.MISSING
    assert "awareness-dementia" in {c.topic.slug for c in requirements_of(worker)}
    # Family are not among the topic's member kinds; the owner gives no support.
    assert _cells(leeds_circle, family)["awareness-dementia"].status == Status.NOT_REQUIRED
    assert _cells(leeds_circle, owner)["awareness-dementia"].status == Status.NOT_REQUIRED
    learned(worker, "awareness-dementia", days_ago(10))
    assert _cells(leeds_circle, worker)["awareness-dementia"].status == Status.VALID
    need.ended_at = timezone.now()
    need.save()
    assert _cells(leeds_circle, worker)["awareness-dementia"].status == Status.NOT_REQUIRED
    assert "awareness-dementia" not in {c.topic.slug for c in requirements_of(worker)}


def test_a_need_in_another_team_does_not_apply(team, leeds_circle, worker):
    other = team_in(leeds_circle, "Nia Needs")
    TeamNeed.objects.create(team=other, topic_slug="awareness-autism", marked_by=other.owner)
    assert _cells(leeds_circle, worker)["awareness-autism"].status == Status.NOT_REQUIRED


def test_topics_follow_member_kinds_hats_and_kinds_of_support(team, leeds_circle, worker, family):
    cells = _cells(leeds_circle, worker)
    assert cells["fire-safety"].status == Status.MISSING  # workers
    assert cells["medicines-support"].status == Status.NOT_REQUIRED  # she gives no medicines
    assert cells["safer-recruitment"].status == Status.NOT_REQUIRED  # recruiters only
    assert _cells(leeds_circle, family)["fire-safety"].status == Status.NOT_REQUIRED
    assert _cells(leeds_circle, family)["oliver-mcgowan-tier-1"].status == Status.MISSING
    GivingSupportProfile.objects.create(person=worker, support_kinds=["medicines"])
    assert _cells(leeds_circle, worker)["medicines-support"].status == Status.MISSING


def test_the_matrix_lists_givers_members_and_hat_wearers_only(
    team, leeds_circle, worker, coach, outsider, dan
):
    listed = set(get_user_model().objects.filter(pk__in=people_ids(leeds_circle)))
    assert {worker, coach, team.owner} <= listed
    assert outsider not in listed and dan not in listed


# --- Which records count ------------------------------------------------------------------------


def test_an_observed_topic_counts_only_once_signed_off(team, leeds_circle, worker):
    GivingSupportProfile.objects.create(person=worker, support_kinds=["medicines"])
    record = learned(worker, "medicines-competence", days_ago(5))
    assert _cells(leeds_circle, worker)["medicines-competence"].status == Status.MISSING
    record.signed_off_at = timezone.now()
    record.save()
    assert _cells(leeds_circle, worker)["medicines-competence"].status == Status.VALID


def test_a_withdrawn_record_does_not_count(team, leeds_circle, worker):
    learned(worker, "fire-safety", days_ago(500))
    renewal = learned(worker, "fire-safety", days_ago(5))
    assert _cells(leeds_circle, worker)["fire-safety"].status == Status.VALID
    renewal.withdrawn_at = timezone.now()
    renewal.save()
    assert _cells(leeds_circle, worker)["fire-safety"].status == Status.EXPIRED


def test_the_latest_counting_record_decides(team, leeds_circle, worker):
    learned(worker, "fire-safety", days_ago(500))
    learned(worker, "fire-safety", days_ago(100))
    learned(worker, "fire-safety", days_ago(300))
    cell = _cells(leeds_circle, worker)["fire-safety"]
    assert cell.completed_on == days_ago(100)


# --- The strictest circle -----------------------------------------------------------------------


def test_requirements_of_takes_the_strictest_circle(team, leeds_circle, hebden_circle, worker):
    # Wren also gives support in a Hebden team, whose circle asks for fire safety every 6 months.
    hebden_team = team_in(hebden_circle, "Hal Hebden")
    from coopcare.teams.models import TeamMember

    TeamMember.objects.create(team=hebden_team, person=worker, kind="independent_worker")
    Topic.objects.filter(policy=policy_for(hebden_circle), slug="fire-safety").update(
        interval=Interval.CUSTOM, custom_months=6
    )
    learned(worker, "fire-safety", days_ago(240))
    assert _cells(leeds_circle, worker)["fire-safety"].status == Status.VALID
    assert _cells(hebden_circle, worker)["fire-safety"].status == Status.EXPIRED
    cells = {c.topic.slug: c for c in requirements_of(worker)}
    assert cells["fire-safety"].status == Status.EXPIRED
    assert cells["fire-safety"].expires_on == expiry_of(days_ago(240), topic(Interval.CUSTOM, 6))
    # Both in date: the earlier expiry wins.
    learned(worker, "fire-safety", days_ago(10))
    cells = {c.topic.slug: c for c in requirements_of(worker)}
    assert cells["fire-safety"].status == Status.VALID
    assert cells["fire-safety"].expires_on == expiry_of(days_ago(10), topic(Interval.CUSTOM, 6))
    # Expired and missing come first.
    assert requirements_of(worker)[0].status in (Status.EXPIRED, Status.MISSING)


# --- The gate -----------------------------------------------------------------------------------


def test_only_topics_naming_the_kinds_of_support_can_block(team, worker):
    make_team_ready(team)
    soon = days_ago(-3)
    gaps = blocking_gaps(worker, team, ["medicines"], soon)
    assert {g.topic.slug for g in gaps} == {"medicines-support", "medicines-competence"}
    assert {g.status for g in gaps} == {Status.MISSING}
    assert blocking_gaps(worker, team, ["companionship", "practical"], soon) == []
    assert {g.topic.slug for g in blocking_gaps(worker, team, ["personal_care"], soon)} == {
        "moving-people",
        "oliver-mcgowan-tier-2",
    }


def test_the_gate_asks_about_the_day_of_the_work(team, worker):
    learned(worker, "medicines-support", days_ago(300))  # expires in 65 days
    learned(worker, "medicines-competence", days_ago(10), observed=True)
    assert blocking_gaps(worker, team, ["medicines"], days_ago(-10)) == []
    [gap] = blocking_gaps(worker, team, ["medicines"], days_ago(-70))
    assert gap.topic.slug == "medicines-support" and gap.status == Status.EXPIRED


def test_the_gate_uses_the_kind_of_member_in_this_team(team, leeds_circle, worker, family):
    assert blocking_gaps(family, team, ["medicines", "personal_care"], days_ago(-3)) == []
    # Not in the team at all: nothing to say (joining is refused elsewhere).
    other = team_in(leeds_circle, "Ola Other")
    assert blocking_gaps(worker, other, ["medicines"], days_ago(-3)) == []
    volunteer = giver(team, "Vi Volunteer", kind="volunteer")
    assert blocking_gaps(volunteer, team, ["medicines"], days_ago(-3)) == []
