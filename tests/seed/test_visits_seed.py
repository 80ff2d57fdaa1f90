"""The seeded appointments: the demo's three months, and the large co-op's at a tiny size."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from coopcare.medicines.models import DoseRecord, Medicine
from coopcare.notes.models import CareNote
from coopcare.seed.demo import MEMBER_EMAIL, build_demo
from coopcare.seed.people import Seeder
from coopcare.seed.visits_demo import PAST_DAYS, PENDING_DAYS
from coopcare.seed.visits_large import LOG_DAYS, build_large_visits, held_overlaps
from coopcare.starting.models import NEEDS_VISIT, FaceToFaceVisit, PromiseSignature
from coopcare.supportprofiles.models import GivingSupportProfile
from coopcare.teams.models import MemberKind, Team, TeamMember
from coopcare.visits.models import (
    Appointment,
    Attendee,
    CareLog,
    CareLogConfirmation,
    ChangeRequest,
    Series,
)
from coopcare.visits.services.recurrence_rules import compiled, occurrence_starts
from tests.factories import make_team_ready

CONFIRMED, CANCELLED = Appointment.Status.CONFIRMED, Appointment.Status.CANCELLED


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo co-op, built once for this module and undone at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_demo()
        yield
        transaction.set_rollback(True)


def _participants(log: CareLog) -> set[int]:
    givers = log.appointment.attendees.filter(role="giver", response="joined")
    return {log.team.owner_id, *givers.values_list("person_id", flat=True)}


def check_the_rules_the_services_keep() -> None:
    """Held times never overlap; only joined givers hold, with their travel and rate; givers
    are current members; volunteers give no regulated support; a Promise comes first, and a
    face-to-face visit before personal care or medicines."""
    assert held_overlaps() == 0
    profiles = {p.person_id: p for p in GivingSupportProfile.objects.all()}
    members = {
        (m.team_id, m.person_id): m.kind for m in TeamMember.objects.current().order_by("id")
    }
    signed = set(PromiseSignature.objects.values_list("team_id", flat=True))
    visited = set(FaceToFaceVisit.objects.values_list("case__team_id", flat=True))
    givers = Attendee.objects.filter(role="giver").select_related("appointment")
    for attendee in givers.iterator():
        appointment = attendee.appointment
        kind = members.get((appointment.team_id, attendee.person_id))
        assert kind not in (None, MemberKind.OWNER)
        regulated = set(appointment.support_kinds) & NEEDS_VISIT
        assert not (regulated and kind == MemberKind.VOLUNTEER)
        joined = attendee.response == Attendee.Response.JOINED
        assert attendee.holds_time == (joined and appointment.status != CANCELLED)
        if joined:
            profile = profiles.get(attendee.person_id)
            travel = (profile.travel_minutes or 0) if profile else 0
            assert attendee.travel_minutes == travel
            assert attendee.rate_pence == (profile.hourly_rate_pence if profile else None)
            assert attendee.busy_until == appointment.ends_at + datetime.timedelta(minutes=travel)
    for team_id, kinds in Appointment.objects.values_list("team_id", "support_kinds"):
        assert team_id in signed
        assert not (set(kinds) & NEEDS_VISIT) or team_id in visited


def test_it_books_visits_for_every_team_whose_promise_is_signed(demo):
    booked = set(Appointment.objects.values_list("team_id", flat=True))
    assert booked == set(PromiseSignature.objects.values_list("team_id", flat=True))
    assert len(booked) == 4


def test_it_keeps_the_rules_the_services_keep(demo):
    check_the_rules_the_services_keep()
    # Travel is counted: some held times run on past the end of the visit.
    assert Attendee.objects.filter(holds_time=True, travel_minutes__gt=0).exists()


def test_it_gives_the_running_teams_two_months_of_visits_that_happened(demo):
    now = timezone.now()
    past = Appointment.objects.filter(ends_at__lt=now)
    first = timezone.localdate(past.order_by("starts_at").first().starts_at)
    assert (timezone.localdate() - first).days in range(PAST_DAYS - 7, PAST_DAYS + 1)
    assert past.filter(status=CONFIRMED).count() > 100
    assert set(past.values_list("status", flat=True)) == {CONFIRMED, CANCELLED}
    assert past.filter(status=CANCELLED, late_cancellation=True).exists()
    for appointment in past.filter(status=CONFIRMED):
        assert appointment.log_opened_at is not None
        assert appointment.care_logs.count() == 1
    assert not CareLog.objects.filter(appointment__status=CANCELLED).exists()


def test_it_has_both_sides_confirm_the_older_logs_and_leaves_the_latest_waiting(demo):
    waiting_since = timezone.localdate() - datetime.timedelta(days=PENDING_DAYS)
    logs = CareLog.objects.select_related("appointment", "team")
    for log in logs:
        confirmed = set(
            CareLogConfirmation.objects.filter(care_log=log, version=1).values_list(
                "person_id", flat=True
            )
        )
        if log.status == CareLog.Status.CONFIRMED:
            assert confirmed == _participants(log)
            assert log.confirmed_at and log.notes and log.tasks
        else:
            assert log.status == CareLog.Status.PENDING
            assert confirmed < _participants(log)
            assert timezone.localdate(log.appointment.starts_at) >= waiting_since
    assert logs.filter(status=CareLog.Status.PENDING).count() >= 3
    waiting_for_member = logs.filter(status="pending", appointment__attendees__person__email=(
        MEMBER_EMAIL)).exclude(confirmations__person__email=MEMBER_EMAIL)  # fmt: skip
    assert waiting_for_member.exists()


def test_it_lays_out_the_month_ahead_as_weekly_series(demo):
    now = timezone.now()
    ahead = Appointment.objects.filter(starts_at__gt=now, open_slot=False)
    assert not ahead.filter(series__isnull=True).exists()
    for series in Series.objects.filter(appointments__starts_at__gt=now).distinct():
        keys = set(series.appointments.values_list("occurrence_key", flat=True))
        assert keys == set(occurrence_starts(compiled(series), now, series.generated_until))
        assert series.rule.startswith("FREQ=WEEKLY")
    assert set(ahead.values_list("team_id", flat=True)) == set(
        Appointment.objects.values_list("team_id", flat=True)
    )
    assert {a.starts_at for a in ahead} == {a.occurrence_key for a in ahead}
    assert set(ahead.values_list("status", flat=True)) == {"planned", "confirmed"}
    responses = set(Attendee.objects.filter(appointment__in=ahead).values_list("response"))
    assert responses == {("joined",), ("invited",)}
    assert max(a.starts_at for a in ahead) < now + datetime.timedelta(days=32)


def test_it_adds_an_open_slot_a_change_to_agree_medicines_and_care_notes(demo):
    slot = Appointment.objects.get(open_slot=True)
    assert slot.starts_at > timezone.now() and not slot.attendees.exists()
    change = ChangeRequest.objects.get()
    assert change.status == ChangeRequest.Status.OPEN
    assert change.appointment.status == CONFIRMED
    assert set(change.asked.all()) == {change.appointment.team.owner, change.proposed_by}
    assert list(change.answers.values_list("person", flat=True)) == [change.proposed_by_id]
    assert Medicine.objects.values("team").distinct().count() == 1
    doses = DoseRecord.objects.select_related("appointment")
    assert {d.outcome for d in doses} == {"given", "refused", "not_given"}
    assert all(
        d.appointment.starts_at <= d.due_at <= d.appointment.ends_at
        and "medicines" in d.appointment.support_kinds
        for d in doses
    )
    assert set(CareNote.objects.values_list("readership", flat=True)) == {
        "team",
        "givers",
        "named",
    }


@pytest.fixture
def tiny_large(db):
    from coopcare.seed.large import build_large

    build_large(people=300, circles=12)


def test_it_builds_the_large_co_ops_visits_at_a_tiny_size(tiny_large):
    bulk = Appointment.objects.exclude(team__owner__email__endswith="@demo.coopcare.test")
    assert 9_000 <= bulk.count() <= 15_000
    assert bulk.filter(starts_at__gt=timezone.now()).exists()
    check_the_rules_the_services_keep()
    logged = CareLog.objects.filter(appointment__in=bulk)
    assert logged.exists()
    oldest = timezone.now() - datetime.timedelta(days=LOG_DAYS + 1)
    assert not logged.filter(appointment__ends_at__lt=oldest).exists()
    # The care-log job has nothing left to open, even for visits older than the logs.
    assert not bulk.filter(status=CONFIRMED, ends_at__lt=timezone.now(), log_opened_at=None)
    # Ids were given in bulk: the next row made the ordinary way still gets a fresh one.
    appointment = bulk.first()
    appointment.pk = None
    appointment.save()
    assert appointment.pk > max(bulk.values_list("pk", flat=True).exclude(pk=appointment.pk))


def test_it_gives_named_teams_about_the_visits_asked_for(team, worker, family):
    make_team_ready(team)
    Team.objects.filter(pk=team.pk).update(status=Team.Status.ACTIVE)
    counts = build_large_visits(Seeder(), teams=[team], appointments=40)
    assert counts.teams == 1
    assert 25 <= Appointment.objects.filter(team=team).count() <= 60
    check_the_rules_the_services_keep()
