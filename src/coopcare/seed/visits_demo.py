"""Demo appointments, care logs, care notes and medicines: three months of the teams' weeks.

The two teams that are under way (the full team in Leeds and the self-managing one) have run for
two months: weekly visits, each confirmed, with a care log both sides confirmed, and a few logs
from the last days still waiting. Every team ready for support (its Promise signed) has a weekly
series for the month ahead, some visits joined and some still waiting for an answer. The full
team also has an open slot, a change waiting for consent, medicines with doses recorded, and
care notes for different readers. Dates are relative to today, so the demo is always current.

The rows are written directly: the services are for people, and these visits are the starting
state, not changes anybody made (the workers' travel times are their own choice, so they go
through the Giving Support Profile service). The rules the services keep are kept by
construction: visits only after a signed Promise (and a face-to-face visit before personal
care or medicines), givers are current members and volunteers never give regulated support, and
nobody's held times overlap, counting travel (``HeldTimes``). This module draws on its own seeded
randomness, so the rest of the demo co-op, and the large co-op built after it, stay as they were.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from coopcare.medicines.models import DoseRecord, Medicine
from coopcare.notes.models import CareNote, Readership, Topic
from coopcare.seed.people import SEED, Seeder
from coopcare.starting.models import FaceToFaceVisit, PromiseSignature, SupportKind
from coopcare.supportprofiles.models import GivingSupportProfile
from coopcare.supportprofiles.services.giving import update_giving_profile
from coopcare.teams.models import Team, TeamMember
from coopcare.visits.models import (
    Appointment,
    Attendee,
    CareLog,
    CareLogConfirmation,
    ChangeAnswer,
    ChangeRequest,
    Eaten,
    Mood,
    Place,
    Series,
    Task,
)
from coopcare.visits.services.recurrence import HORIZON
from coopcare.visits.services.recurrence_rules import (
    build_rule,
    compiled,
    local_start,
    occurrence_starts,
    parse_rule,
)

PC, MED = SupportKind.PERSONAL_CARE.value, SupportKind.MEDICINES.value
COMPANY, PRACTICAL = SupportKind.COMPANIONSHIP.value, SupportKind.PRACTICAL.value
OUT = SupportKind.OUT_AND_ABOUT.value
PAST_DAYS = 60
FUTURE_DAYS = 30
# Logs of visits on the last few days still wait for someone to confirm them.
PENDING_DAYS = 3
JORDAN = 1  # member@demo.coopcare.test, who gives personal care in the full team
# The answers givers have given to the month ahead.
JOINED, SOON, ASKED = "joined", "soon", "asked"
SOON_DAYS = 14
# Minutes each worker keeps free after a visit to get to the next (member index: minutes).
TRAVEL = {1: 15, 7: 15, 11: 20, 12: 15, 18: 20, 20: 10}


@dataclass(frozen=True)
class Weekly:
    """One weekly visit of a team's rota: when, what, and who gives it."""

    title: str
    days: tuple[str, ...]
    at: datetime.time
    minutes: int
    kinds: tuple[str, ...]
    place: str
    past: tuple[int, ...]  # who gave it over the last two months (member indices)
    future: tuple[int, ...]  # who is asked for the month ahead
    answer: str = JOINED  # how the asked givers have answered so far
    count: int | None = None  # a number of visits rather than a month


def _t(hour: int, minute: int = 0) -> datetime.time:
    return datetime.time(hour, minute)


# Keyed like DemoTeams.teams. Teams with visits in ``past`` have been running for two months.
ROTAS: dict[str, list[Weekly]] = {
    "active": [
        Weekly("Morning visit: washing and dressing", ("MO", "TH"), _t(8, 30), 60, (PC,),
               Place.HOME, (1,), (1,)),
        Weekly("Lunch and medicines", ("TU", "FR"), _t(12), 60, (MED, PRACTICAL), Place.HOME,
               (20,), (20,), SOON),
        Weekly("Afternoon walk and a cuppa", ("WE",), _t(14), 90, (COMPANY, OUT), Place.OUT,
               (9,), (9,), ASKED),
        Weekly("Bath day", ("SU",), _t(10), 75, (PC,), Place.HOME, (1, 20), (1, 20)),
    ],
    "self_managing": [
        Weekly("Morning visit", ("MO", "WE", "FR"), _t(8), 60, (PC,), Place.HOME, (11,), (11,)),
        # The worker who gave notice hands his mornings over to a colleague.
        Weekly("Morning visit", ("TU", "TH"), _t(8), 60, (PC,), Place.HOME, (7,), (6,), SOON),
        Weekly("Evening medicines", ("MO", "TU", "WE", "TH", "FR"), _t(18), 30, (MED,),
               Place.HOME, (6,), (6,)),
    ],
    "represented": [
        Weekly("Shopping trip", ("TU",), _t(10), 120, (PRACTICAL, OUT), Place.OUT, (), (18,),
               SOON),
        Weekly("Help around the house", ("FR",), _t(10), 90, (PRACTICAL,), Place.HOME, (),
               (18,)),
    ],
    # A three-session trial (see teams_demo): the worker has not answered yet.
    "trial": [
        Weekly("Trial visit: getting to know each other", ("WE",), _t(11), 90, (COMPANY,),
               Place.HOME, (), (12,), ASKED, count=3),
    ],
}  # fmt: skip
# Who arranges each team's month ahead: a member index, or None for the owner.
ARRANGERS: dict[str, int | None] = {
    "active": 22,
    "self_managing": 11,
    "represented": 14,
    "trial": None,
}
KIND_TASKS: dict[str, tuple[str, ...]] = {
    PC: ("personal_care", "toileting"),
    MED: ("medicines",),
    PRACTICAL: ("housework", "food_and_drink", "shopping"),
    COMPANY: ("company",),
    OUT: ("outing",),
    SupportKind.ONLINE.value: ("company",),
}
VISIT_NOTES: dict[str, list[str]] = {
    PC: [
        "Helped with a wash and getting dressed; chose the blue cardigan today.",
        "Shower went well. Creamed the dry skin on both heels as the district nurse showed us.",
        "A slow start: stiff knees this morning, so we took the stairs one at a time.",
        "Strip wash at the sink, then breakfast in the chair by the window.",
    ],
    MED: [
        "Medicines from the blister pack, with water. Recorded on the MAR.",
        "Evening tablets taken with a glass of milk; no problems.",
    ],
    PRACTICAL: [
        "Changed the bed and put a wash on. Soup and a sandwich for lunch.",
        "Hoovered downstairs and wiped the kitchen; shopping list written together.",
        "Big shop at the market; unpacked and put the frozen things away.",
    ],
    COMPANY: [
        "Crossword and a long chat about the old bus routes.",
        "Looked through photos of the allotment; planning what to plant next year.",
    ],
    OUT: [
        "Walked to the park and back, with a rest on the bench by the pond.",
        "Bus into town; coffee at the usual place.",
    ],
}
FOLLOW_UPS = [
    "Running low on shower gel: added to the shopping list.",
    "Mentioned the left knee is sore again; worth raising with the GP if it carries on.",
    "The smoke alarm in the hall is chirping: it needs a new battery.",
    "Asked whether someone could help with the garden bins on Thursdays.",
]
WET = "Too wet for a walk; we talked on the phone instead."
FOODS = [
    "Porridge with honey and a cup of tea.",
    "Soup and a cheese sandwich; a glass of squash.",
    "Fish pie, peas, then a yoghurt. Two cups of tea.",
    "Toast and marmalade; orange juice.",
]


class HeldTimes:
    """The times each person holds so far, so that no two of them overlap.

    The rule ``booking.claim_time`` keeps for people; seeded rows never pass through it, so the
    seed checks every time it makes a giver hold.
    """

    def __init__(self) -> None:
        self.ranges: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = defaultdict(
            list
        )

    def free(self, person_id: int, start: datetime.datetime, end: datetime.datetime) -> bool:
        return all(end <= a or start >= b for a, b in self.ranges[person_id])

    def hold(self, person_id: int, start: datetime.datetime, end: datetime.datetime) -> None:
        self.ranges[person_id].append((start, end))


@dataclass
class Giver:
    person: object
    travel: int
    rate: int | None


@dataclass
class DemoVisits:
    appointments: list[Appointment] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    care_logs: list[CareLog] = field(default_factory=list)


TASK_ORDER = [str(task) for task in Task.values]
MOODS = [str(Mood.GOOD), str(Mood.OK), str(Mood.LOW), str(Mood.UNWELL)]
MOOD_WEIGHTS = [60, 30, 8, 2]
EATEN = [str(Eaten.ALL), str(Eaten.MOST), str(Eaten.MOST), str(Eaten.SOME)]
FED = str(Task.FOOD_AND_DRINK)


def visit_note(rng: random.Random, kinds: list[str], place: str, hour: int) -> dict:
    """The visit note of a care log: what was done, mood, food, and how things were left.
    ``hour`` is the local hour it started (breakfast and lunch visits include food)."""
    tasks = {task for kind in kinds for task in KIND_TASKS.get(kind, ())}
    fed = FED in tasks or 7 <= hour <= 9 or 12 <= hour <= 13
    if fed:
        tasks.add(FED)
    at_home = place == Place.HOME
    return {
        "tasks": [task for task in TASK_ORDER if task in tasks],
        "mood": rng.choices(MOODS, MOOD_WEIGHTS)[0],
        "eaten": rng.choice(EATEN) if fed else str(Eaten.NOT_OFFERED),
        "food_and_drink": rng.choice(FOODS) if fed else "",
        "follow_up": rng.choice(FOLLOW_UPS) if rng.random() < 0.15 else "",
        "water_in_reach": True if at_home else None,
        "pendant_in_reach": True if at_home else None,
        "notes": " ".join(rng.choice(VISIT_NOTES[kind]) for kind in kinds if kind in VISIT_NOTES),
    }


class Builder:
    """Writes the demo teams' visits, remembering everyone's held times across teams."""

    def __init__(self, seeder: Seeder, members: list) -> None:
        self.rng = random.Random(SEED + 4)
        self.now = timezone.now()
        self.today = seeder.today
        self.members = members
        self.held = HeldTimes()
        self.result = DemoVisits()
        profiles = GivingSupportProfile.objects.filter(person__in=members)
        self.profiles = {p.person_id: p for p in profiles}

    def giver(self, index: int) -> Giver:
        person = self.members[index]
        profile = self.profiles.get(person.pk)
        if profile is None:
            return Giver(person, 0, None)
        return Giver(person, profile.travel_minutes or 0, profile.hourly_rate_pence)

    # --- Rows ------------------------------------------------------------------------------

    def appointment(self, team: Team, start, minutes: int, visit: Weekly, by, **fields):
        appointment = Appointment.objects.create(
            team=team,
            title=visit.title,
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=minutes),
            place=visit.place,
            support_kinds=list(visit.kinds),
            created_by=by,
            **fields,
        )
        self.result.appointments.append(appointment)
        return appointment

    def attend(self, appointment: Appointment, givers: list[Giver], joined: list[bool]) -> bool:
        """Ask ``givers``; those ``joined`` hold the time if they are free. Returns whether the
        appointment is confirmed (every giver joined)."""
        rows = []
        for giver, wants in zip(givers, joined, strict=True):
            until = appointment.ends_at + datetime.timedelta(minutes=giver.travel)
            joins = wants and self.held.free(giver.person.pk, appointment.starts_at, until)
            if joins:
                self.held.hold(giver.person.pk, appointment.starts_at, until)
            rows.append(
                Attendee(
                    appointment=appointment,
                    person=giver.person,
                    role=Attendee.Role.GIVER,
                    response=Attendee.Response.JOINED if joins else Attendee.Response.INVITED,
                    responded_at=appointment.created_at + datetime.timedelta(hours=5)
                    if joins
                    else None,
                    rate_pence=giver.rate if joins else None,
                    travel_minutes=giver.travel if joins else 0,
                    busy_from=appointment.starts_at,
                    busy_until=until if joins else appointment.ends_at,
                    holds_time=joins,
                )
            )
        Attendee.objects.bulk_create(rows)
        return all(row.holds_time for row in rows)

    def care_log(self, appointment: Appointment, givers: list[Giver], state: str) -> CareLog:
        """A log for a visit that happened: ``state`` says who has confirmed it so far."""
        rng = self.rng
        started = appointment.starts_at + datetime.timedelta(minutes=rng.randint(-5, 8))
        ended = appointment.ends_at + datetime.timedelta(minutes=rng.randint(-5, 10))
        owner_id = appointment.team.owner_id
        sides = {"all": [owner_id, *(g.person.pk for g in givers)], "owner": [owner_id]}
        sides["giver"] = [g.person.pk for g in givers]
        confirmers = sides.get(state, [])
        done = state == "all"
        # Each side confirms a while after the one before; the last makes the log confirmed.
        times = [ended + datetime.timedelta(minutes=30 + 40 * n) for n in range(len(confirmers))]
        log = CareLog.objects.create(
            appointment=appointment,
            team=appointment.team,
            status=CareLog.Status.CONFIRMED if done else CareLog.Status.PENDING,
            started_at=started,
            ended_at=ended,
            confirmed_at=times[-1] if done else None,
            created_at=appointment.ends_at,
            **visit_note(
                rng,
                appointment.support_kinds,
                appointment.place,
                timezone.localtime(appointment.starts_at).hour,
            ),
        )
        CareLogConfirmation.objects.bulk_create(
            CareLogConfirmation(
                care_log=log,
                person_id=person_id,
                confirmed_by_id=person_id,
                version=1,
                created_at=at,
            )
            for person_id, at in zip(confirmers, times, strict=True)
        )
        self.result.care_logs.append(log)
        return log

    def series(self, team: Team, visit: Weekly, first_day, until, by, created_at) -> Series:
        first = local_start(first_day, visit.at)
        rule = parse_rule(
            build_rule("WEEKLY", weekdays=visit.days, until=until, count=visit.count), first
        )
        series = Series.objects.create(
            team=team,
            title=visit.title,
            rule=rule.text,
            first_start=first,
            duration_minutes=visit.minutes,
            place=visit.place,
            support_kinds=list(visit.kinds),
            created_by=by,
            created_at=created_at,
        )
        self.result.series.append(series)
        return series

    # --- The two months behind ---------------------------------------------------------------

    def past(self, team: Team, visits: list[Weekly]) -> None:
        start_day = self.today - datetime.timedelta(days=PAST_DAYS)
        yesterday = self.today - datetime.timedelta(days=1)
        pending_from = self.today - datetime.timedelta(days=PENDING_DAYS)
        pending = 0
        for visit in visits:
            if not visit.past:
                continue
            first_day = _first_on(start_day, visit.days)
            agreed = local_start(start_day - datetime.timedelta(days=7), _t(9))
            series = self.series(team, visit, first_day, yesterday, team.owner, agreed)
            givers = [self.giver(i) for i in visit.past]
            starts = occurrence_starts(compiled(series), series.first_start, self.now)
            series.generated_until = starts[-1]
            series.save(update_fields=["generated_until"])
            series.givers.set([g.person for g in givers])
            for n, start in enumerate(starts):
                appointment = self.appointment(
                    team,
                    start,
                    visit.minutes,
                    visit,
                    team.owner,
                    series=series,
                    occurrence_key=start,
                    created_at=series.created_at,
                    updated_at=series.created_at,
                    reminded_at=start - datetime.timedelta(hours=24),
                )
                confirmed = self.attend(appointment, givers, [True] * len(givers))
                # One walk, a few weeks ago, was called off the day before (inside the notice).
                if visit.place == Place.OUT and n == len(starts) - 3:
                    self._cancel_late(appointment, team.owner, WET)
                    continue
                if not confirmed:
                    continue  # a clash: the giver could not hold it, so it never happened
                self._happened(appointment, givers[0].person)
                if timezone.localdate(appointment.starts_at) < pending_from:
                    self.care_log(appointment, givers, "all")
                elif JORDAN in visit.past:
                    # The demo member has one to confirm: the owner already has.
                    self.care_log(appointment, givers, "owner")
                else:
                    # Waiting for everyone, or for the owner only.
                    self.care_log(appointment, givers, ("none", "giver")[pending % 2])
                    pending += 1

    def _happened(self, appointment: Appointment, giver) -> None:
        appointment.status = Appointment.Status.CONFIRMED
        appointment.checked_in_at = appointment.starts_at + datetime.timedelta(minutes=2)
        appointment.checked_in_by = giver
        appointment.log_opened_at = appointment.ends_at
        appointment.save(
            update_fields=["status", "checked_in_at", "checked_in_by", "log_opened_at"]
        )

    def _cancel_late(self, appointment: Appointment, by, reason: str) -> None:
        appointment.status = Appointment.Status.CANCELLED
        appointment.cancelled_at = appointment.starts_at - datetime.timedelta(days=1)
        appointment.cancelled_by = by
        appointment.cancel_reason = reason
        appointment.late_cancellation = True
        appointment.updated_at = appointment.cancelled_at
        appointment.save()
        Attendee.objects.filter(appointment=appointment).update(holds_time=False)

    # --- The month ahead ---------------------------------------------------------------------

    def future(self, team: Team, visits: list[Weekly], arranger) -> None:
        tomorrow = self.today + datetime.timedelta(days=1)
        until = self.today + datetime.timedelta(days=FUTURE_DAYS)
        agreed = self.now - datetime.timedelta(days=3)
        soon = self.now + datetime.timedelta(days=SOON_DAYS)
        for visit in visits:
            first_day = _first_on(tomorrow, visit.days)
            series = self.series(
                team, visit, first_day, None if visit.count else until, arranger, agreed
            )
            givers = [self.giver(i) for i in visit.future]
            series.givers.set([g.person for g in givers])
            series.generated_until = self.now + HORIZON
            series.save(update_fields=["generated_until"])
            for start in occurrence_starts(compiled(series), self.now, series.generated_until):
                appointment = self.appointment(
                    team,
                    start,
                    visit.minutes,
                    visit,
                    arranger,
                    series=series,
                    occurrence_key=start,
                    created_at=agreed,
                    updated_at=agreed,
                )
                wants = visit.answer == JOINED or (visit.answer == SOON and start < soon)
                if self.attend(appointment, givers, [wants] * len(givers)):
                    appointment.status = Appointment.Status.CONFIRMED
                    appointment.save(update_fields=["status"])


def _first_on(day: datetime.date, weekdays: tuple[str, ...]) -> datetime.date:
    codes = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
    while codes[day.weekday()] not in weekdays:
        day += datetime.timedelta(days=1)
    return day


def _prepare(builder: Builder, teams: dict[str, Team], running: list[str]) -> None:
    """Travel times, and two months of history for the teams that are under way: their members
    joined and their Promise was signed before the first visit, and a Team Starter met the
    owner face to face before personal care began."""
    for index, minutes in TRAVEL.items():
        person = builder.members[index]
        update_giving_profile(person, person, {"travel_minutes": minutes})
    builder.profiles = {
        p.person_id: p for p in GivingSupportProfile.objects.filter(person__in=builder.members)
    }
    began = builder.today - datetime.timedelta(days=PAST_DAYS + 14)
    for key in running:
        team = teams[key]
        TeamMember.objects.current().filter(team=team).update(joined_on=began)
        PromiseSignature.objects.filter(team=team).update(signed_on=began)
        case = getattr(team, "starting_case", None)
        if case is not None and not FaceToFaceVisit.objects.filter(case=case).exists():
            FaceToFaceVisit.objects.create(
                case=case,
                visited_on=began + datetime.timedelta(days=3),
                present=f"{team.owner.profile.name} and {case.team_starter.profile.name}",
                notes="Talked through washing, dressing and medicines; the bathroom has a "
                "grab rail and a shower seat.",
                recorded_by=case.team_starter,
            )


def _open_slot(builder: Builder, team: Team, arranger) -> Appointment:
    day = _first_on(builder.today + datetime.timedelta(days=8), ("SA",))
    visit = Weekly("Trip to the garden centre", (), _t(14), 90, (COMPANY, OUT), Place.OUT, (), ())
    return builder.appointment(
        team, local_start(day, visit.at), visit.minutes, visit, arranger, open_slot=True
    )


def _change_request(builder: Builder, team: Team) -> ChangeRequest | None:
    """Jordan asks to move a confirmed morning visit an hour and a half later; the owner has
    not answered yet."""
    jordan = builder.members[1]
    candidates = Appointment.objects.filter(
        team=team,
        status=Appointment.Status.CONFIRMED,
        starts_at__gt=builder.now + datetime.timedelta(days=2),
        attendees__person=jordan,
    ).order_by("starts_at")
    # Kinds are a JSON list, which SQLite cannot search: look at them here.
    for appointment in [a for a in candidates if PC in a.support_kinds][:5]:
        start = appointment.starts_at + datetime.timedelta(minutes=90)
        end = appointment.ends_at + datetime.timedelta(minutes=90)
        if not builder.held.free(jordan.pk, start, end + datetime.timedelta(minutes=15)):
            continue
        change = ChangeRequest.objects.create(
            appointment=appointment,
            kind=ChangeRequest.Kind.MOVE,
            new_starts_at=start,
            new_ends_at=end,
            reason="I have a dentist's appointment first thing that morning.",
            proposed_by=jordan,
            created_at=builder.now - datetime.timedelta(hours=6),
        )
        change.asked.set([team.owner, jordan])
        ChangeAnswer.objects.create(
            change_request=change,
            person=jordan,
            answered_by=jordan,
            answer=ChangeAnswer.Answer.YES,
            created_at=change.created_at,
        )
        return change
    return None


MEDICINES = [
    # name, dose, instructions, days since it started, days until it stopped (None: ongoing)
    ("Amlodipine 5 mg tablets", "1 tablet", "For blood pressure. Swallow whole with water.",
     PAST_DAYS + 10, None),
    ("Paracetamol 500 mg tablets", "2 tablets", "For knee pain: ask first. At least four hours "
     "between doses; no more than eight tablets in a day.", PAST_DAYS + 10, None),
    ("Movicol sachets", "1 sachet in 125 ml of water", "Stir well; drink within an hour.",
     PAST_DAYS + 10, None),
    ("Amoxicillin 500 mg capsules", "1 capsule", "A seven-day course for a chest infection; "
     "finish the course.", 30, 23),
]  # fmt: skip


def _medicines(builder: Builder, team: Team, holder) -> None:
    """The MAR Holder's list, and the doses recorded at lunchtime visits with medicines."""
    rng, today = builder.rng, builder.today
    medicines = []
    for name, dose, instructions, since, stopped in MEDICINES:
        starts_on = today - datetime.timedelta(days=since)
        medicines.append(
            Medicine.objects.create(
                team=team,
                name=name,
                dose=dose,
                times=["12:30"],
                instructions=instructions,
                starts_on=starts_on,
                stops_on=today - datetime.timedelta(days=stopped) if stopped else None,
                created_by=holder,
                created_at=local_start(starts_on, _t(9)),
            )
        )
    visits = Appointment.objects.filter(
        team=team, status=Appointment.Status.CONFIRMED, ends_at__lt=builder.now
    ).order_by("starts_at")
    records = []
    for n, visit in enumerate(v for v in visits if MED in v.support_kinds):
        day = timezone.localdate(visit.starts_at)
        due = local_start(day, _t(12, 30))
        for medicine in medicines:
            if medicine.starts_on > day or (medicine.stops_on and medicine.stops_on < day):
                continue
            outcome, reason = DoseRecord.Outcome.GIVEN, ""
            if medicine.name.startswith("Paracetamol") and rng.random() < 0.3:
                outcome, reason = DoseRecord.Outcome.REFUSED, "Said her knees were fine today."
            elif n == 3 and medicine.name.startswith("Movicol"):
                outcome = DoseRecord.Outcome.NOT_GIVEN
                reason = "None left in the box; told the MAR Holder, who rang the pharmacy."
            records.append(
                DoseRecord(
                    medicine=medicine,
                    due_at=due,
                    appointment=visit,
                    outcome=outcome,
                    reason=reason,
                    recorded_by=holder,
                    recorded_at=due + datetime.timedelta(minutes=rng.randint(2, 20)),
                )
            )
    DoseRecord.objects.bulk_create(records)


def _care_notes(builder: Builder, teams: dict[str, Team]) -> None:
    m, now = builder.members, builder.now
    active, managing = teams["active"], teams["self_managing"]
    notes = [
        (active, m[21], Topic.GENERAL, Readership.TEAM, "What matters to me",
         "I like to be up and dressed before nine, and I like my tea strong with one sugar. "
         "Please knock and call out before you come in.", 50, []),
        (active, m[22], Topic.GENERAL, Readership.TEAM, "Mum's birthday",
         "Mum's birthday is on the 14th: the family are coming round in the afternoon, so the "
         "walk that week can be in the morning if that suits.", 12, []),
        (active, m[20], Topic.HEALTH, Readership.GIVERS_AND_OWNER, "Blood pressure",
         "The GP wants a reading twice a week for a month. The machine is in the sideboard "
         "drawer; write the numbers in the care log's notes.", 20, []),
        (active, m[1], Topic.GENERAL, Readership.NAMED, "Getting in",
         "The key safe by the back door has a new code: ask me or the Rota Holder for it.", 5,
         [m[20], m[22]]),
        (managing, m[6], Topic.SAFEGUARDING, Readership.GIVERS_AND_OWNER, "Doorstep callers",
         "Two men called offering to fix the roof for cash. Dennis sent them away; if they come "
         "back, don't open the door and ring me.", 9, []),
    ]  # fmt: skip
    for team, author, topic, readership, title, body, days_ago, named in notes:
        note = CareNote.objects.create(
            team=team,
            author=author,
            topic=topic,
            readership=readership,
            title=title,
            body=body,
            created_at=now - datetime.timedelta(days=days_ago, hours=3),
        )
        if named:
            note.named_readers.set(named)


def build_demo_visits(coop, demo_teams, seeder: Seeder) -> DemoVisits:
    """Add three months of visits to the demo teams (``demo_teams`` from ``build_demo_teams``)."""
    builder = Builder(seeder, coop.members)
    teams = demo_teams.teams
    running = [key for key, visits in ROTAS.items() if any(v.past for v in visits)]
    _prepare(builder, teams, running)
    for key, visits in ROTAS.items():
        team = teams[key]
        builder.past(team, visits)
        index = ARRANGERS[key]
        builder.future(team, visits, team.owner if index is None else builder.members[index])
    active = teams["active"]
    _open_slot(builder, active, builder.members[ARRANGERS["active"]])
    _change_request(builder, active)
    _medicines(builder, active, builder.members[20])
    _care_notes(builder, teams)
    return builder.result
