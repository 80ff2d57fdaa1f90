"""Repeating visits: reading rules, wall-clock time across the clock changes, making the rows up
to the horizon, and the periodic job that keeps the horizon rolling."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.visits.models import Appointment, Series
from coopcare.visits.services import recurrence
from coopcare.visits.services.recurrence import HORIZON, create_series, extend_series
from coopcare.visits.services.recurrence_rules import (
    build_rule,
    describe_rule,
    local_start,
    occurrence_starts,
    parse_rule,
)
from tests.visits.conftest import at

UTC = datetime.UTC


def local(year, month, day, hour, minute=0) -> datetime.datetime:
    return local_start(datetime.date(year, month, day), datetime.time(hour, minute))


def make_series(actor, team, givers, *, rule="FREQ=DAILY;COUNT=10", first=None, **kwargs):
    return create_series(
        actor,
        team,
        title=kwargs.pop("title", "Morning visit"),
        rule=rule,
        first_start=first or at(1, 10),
        duration_minutes=kwargs.pop("minutes", 60),
        place=kwargs.pop("place", "home"),
        support_kinds=list(kwargs.pop("kinds", ["companionship"])),
        givers=list(givers),
        **kwargs,
    )


def starts(rule: str, first: datetime.datetime, days: int = 5) -> list[datetime.datetime]:
    checked = parse_rule(rule, first)
    return occurrence_starts(checked.recurrence, first, first + datetime.timedelta(days=days))


# --- Wall-clock time across the clock changes ---------------------------------------------------


def test_a_daily_ten_oclock_visit_stays_at_ten_when_the_clocks_go_forward():
    got = starts("FREQ=DAILY;COUNT=3", local(2027, 3, 27, 10))
    assert [s.astimezone(UTC).hour for s in got] == [10, 9, 9]
    assert {timezone.localtime(s).hour for s in got} == {10}


def test_a_daily_ten_oclock_visit_stays_at_ten_when_the_clocks_go_back():
    got = starts("FREQ=DAILY;COUNT=3", local(2027, 10, 30, 10))
    assert [s.astimezone(UTC).hour for s in got] == [9, 10, 10]
    assert {timezone.localtime(s).hour for s in got} == {10}


def test_a_time_the_clocks_skip_happens_an_hour_later_by_the_clock():
    """01:30 on the last Sunday of March does not exist: RFC 5545 reads it with the offset from
    before the gap, so the visit is at 01:30 GMT, which the clocks show as 02:30 BST."""
    got = starts("FREQ=DAILY;COUNT=3", local(2027, 3, 27, 1, 30))
    assert [s.astimezone(UTC).strftime("%d %H:%M") for s in got] == [
        "27 01:30",
        "28 01:30",
        "29 00:30",
    ]
    assert [timezone.localtime(s).strftime("%H:%M") for s in got] == ["01:30", "02:30", "01:30"]


def test_a_time_that_happens_twice_is_the_first_of_the_two():
    got = starts("FREQ=DAILY;COUNT=3", local(2027, 10, 30, 1, 30))
    assert [s.astimezone(UTC).strftime("%d %H:%M") for s in got] == [
        "30 00:30",
        "31 00:30",
        "01 01:30",
    ]
    assert {timezone.localtime(s).strftime("%H:%M") for s in got} == {"01:30"}


def test_a_weekly_series_keeps_its_time_across_both_changes():
    got = starts("FREQ=WEEKLY;BYDAY=TH;UNTIL=20271231", local(2027, 1, 7, 10), days=365)
    assert len(got) == 52
    assert {timezone.localtime(s).strftime("%A %H:%M") for s in got} == {"Thursday 10:00"}
    assert {s.astimezone(UTC).hour for s in got} == {9, 10}


def test_the_rows_made_over_the_march_change_are_at_ten_local(ready_team, owner, worker):
    with time_machine.travel(datetime.datetime(2027, 3, 20, 12, tzinfo=UTC), tick=False):
        series = make_series(owner, ready_team, [worker], first=local(2027, 3, 26, 10))
        rows = list(series.appointments.order_by("starts_at")[:4])
    assert [r.starts_at.astimezone(UTC).hour for r in rows] == [10, 10, 9, 9]
    assert [r.occurrence_key for r in rows] == [r.starts_at for r in rows]
    assert {timezone.localtime(r.starts_at).hour for r in rows} == {10}
    assert {timezone.localtime(r.ends_at).hour for r in rows} == {11}


# --- Reading rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("", "Say how it repeats"),
        ("DTSTART:20270101T100000\nRRULE:FREQ=DAILY;COUNT=3", "Leave the start out"),
        ("FREQ=DAILY;DTSTART=20270101T100000;COUNT=3", "Leave the start out"),
        ("FREQ=YEARLY;COUNT=3", "daily, weekly or monthly"),
        ("FREQ=HOURLY;COUNT=3", "daily, weekly or monthly"),
        ("FREQ=DAILY;BYHOUR=9,17;COUNT=3", "leave out BYHOUR"),
        ("FREQ=DAILY;BYMINUTE=30;COUNT=3", "leave out BYMINUTE"),
        ("COUNT=3", "how often"),
        ("FREQ=DAILY", "Say when it stops"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20270101", "not both"),
        ("FREQ=DAILY;COUNT=1001", "at most 1000 times"),
        ("FREQ=MONTHLY;COUNT=30", "more than two years"),
        ("FREQ=WEEKLY;UNTIL=20990101", "at most two years"),
        ("FREQ=WEEKLY;UNTIL=20200101", "before the first visit"),
        ("FREQ=WEEKLY;INTERVAL=0;COUNT=3", "gap between repeats"),
        ("FREQ=WEEKLY;BYDAY=XX;COUNT=3", "could not read"),
        ("FREQ=WEEKLY;FREQ=DAILY;COUNT=3", "twice"),
        ("FREQ=WEEKLY;BYEASTER=1;COUNT=3", "parts we do not use"),
        ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=31;COUNT=2", "never gives a visit"),
        ("nonsense", "could not read the rule near"),
    ],
)
def test_rules_we_cannot_follow_are_refused_with_a_reason(rule, message):
    with pytest.raises(DomainError, match=message) as refused:
        parse_rule(rule, at(1, 10))
    assert refused.value.field == "rule"


def test_a_rule_is_stored_in_one_form_with_its_end_in_utc():
    first = local(2027, 6, 1, 10)
    assert parse_rule("rrule:freq=weekly;byday=th,mo;until=20270630", first).text == (
        "FREQ=WEEKLY;BYDAY=TH,MO;UNTIL=20270630T225959Z"
    )
    assert parse_rule("FREQ=DAILY;COUNT=3;", first).text == "FREQ=DAILY;COUNT=3"


def test_the_form_rule_says_days_in_order_and_ends_at_the_end_of_the_last_day():
    assert build_rule("WEEKLY", weekdays=["TH", "MO"], until=datetime.date(2027, 3, 3)) == (
        "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20270303T235959Z"
    )
    assert build_rule("WEEKLY", interval=2, weekdays=["FR"], count=6) == (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=6"
    )


@pytest.mark.parametrize(
    ("rule", "first", "minutes", "words"),
    [
        (
            "FREQ=WEEKLY;BYDAY=TH,MO;UNTIL=20270303T235959Z",
            (2026, 12, 3, 10),
            60,
            "Every week on Monday and Thursday, 10:00–11:00, until 3 March 2027",
        ),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;COUNT=12",
            (2026, 12, 7, 9, 30),
            45,
            "Every 2 weeks on Monday, Wednesday and Friday, 09:30–10:15, 12 times",
        ),
        ("FREQ=DAILY;COUNT=1", (2026, 12, 7, 18), 30, "Every day, 18:00–18:30, once"),
        (
            "FREQ=WEEKLY;COUNT=4",
            (2026, 12, 7, 18),
            30,
            "Every week on Monday, 18:00–18:30, 4 times",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1MO;COUNT=6",
            (2026, 12, 7, 14),
            120,
            "Every month on the first Monday, 14:00–16:00, 6 times",
        ),
        (
            "FREQ=MONTHLY;COUNT=6",
            (2026, 12, 3, 14),
            60,
            "Every month on day 3, 14:00–15:00, 6 times",
        ),
        (
            "FREQ=DAILY;BYDAY=MO,TU;COUNT=6",
            (2026, 12, 7, 14),
            60,
            "Repeats each day on a pattern set through the API, 14:00–15:00, 6 times",
        ),
    ],
)
def test_a_rule_is_said_in_plain_words(rule, first, minutes, words):
    assert describe_rule(rule, local(*first), minutes) == words


# --- Making a series ----------------------------------------------------------------------------


def test_the_rota_holder_makes_a_series_and_each_giver_is_asked_once(
    ready_team, rota_holder, worker, family
):
    series = make_series(rota_holder, ready_team, [worker], observers=[family])
    rows = list(series.appointments.all())
    assert len(rows) == 10
    assert {r.status for r in rows} == {"planned"}
    assert all(r.occurrence_key == r.starts_at and not r.detached for r in rows)
    assert {a.person for r in rows for a in r.attendees.all()} == {worker, family}
    asked = Notification.objects.filter(kind="visits.asked_to_join")
    assert [n.recipient for n in asked.order_by("recipient__email")] == [family, worker]
    assert "Every day, 10:00–11:00, 10 times" in asked.get(recipient=worker).title
    assert AuditEvent.objects.filter(action="visits.series_created").count() == 1
    series.refresh_from_db()
    assert series.generated_until > timezone.now() + HORIZON - datetime.timedelta(minutes=1)


def test_count_gives_that_many_visits_and_until_includes_the_last_day(ready_team, owner, worker):
    counted = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    assert counted.appointments.count() == 3
    last = (timezone.localdate() + datetime.timedelta(days=4)).strftime("%Y%m%d")
    until = make_series(owner, ready_team, [worker], rule=f"FREQ=DAILY;UNTIL={last}")
    days = [timezone.localtime(a.starts_at).date() for a in until.appointments.all()]
    assert days == [timezone.localdate() + datetime.timedelta(days=n) for n in range(1, 5)]


def test_a_first_start_with_microseconds_keeps_its_first_visit(ready_team, owner, worker):
    first = timezone.now() + datetime.timedelta(days=1, microseconds=1234)
    series = make_series(owner, ready_team, [worker], rule="FREQ=WEEKLY;COUNT=3", first=first)
    rows = list(series.appointments.order_by("starts_at"))
    assert len(rows) == 3
    assert rows[0].starts_at == series.first_start == first.replace(microsecond=0)


def test_only_visits_within_the_horizon_are_made_now(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=200")
    latest = series.appointments.order_by("-starts_at").first().starts_at
    assert latest <= timezone.now() + HORIZON
    assert series.appointments.count() in {83, 84}


def test_someone_who_does_not_arrange_visits_cannot_make_a_series(ready_team, family, worker):
    with pytest.raises(NotAllowed):
        make_series(family, ready_team, [worker])
    assert not Series.objects.exists()


def test_no_series_before_the_promise_is_signed(team, owner):
    # No giver needed: the gate comes first (the ``worker`` fixture here would sign it).
    with pytest.raises(DomainError, match="Promise"):
        make_series(owner, team, [])
    assert not Series.objects.exists() and not Appointment.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"first": at(-1, 10)}, "first_start", "future"),
        ({"minutes": 0}, "duration_minutes", "1 minute to 24 hours"),
        ({"minutes": 25 * 60}, "duration_minutes", "1 minute to 24 hours"),
        ({"title": " "}, "title", "Say what"),
        ({"kinds": ["personal_care"], "givers": "volunteer"}, "givers", "volunteer"),
        ({"givers": []}, "givers", "at least one"),
        ({"givers": [999999]}, "givers", "not a member"),
        ({"rule": "FREQ=DAILY"}, "rule", "stops"),
    ],
)
def test_bad_series_are_refused_and_nothing_is_made(
    ready_team, owner, worker, volunteer, change, field, message
):
    givers = change.pop("givers", [worker])
    givers = [volunteer] if givers == "volunteer" else givers
    with pytest.raises(DomainError, match=message) as refused:
        make_series(owner, ready_team, givers, **change)
    assert refused.value.field == field
    assert not Series.objects.exists() and not Appointment.objects.exists()


# --- Keeping the horizon rolling ----------------------------------------------------------------


def test_the_job_adds_the_next_visits_and_is_idempotent(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=200")
    before = series.appointments.count()
    sooner = timezone.now() + datetime.timedelta(days=6)
    assert extend_series(now=sooner) == 0
    later = timezone.now() + datetime.timedelta(days=8)
    assert extend_series(now=later) == 8
    assert extend_series(now=later) == 0
    assert series.appointments.count() == before + 8
    asked = Notification.objects.filter(kind="visits.asked_to_join", recipient=worker)
    assert asked.count() == 2
    assert asked.latest("pk").title == "8 more visits of Morning visit are waiting for your answer"


def test_a_cancelled_visit_stays_cancelled_when_the_job_runs(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=200")
    second = series.appointments.order_by("starts_at")[1]
    recurrence.cancel_occurrence(owner, second, "Olive is away")
    assert extend_series(now=timezone.now() + datetime.timedelta(days=8)) == 8
    rows = series.appointments.filter(occurrence_key=second.occurrence_key)
    assert [r.status for r in rows] == ["cancelled"]
    assert series.appointments.exclude(status="cancelled").count() > 80


def test_a_visit_changed_on_its_own_is_not_overwritten_when_the_job_runs(ready_team, owner, worker):
    series = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=200")
    third = series.appointments.order_by("starts_at")[2]
    new_start = third.starts_at + datetime.timedelta(hours=3)
    recurrence.edit_occurrence(owner, third, title="Afternoon visit", starts_at=new_start)
    assert extend_series(now=timezone.now() + datetime.timedelta(days=8)) == 8
    rows = list(series.appointments.filter(occurrence_key=third.occurrence_key))
    assert len(rows) == 1
    assert (rows[0].title, rows[0].starts_at, rows[0].detached) == (
        "Afternoon visit",
        new_start,
        True,
    )
    assert not series.appointments.filter(starts_at=third.occurrence_key).exists()


def test_the_job_never_goes_past_a_stopped_series_or_a_closed_rule(ready_team, owner, worker):
    short = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=3")
    long = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=200", first=at(1, 14))
    recurrence.stop_series(owner, long, timezone.localdate() + datetime.timedelta(days=5), "Ends")
    assert extend_series(now=timezone.now() + datetime.timedelta(days=30)) == 0
    assert short.appointments.count() == 3
    assert long.appointments.exclude(status="cancelled").count() == 4


def test_the_job_skips_a_giver_who_has_left_and_a_series_nobody_can_give(
    ready_team, owner, worker, rota_holder
):
    from coopcare.teams.models import TeamMember

    both = make_series(owner, ready_team, [worker, rota_holder], rule="FREQ=DAILY;COUNT=200")
    alone = make_series(owner, ready_team, [worker], rule="FREQ=DAILY;COUNT=200", first=at(1, 15))
    counts = (both.appointments.count(), alone.appointments.count())
    TeamMember.objects.filter(team=ready_team, person=worker).update(
        status=TeamMember.Status.LEFT, left_on=timezone.localdate()
    )
    assert extend_series(now=timezone.now() + datetime.timedelta(days=8)) == 8
    newest = both.appointments.order_by("-starts_at").first()
    assert [a.person for a in newest.attendees.all()] == [rota_holder]
    assert (both.appointments.count(), alone.appointments.count()) == (counts[0] + 8, counts[1])
