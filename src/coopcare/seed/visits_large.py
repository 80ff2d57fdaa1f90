"""Appointments for the large co-op: about two million, so calendars and care logs meet real sizes.

Every team under way (active or self-managing) gets a weekly rota of a few regular visits, each
given by one or two of its members, repeated week by week from the day its members had all
joined (teams were started up to three years ago) until four weeks ahead; a week's visit is now
and then missed. Past visits are confirmed, with the givers' time held, and a few were
cancelled; ahead, most are confirmed, some wait for their givers' answers and a few are open
slots. Care logs, confirmed by both sides, are written for the visits of the last three months
(``log_days``); older visits are marked as having had their log opened, so the care-log job
leaves them alone. Teams with no Getting Support Promise get one signed by the owner before
their first visit, and teams with a case get the face-to-face visit that personal care needs;
teams without a case never get personal care or medicines.

As in ``large.py``, rows are written in bulk with a fixed seed, without audit events, history or
notifications. The booking rules are kept by construction: givers are current members (never
the owner; volunteers never give personal care or medicines), and a person's held times never
overlap, counting travel: visits start on a grid of two-hour slots, and each held slot (or two,
for a long visit plus travel) is taken once per person.
"""

import datetime
import json
import logging
import math
import random
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from coopcare.members.models import Profile
from coopcare.seed.people import SEED, Seeder
from coopcare.seed.visits_demo import visit_note
from coopcare.starting import promise
from coopcare.starting.models import (
    PROMISE_FUNDING,
    Case,
    FaceToFaceVisit,
    PromiseSignature,
    SupportKind,
)
from coopcare.supportprofiles.models import GivingSupportProfile
from coopcare.teams.models import MemberKind, Team, TeamMember
from coopcare.visits.models import Appointment, Attendee, CareLog, CareLogConfirmation, Place
from coopcare.visits.services.recurrence_rules import local_start

log = logging.getLogger(__name__)

# Plain strings: the writer compares and writes them millions of times.
PLANNED, CONFIRMED = str(Appointment.Status.PLANNED), str(Appointment.Status.CONFIRMED)
CANCELLED = str(Appointment.Status.CANCELLED)
GIVER = str(Attendee.Role.GIVER)
JOINED, INVITED = str(Attendee.Response.JOINED), str(Attendee.Response.INVITED)
LOG_PENDING, LOG_CONFIRMED = str(CareLog.Status.PENDING), str(CareLog.Status.CONFIRMED)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)

BATCH = 5000
TEAMS_PER_CHUNK = 250
YEARS = 3
FUTURE_DAYS = 28
LOG_DAYS = 91
# Logs of visits that ended this recently still wait for someone to confirm them.
PENDING_DAYS = 2
# Visits start on a grid of two-hour slots (local time); a visit plus travel fits in one or two.
SLOT_TIMES = [datetime.time(7 + 2 * n, 30) for n in range(7)]
SLOT_MINUTES = 120
SLOTS_PER_DAY = 8
DURATIONS = [30, 45, 60, 60, 60, 90]
# A regular visit happens in most weeks, not all: holidays, hospital stays.
PRESENT = 0.92
PC, MED = SupportKind.PERSONAL_CARE.value, SupportKind.MEDICINES.value
COMPANY, PRACTICAL = SupportKind.COMPANIONSHIP.value, SupportKind.PRACTICAL.value
OUT, ONLINE = SupportKind.OUT_AND_ABOUT.value, SupportKind.ONLINE.value
# (title, kinds, place, the slots it may start in): the visits a rota is made of.
REGULATED_VISITS = [
    ("Morning visit", [PC], Place.HOME, (0, 1)),
    ("Morning visit and medicines", [PC, MED], Place.HOME, (0, 1)),
    ("Medicines", [MED], Place.HOME, (2, 3, 5)),
    ("Bedtime visit", [PC], Place.HOME, (6,)),
]
OTHER_VISITS = [
    ("Company and a cuppa", [COMPANY], Place.HOME, (2, 3, 4)),
    ("Help around the house", [PRACTICAL], Place.HOME, (1, 2, 3, 4)),
    ("Shopping", [PRACTICAL, OUT], Place.OUT, (1, 2, 3)),
    ("Out and about", [COMPANY, OUT], Place.OUT, (2, 3, 4)),
    ("Phone call", [ONLINE], Place.ONLINE, (4, 5)),
]
GIVING_KINDS = {
    MemberKind.INDEPENDENT_WORKER,
    MemberKind.EMPLOYED_WORKER,
    MemberKind.VOLUNTEER,
    MemberKind.FAMILY_FRIEND,
    MemberKind.PEER_SUPPORTER,
}
PAID_KINDS = {MemberKind.INDEPENDENT_WORKER, MemberKind.EMPLOYED_WORKER}
TABLES = [Appointment, Attendee, CareLog, CareLogConfirmation]


@dataclass
class Counts:
    teams: int = 0
    appointments: int = 0
    attendees: int = 0
    care_logs: int = 0
    confirmations: int = 0
    promises: int = 0
    face_to_face: int = 0
    seconds: float = 0.0


@dataclass
class TeamPlan:
    team_id: int
    owner_id: int
    ready: datetime.date
    regulated: bool
    # (person id, may give regulated support, travel minutes, rate in pence)
    givers: list[tuple[int, bool, int, int | None]] = field(default_factory=list)


class Calendar:
    """Aware start times by (day, slot), and every person's held slots.

    A held slot is a key ``person << 16 | day * SLOTS_PER_DAY + slot``: one int in a set, so two
    million visits fit in memory and each check is one lookup.
    """

    def __init__(self, first: datetime.date, last: datetime.date) -> None:
        self.first = first
        self.days = (last - first).days + 1
        self.starts: dict[tuple[int, int], datetime.datetime] = {}
        self.held: set[int] = set()

    def start(self, day: int, slot: int) -> datetime.datetime:
        """The slot's start as a naive UTC time: the writer does its sums without time zones."""
        key = (day, slot)
        if key not in self.starts:
            date = self.first + datetime.timedelta(days=day)
            self.starts[key] = local_start(date, SLOT_TIMES[slot]).replace(tzinfo=None)
        return self.starts[key]

    def keys(self, person: int, day: int, slot: int, span: int) -> list[int]:
        base = person << 16 | day * SLOTS_PER_DAY + slot
        return [base + n for n in range(span)]

    def free(self, keys: list[int]) -> bool:
        return not any(key in self.held for key in keys)


def _spans(minutes: int, travel: int) -> int:
    return max(1, math.ceil((minutes + travel) / SLOT_MINUTES))


def _teams(teams: Iterable | None) -> list[dict]:
    rows = Team.objects.filter(status__in=[Team.Status.ACTIVE, Team.Status.SELF_MANAGING])
    if teams is not None:
        rows = rows.filter(pk__in=[getattr(t, "pk", t) for t in teams])
    else:
        # The demo teams have their own visits (visits_demo).
        rows = rows.exclude(pk__in=Appointment.objects.values("team_id"))
    return list(rows.order_by("pk").values("pk", "owner_id", "created_at"))


def _promises_and_visits(seeder: Seeder, rng: random.Random, teams: list[dict], counts: Counts):
    """Sign the Promise where nobody has, record a face-to-face visit where a case has none;
    returns {team id: the day support may start} and the teams that may have personal care."""
    ids = [t["pk"] for t in teams]
    joined = dict(
        TeamMember.objects.current()
        .filter(team_id__in=ids)
        .values_list("team_id")
        .annotate(last=Max("joined_on"))
    )
    signed = dict(
        PromiseSignature.objects.filter(team_id__in=ids)
        .values_list("team_id")
        .annotate(last=Max("signed_on"))
    )
    names = dict(
        Profile.objects.filter(person_id__in=[t["owner_id"] for t in teams]).values_list(
            "person_id", "name"
        )
    )
    sections = promise.sections(promise.CURRENT)
    new_promises, ready = [], {}
    for team in teams:
        base = joined.get(team["pk"], team["created_at"].date())
        if team["pk"] not in signed:
            signed[team["pk"]] = base
            new_promises.append(
                PromiseSignature(
                    team_id=team["pk"],
                    signed_as=PromiseSignature.SignedAs.OWNER,
                    signer_id=team["owner_id"],
                    signer_name=(names.get(team["owner_id"]) or "The owner")[:120],
                    funding=rng.choice(PROMISE_FUNDING),
                    signed_on=base,
                    version=promise.CURRENT,
                    sections=sections,
                    recorded_by_id=team["owner_id"],
                )
            )
        ready[team["pk"]] = max(base, signed[team["pk"]]) + datetime.timedelta(days=1)
    PromiseSignature.objects.bulk_create(new_promises, batch_size=BATCH)
    counts.promises = len(new_promises)
    cases = list(
        Case.objects.filter(team_id__in=ids).values_list("pk", "team_id", "team_starter_id")
    )
    visited = set(
        FaceToFaceVisit.objects.filter(case__team_id__in=ids).values_list("case_id", flat=True)
    )
    new_visits = [
        FaceToFaceVisit(
            case_id=case_id,
            visited_on=ready[team_id] - datetime.timedelta(days=1),
            present="The person getting support and their Team Starter.",
            recorded_by_id=starter,
        )
        for case_id, team_id, starter in cases
        if case_id not in visited
    ]
    FaceToFaceVisit.objects.bulk_create(new_visits, batch_size=BATCH)
    counts.face_to_face = len(new_visits)
    return ready, {team_id for _, team_id, _ in cases}


def _plans(teams: list[dict], ready: dict[int, datetime.date], regulated: set[int]):
    ids = [t["pk"] for t in teams]
    members = list(
        TeamMember.objects.current()
        .filter(team_id__in=ids, kind__in=GIVING_KINDS)
        .order_by("team_id", "id")
        .values_list("team_id", "person_id", "kind")
    )
    profiles = {
        person: (travel or 0, rate)
        for person, travel, rate in GivingSupportProfile.objects.filter(
            person_id__in={m[1] for m in members}
        ).values_list("person_id", "travel_minutes", "hourly_rate_pence")
    }
    plans = {
        t["pk"]: TeamPlan(t["pk"], t["owner_id"], ready[t["pk"]], t["pk"] in regulated)
        for t in teams
    }
    for team_id, person, kind in members:
        travel, rate = profiles.get(person, (0, None))
        plans[team_id].givers.append((person, kind in PAID_KINDS, travel, rate))
    return [plan for plan in plans.values() if plan.givers]


@dataclass
class Rota:
    weekday: int
    slot: int
    minutes: int
    title: str
    kinds: list[str]
    place: str
    givers: list[tuple[int, bool, int, int | None]]


def _rota(rng: random.Random, plan: TeamPlan, per_week: float) -> tuple[list[Rota], float]:
    """The team's regular weekly visits, and how likely each is to happen in a given week."""
    rate = per_week * rng.uniform(0.5, 1.5)
    wanted = max(1, min(20, math.ceil(rate / PRESENT)))
    paid = [g for g in plan.givers if g[1]]
    rota: list[Rota] = []
    taken: set[tuple[int, int]] = set()
    for _ in range(wanted * 3):
        if len(rota) == wanted:
            break
        if plan.regulated and paid and rng.random() < 0.5:
            title, kinds, place, slots = rng.choice(REGULATED_VISITS)
            pool = paid
        else:
            title, kinds, place, slots = rng.choice(OTHER_VISITS)
            pool = plan.givers
        cell = (rng.randrange(7), rng.choice(slots))
        if cell in taken:
            continue  # the team already has a visit then
        taken.add(cell)
        givers = rng.sample(pool, 2 if len(pool) > 1 and rng.random() < 0.15 else 1)
        rota.append(Rota(*cell, rng.choice(DURATIONS), title, kinds, place, givers))
    return rota, min(1.0, rate / max(len(rota), 1))


class Table:
    """Plain ``INSERT … VALUES`` for one model, written with ``executemany``.

    ``bulk_create`` spends most of its time preparing each value of each model instance (about
    0.3 ms a row here); two million visits would take most of an hour. The rows are tuples of
    values already in the database's form, ids are given (so related rows can point at them
    before anything is written), and every column not listed takes the field's default.
    """

    def __init__(self, model: type, columns: list[str]) -> None:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        rest = [f for name, f in fields.items() if name not in columns]
        quote = connection.ops.quote_name
        names = [fields[c].column for c in columns] + [f.column for f in rest]
        table, listed = quote(model._meta.db_table), ", ".join(map(quote, names))
        marks = ", ".join(["%s"] * len(names))
        # Table and column names come from the model, never from outside.
        self.sql = f"INSERT INTO {table} ({listed}) VALUES ({marks})"  # noqa: S608
        self.defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        self.model = model
        self.next_id = (model.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        self.rows: list[tuple] = []

    def add(self, *values) -> int:
        """Queue a row whose values follow ``columns`` after the id; returns the new id."""
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values, *self.defaults))
        return pk

    def write(self) -> int:
        with connection.cursor() as cursor:
            for n in range(0, len(self.rows), BATCH):
                cursor.executemany(self.sql, self.rows[n : n + BATCH])
        written, self.rows = len(self.rows), []
        return written


def _moment():
    """How a naive UTC time is written: SQLite keeps naive UTC text, as Django does (with the
    default UTC connection time zone); PostgreSQL takes it aware."""
    if connection.vendor != "sqlite":
        return lambda value: value.replace(tzinfo=datetime.UTC)
    if connection.timezone_name == "UTC":
        return str
    zone = connection.timezone
    return lambda value: str(
        value.replace(tzinfo=datetime.UTC).astimezone(zone).replace(tzinfo=None)
    )


APPOINTMENT_COLUMNS = [
    "id",
    "team_id",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "support_kinds",
    "status",
    "open_slot",
    "created_by_id",
    "created_at",
    "updated_at",
    "cancelled_at",
    "cancelled_by_id",
    "cancel_reason",
    "late_cancellation",
    "checked_in_at",
    "checked_in_by_id",
    "reminded_at",
    "log_opened_at",
]
ATTENDEE_COLUMNS = [
    "id",
    "appointment_id",
    "person_id",
    "role",
    "response",
    "responded_at",
    "rate_pence",
    "travel_minutes",
    "busy_from",
    "busy_until",
    "holds_time",
]
LOG_COLUMNS = [
    "id",
    "appointment_id",
    "team_id",
    "status",
    "started_at",
    "ended_at",
    "confirmed_at",
    "created_at",
    "mood",
    "tasks",
    "eaten",
    "food_and_drink",
    "follow_up",
    "water_in_reach",
    "pendant_in_reach",
    "notes",
]
CONFIRMATION_COLUMNS = ["id", "care_log_id", "person_id", "confirmed_by_id", "version",
                        "created_at"]  # fmt: skip


class Writer:
    """Plans the visits of each team and writes them, a chunk of teams at a time."""

    def __init__(self, rng: random.Random, calendar: Calendar, counts: Counts, log_days: int):
        self.rng = rng
        self.calendar = calendar
        self.counts = counts
        self.now = timezone.now().astimezone(datetime.UTC).replace(tzinfo=None)
        self.logs_from = self.now - datetime.timedelta(days=log_days)
        self.pending_from = self.now - datetime.timedelta(days=PENDING_DAYS)
        self.moment = _moment()
        self.appointments = Table(Appointment, APPOINTMENT_COLUMNS)
        self.attendees = Table(Attendee, ATTENDEE_COLUMNS)
        self.logs = Table(CareLog, LOG_COLUMNS)
        self.confirmations = Table(CareLogConfirmation, CONFIRMATION_COLUMNS)
        self.kinds: dict[tuple, str] = {}  # the JSON text of each list of kinds, made once

    def team(self, plan: TeamPlan, per_week: float) -> None:
        rota, chance = _rota(self.rng, plan, per_week)
        calendar, rng = self.calendar, self.rng
        first = max((plan.ready - calendar.first).days, 0)
        first_weekday = (calendar.first + datetime.timedelta(days=first)).weekday()
        for entry in rota:
            for day in range(first + (entry.weekday - first_weekday) % 7, calendar.days, 7):
                if rng.random() < chance:
                    self.occurrence(plan, entry, day)

    def occurrence(self, plan: TeamPlan, entry: Rota, day: int) -> None:
        rng, calendar, at = self.rng, self.calendar, self.moment
        start = calendar.start(day, entry.slot)
        end = start + datetime.timedelta(minutes=entry.minutes)
        past = end <= self.now
        roll = rng.random()
        status = CONFIRMED
        if roll < (0.03 if past else 0.02):
            status = CANCELLED
        elif not past and roll > 0.82:
            status = PLANNED
        open_slot = status == PLANNED and roll > 0.97
        joined = status != PLANNED
        givers = [] if open_slot else entry.givers
        if status == CONFIRMED:
            keys = [
                key
                for person, _paid, travel, _rate in givers
                for key in calendar.keys(person, day, entry.slot, _spans(entry.minutes, travel))
            ]
            if not calendar.free(keys):
                return  # a giver is booked with another team then: this week's visit is skipped
            calendar.held.update(keys)
        created = at(start - datetime.timedelta(days=rng.randint(3, 21)))
        cancelled = checked_in = None
        late = False
        if status == CANCELLED:
            cancelled = start - datetime.timedelta(hours=rng.randint(2, 120))
            late = start - cancelled < datetime.timedelta(hours=48)
        elif past:
            checked_in = start + datetime.timedelta(minutes=rng.randint(0, 6))
        kinds = self.kinds.setdefault(tuple(entry.kinds), json.dumps(entry.kinds))
        starts_at, ends_at = at(start), at(end)
        pk = self.appointments.add(
            plan.team_id, entry.title, starts_at, ends_at, entry.place, kinds, status, open_slot,
            plan.owner_id, created, created, at(cancelled) if cancelled else None,
            plan.owner_id if cancelled else None,
            "Not needed this week: family visiting." if cancelled else "", late,
            at(checked_in) if checked_in else None,
            givers[0][0] if checked_in else None,
            at(start - DAY) if checked_in else None,
            # Marked even without a log, so the care-log job never opens logs for old visits.
            ends_at if checked_in else None,
        )  # fmt: skip
        response = JOINED if joined else INVITED
        holds = status == CONFIRMED
        for person, _paid, travel, rate in givers:
            self.attendees.add(
                pk, person, GIVER, response, created if joined else None,
                rate if joined else None, travel if joined else 0, starts_at,
                at(end + datetime.timedelta(minutes=travel)) if joined and travel else ends_at,
                holds,
            )  # fmt: skip
        if checked_in and end >= self.logs_from:
            self.care_log(pk, plan, entry, start, end, givers)

    def care_log(self, pk: int, plan: TeamPlan, entry: Rota, start, end, givers) -> None:
        rng, at = self.rng, self.moment
        started = start + datetime.timedelta(minutes=rng.randint(-5, 8))
        ended = end + datetime.timedelta(minutes=rng.randint(-5, 10))
        pending = end >= self.pending_from
        note = visit_note(rng, entry.kinds, entry.place, SLOT_TIMES[entry.slot].hour)
        log = self.logs.add(
            pk, plan.team_id, LOG_PENDING if pending else LOG_CONFIRMED, at(started), at(ended),
            None if pending else at(ended + HOUR), at(end), note["mood"],
            json.dumps(note["tasks"]), note["eaten"], note["food_and_drink"], note["follow_up"],
            note["water_in_reach"], note["pendant_in_reach"], note["notes"],
        )  # fmt: skip
        # A pending log waits for the owner: the givers have confirmed it.
        sides = [g[0] for g in givers] if pending else [plan.owner_id, *(g[0] for g in givers)]
        confirmed = at(ended + HOUR)
        for person in sides:
            self.confirmations.add(log, person, person, 1, confirmed)

    def write(self) -> None:
        self.counts.appointments += self.appointments.write()
        self.counts.attendees += self.attendees.write()
        self.counts.care_logs += self.logs.write()
        self.counts.confirmations += self.confirmations.write()

    def finish(self) -> None:
        """Move the id sequences past the ids given (PostgreSQL; SQLite keeps its own), and
        gather the tables' statistics. Without them SQLite's planner reads a team's visits
        through the (status, end) index, all two million of them, rather than (team, start)."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), TABLES):
                cursor.execute(sql)
            for model in TABLES:
                cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


class IndexesSetAside:
    """On SQLite, drop the visit tables' indexes while the rows go in, and make them again after.

    Each row would otherwise update nine indexes one entry at a time; building an index once
    over all the rows is several times faster. Unique indexes are made again too, so a
    duplicate would still fail the seed. PostgreSQL keeps its indexes: its exclusion constraint
    checks the no-double-booking rule as the rows go in.
    """

    def __enter__(self) -> "IndexesSetAside":
        self.indexes: list[tuple[str, str]] = []
        if connection.vendor != "sqlite":
            return self
        tables = [model._meta.db_table for model in TABLES]
        with connection.cursor() as cursor:
            marks = ", ".join(["%s"] * len(tables))
            query = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            cursor.execute(f"{query} AND tbl_name IN ({marks})", tables)  # noqa: S608
            self.indexes = cursor.fetchall()
            for name, _sql in self.indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        return self

    def __exit__(self, *exc) -> None:
        with connection.cursor() as cursor:
            for _name, sql in self.indexes:
                cursor.execute(sql)


def build_large_visits(
    seeder: Seeder,
    teams: Iterable | None = None,
    *,
    appointments: int = 2_000_000,
    log_days: int = LOG_DAYS,
) -> Counts:
    """Give the teams under way (or ``teams``) about ``appointments`` visits in all, over up to
    three years to four weeks ahead; returns what was written and how long it took."""
    started = time.monotonic()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # A bigger page cache for this connection: the indexes outgrow the default 2 MB,
            # and every insert would then read pages back from disk.
            cursor.execute("PRAGMA cache_size = -524288")
    rng = random.Random(SEED + 5)
    counts = Counts()
    rows = _teams(teams)
    ready, regulated = _promises_and_visits(seeder, rng, rows, counts)
    plans = _plans(rows, ready, regulated)
    last = seeder.today + datetime.timedelta(days=FUTURE_DAYS)
    first = last - datetime.timedelta(days=365 * YEARS)
    calendar = Calendar(first, last)
    weeks = sum(max((last - max(p.ready, first)).days, 0) for p in plans) / 7 or 1
    per_week = appointments / weeks
    writer = Writer(rng, calendar, counts, log_days)
    with IndexesSetAside():
        for n in range(0, len(plans), TEAMS_PER_CHUNK):
            for plan in plans[n : n + TEAMS_PER_CHUNK]:
                writer.team(plan, per_week)
            writer.write()
    writer.finish()
    counts.teams = len(plans)
    counts.seconds = round(time.monotonic() - started, 1)
    log.info("Large visits: %s", counts)
    return counts


def held_overlaps() -> int:
    """How many pairs of one person's held times overlap (0 when the rule holds)."""
    rows = (
        Attendee.objects.filter(holds_time=True)
        .order_by("person_id", "busy_from")
        .values_list("person_id", "busy_from", "busy_until")
    )
    overlaps, last = 0, defaultdict(lambda: None)
    for person, busy_from, busy_until in rows.iterator(chunk_size=20000):
        if last[person] is not None and busy_from < last[person]:
            overlaps += 1
        last[person] = max(busy_until, last[person] or busy_until)
    return overlaps
