"""Measures for the Learning Lead: is learning shared, does it reach everyone, is it in date?

Five measures for one circle over a period (by default the last twelve months), each a function
returning a dataclass, so the pages, the API and the Evaluation issue's reports compute them the
same way:

* ``teachers_by_class`` — who taught: the people who facilitated a completed session of the
  circle in the period, by member class.
* ``hours_by_class`` — learning hours per person by class: minutes of the sessions each person
  attended, summed per class and divided by the people of that class (the circle's people and
  everyone who attended).
* ``compliance`` — today's training matrix in two numbers: the share of required cells in date
  (valid or due) and the share of people fully compliant. Read a chunk of people at a time, with
  the same fixed number of queries per chunk, so a circle of thousands costs a few dozen queries.
* ``time_to_compliance`` — for workers who joined a supported team in the period: days from
  joining until every topic required of them had first counted (approximately: the latest of the
  first counting record per required topic), its median, and those not there yet.
* ``progressions`` — people whose journey on the volunteer-to-paid-work pathway reached each
  stage in the period; reaching the last stage is a progression into paid support.

A person's class is the class of their active co-op membership (a supported member before a
worker, advocate or investor when they hold several); for people who are not members, what their
team membership says: a person getting support, a family member or friend, or "not a member".
"""

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopcare.circles.models import Circle
from coopcare.errors import DomainError
from coopcare.learning.models import (
    LearningSession,
    Pathway,
    Place,
    StageMove,
)
from coopcare.learning.requirements import (
    Status,
    counting_records,
    current_topics,
    matrix_rows,
    people_q,
    policy_for,
    supported_teams,
)
from coopcare.members.models import MemberClass, Membership
from coopcare.teams.models import MemberKind, TeamMember

CHUNK = 500
MAX_YEARS = 10
PATHWAY_SLUG = "volunteer-to-paid-work"
# Who counts as a new worker: people who give support as a job or regularly, not family.
NEW_WORKER_KINDS = (
    MemberKind.INDEPENDENT_WORKER,
    MemberKind.EMPLOYED_WORKER,
    MemberKind.VOLUNTEER,
    MemberKind.PEER_SUPPORTER,
)
# Classes, in the order tables show them. The first four are co-op membership classes.
GETTING_SUPPORT, FAMILY, NOT_MEMBER = "getting_support", "family_friend", "not_member"
CLASSES = [
    MemberClass.SUPPORTED.value,
    MemberClass.WORKER.value,
    MemberClass.ADVOCATE.value,
    MemberClass.INVESTOR.value,
    FAMILY,
    GETTING_SUPPORT,
    NOT_MEMBER,
]
CLASS_LABELS = {
    MemberClass.SUPPORTED.value: gettext_lazy("Supported members"),
    MemberClass.WORKER.value: gettext_lazy("Worker members"),
    MemberClass.ADVOCATE.value: gettext_lazy("Advocate members"),
    MemberClass.INVESTOR.value: gettext_lazy("Investor members"),
    FAMILY: gettext_lazy("Family or friends (not members)"),
    GETTING_SUPPORT: gettext_lazy("People getting support (not members)"),
    NOT_MEMBER: gettext_lazy("Not members"),
}
# Days-to-compliance bands shown as a bar chart: (upper bound in days or None, label).
BANDS = [
    (30, gettext_lazy("Within 30 days")),
    (90, gettext_lazy("31 to 90 days")),
    (180, gettext_lazy("91 to 180 days")),
    (None, gettext_lazy("More than 180 days")),
]


# --- The period ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # included

    @property
    def starts_at(self) -> datetime.datetime:
        return _midnight(self.start)

    @property
    def ends_before(self) -> datetime.datetime:
        return _midnight(self.end + datetime.timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def default_period(today: datetime.date | None = None) -> Period:
    """The last twelve months, up to and including today."""
    today = today or timezone.localdate()
    return Period(today - relativedelta(months=12) + datetime.timedelta(days=1), today)


def _as_date(value, name: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(_("Enter a date like 2025-04-01."), field=name) from None


def parse_period(start=None, end=None, today: datetime.date | None = None) -> Period:
    """A period from two dates (ISO text or dates); either may be left out for the default."""
    today = today or timezone.localdate()
    default = default_period(today)
    start_on = _as_date(start, "start") or default.start
    end_on = _as_date(end, "end") or default.end
    if end_on > today:
        raise DomainError(_("The period cannot end after today."), field="end")
    if start_on > end_on:
        raise DomainError(_("The period must start on or before the day it ends."), field="start")
    if start_on < today - relativedelta(years=MAX_YEARS):
        raise DomainError(
            _("Choose a start within the last %(n)d years.") % {"n": MAX_YEARS}, field="start"
        )
    return Period(start_on, end_on)


# --- Member classes -----------------------------------------------------------------------------


def classes_of(person_ids: Iterable[int]) -> dict[int, str]:
    """{person id: class key} for ``person_ids``, in two queries (see the module docstring)."""
    ids = list(person_ids)
    rank = {key: n for n, key in enumerate(CLASSES)}
    found: dict[int, str] = {}
    for n in range(0, len(ids), CHUNK):
        chunk = ids[n : n + CHUNK]
        for person_id, member_class in (
            Membership.objects.active()
            .filter(person_id__in=chunk)
            .values_list("person_id", "member_class")
        ):
            held = found.get(person_id)
            if held is None or rank.get(member_class, 99) < rank[held]:
                found[person_id] = member_class
        rest = [pid for pid in chunk if pid not in found]
        kinds: dict[int, set[str]] = defaultdict(set)
        for person_id, kind in (
            TeamMember.objects.current().filter(person_id__in=rest).values_list("person_id", "kind")
        ):
            kinds[person_id].add(kind)
        for person_id in rest:
            if MemberKind.OWNER in kinds[person_id]:
                found[person_id] = GETTING_SUPPORT
            elif MemberKind.FAMILY_FRIEND in kinds[person_id]:
                found[person_id] = FAMILY
            else:
                found[person_id] = NOT_MEMBER
    return found


def _share(part: int | float, whole: int | float) -> float:
    return part / whole if whole else 0.0


def _percent(part: float, whole: float) -> int:
    return round(100 * part / whole) if whole else 0


# --- (a) Who teaches ----------------------------------------------------------------------------


@dataclass
class ClassShare:
    key: str
    label: str
    people: int
    share: float  # of all teachers, 0 to 1

    @property
    def percent(self) -> int:
        return round(100 * self.share)


@dataclass
class TeachersByClass:
    period: Period
    sessions: int
    teachers: int
    rows: list[ClassShare] = field(default_factory=list)


def completed_sessions(circle: Circle, period: Period):
    return LearningSession.objects.filter(
        circle=circle,
        status=LearningSession.Status.COMPLETED,
        starts_at__gte=period.starts_at,
        starts_at__lt=period.ends_before,
    )


def teachers_by_class(circle: Circle, period: Period) -> TeachersByClass:
    sessions = completed_sessions(circle, period)
    teacher_ids = set(
        sessions.filter(facilitators__isnull=False).values_list("facilitators", flat=True)
    )
    classes = classes_of(sorted(teacher_ids))
    counts: dict[str, int] = defaultdict(int)
    for key in classes.values():
        counts[key] += 1
    total = len(teacher_ids)
    return TeachersByClass(
        period=period,
        sessions=sessions.count(),
        teachers=total,
        rows=[
            ClassShare(key, str(CLASS_LABELS[key]), counts[key], _share(counts[key], total))
            for key in CLASSES
        ],
    )


# --- (b) Learning hours per person --------------------------------------------------------------


@dataclass
class ClassHours:
    key: str
    label: str
    people: int  # of this class in the circle, attendees included
    attended: int  # of them, how many attended at least one session
    hours: float  # in all
    percent: int = 0  # hours per person, as a share of the largest (for the bar)

    @property
    def per_person(self) -> float:
        return round(self.hours / self.people, 1) if self.people else 0.0


@dataclass
class HoursByClass:
    period: Period
    hours: float
    people: int
    rows: list[ClassHours] = field(default_factory=list)


def hours_by_class(circle: Circle, period: Period) -> HoursByClass:
    minutes: dict[int, int] = defaultdict(int)
    places = Place.objects.filter(
        session__in=completed_sessions(circle, period), status=Place.Status.ATTENDED
    ).values_list("person_id", "session__starts_at", "session__ends_at")
    for person_id, starts_at, ends_at in places.iterator(chunk_size=5000):
        minutes[person_id] += int((ends_at - starts_at).total_seconds() // 60)
    User = get_user_model()
    population = set(User.objects.filter(people_q(circle)).values_list("pk", flat=True))
    population |= set(minutes)
    classes = classes_of(sorted(population))
    rows = {key: ClassHours(key, str(CLASS_LABELS[key]), 0, 0, 0.0) for key in CLASSES}
    for person_id, key in classes.items():
        row = rows[key]
        row.people += 1
        if minutes.get(person_id):
            row.attended += 1
            row.hours += minutes[person_id] / 60
    for row in rows.values():
        row.hours = round(row.hours, 1)
    top = max((row.per_person for row in rows.values()), default=0.0)
    for row in rows.values():
        row.percent = _percent(row.per_person, top)
    return HoursByClass(
        period=period,
        hours=round(sum(minutes.values()) / 60, 1),
        people=len(population),
        rows=[rows[key] for key in CLASSES],
    )


# --- (c) Compliance -----------------------------------------------------------------------------


@dataclass
class Compliance:
    on: datetime.date
    people: int  # listed in the circle's matrix
    with_requirements: int
    fully_compliant: int
    required_cells: int
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def good_cells(self) -> int:
        return self.by_status.get(Status.VALID, 0) + self.by_status.get(Status.DUE, 0)

    @property
    def cells_share(self) -> float:
        return _share(self.good_cells, self.required_cells)

    @property
    def people_share(self) -> float:
        return _share(self.fully_compliant, self.with_requirements)

    @property
    def cells_percent(self) -> int:
        return round(100 * self.cells_share)

    @property
    def people_percent(self) -> int:
        return round(100 * self.people_share)

    def status_rows(self) -> list[tuple[str, str, int, int]]:
        """(status, label, cells, percent of required cells) for each status a cell can have."""
        from coopcare.learning.requirements import STATUS_LABELS

        return [
            (
                status.value,
                str(STATUS_LABELS[status]),
                self.by_status.get(status, 0),
                _percent(self.by_status.get(status, 0), self.required_cells),
            )
            for status in (Status.VALID, Status.DUE, Status.EXPIRED, Status.MISSING)
        ]


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for n in range(0, len(ids), CHUNK):
        yield ids[n : n + CHUNK]


def compliance(circle: Circle, today: datetime.date | None = None) -> Compliance:
    """Today's matrix over every person in the circle, read ``CHUNK`` people at a time."""
    today = today or timezone.localdate()
    topics = current_topics(policy_for(circle))
    User = get_user_model()
    ids = list(User.objects.filter(people_q(circle)).order_by("pk").values_list("pk", flat=True))
    result = Compliance(today, len(ids), 0, 0, 0, {s.value: 0 for s in Status})
    for chunk in _chunks(ids):
        for cells in matrix_rows(circle, chunk, topics, today).values():
            required = [c for c in cells if c.status != Status.NOT_REQUIRED]
            if not required:
                continue
            result.with_requirements += 1
            result.required_cells += len(required)
            for cell in required:
                result.by_status[cell.status.value] += 1
            if all(c.status in (Status.VALID, Status.DUE) for c in required):
                result.fully_compliant += 1
    return result


# --- (d) Time to full compliance for new workers ------------------------------------------------


@dataclass
class Band:
    label: str
    people: int
    percent: int = 0


@dataclass
class TimeToCompliance:
    period: Period
    joined: int
    reached: int
    not_yet: int
    median_days: float | None
    bands: list[Band] = field(default_factory=list)


def time_to_compliance(
    circle: Circle, period: Period, today: datetime.date | None = None
) -> TimeToCompliance:
    """Workers (of ``NEW_WORKER_KINDS``) still in a team the circle supports who joined it in
    the period; what is required of each is today's requirement."""
    today = today or timezone.localdate()
    joined = dict(
        TeamMember.objects.current()
        .filter(
            team__in=supported_teams(circle),
            kind__in=NEW_WORKER_KINDS,
            joined_on__gte=period.start,
            joined_on__lte=period.end,
        )
        .values_list("person_id")
        .annotate(first=Min("joined_on"))
    )
    topics = current_topics(policy_for(circle))
    days: list[int] = []
    not_yet = 0
    for chunk in _chunks(sorted(joined)):
        rows = matrix_rows(circle, chunk, topics, today)
        firsts = {
            (row["person_id"], row["topic_slug"]): row["first"]
            for row in counting_records(chunk, topics)
            .values("person_id", "topic_slug")
            .annotate(first=Min("completed_on"))
        }
        for person_id in chunk:
            required = [c.topic.slug for c in rows[person_id] if c.status != Status.NOT_REQUIRED]
            dates = [firsts.get((person_id, slug)) for slug in required]
            if any(d is None for d in dates):
                not_yet += 1
                continue
            reached_on = max(dates, default=joined[person_id])
            days.append(max(0, (reached_on - joined[person_id]).days))
    bands = [Band(str(label), 0) for _limit, label in BANDS]
    for value in days:
        for band, (limit, _label) in zip(bands, BANDS, strict=True):
            if limit is None or value <= limit:
                band.people += 1
                break
    for band in bands:
        band.percent = _percent(band.people, len(days))
    return TimeToCompliance(
        period=period,
        joined=len(joined),
        reached=len(days),
        not_yet=not_yet,
        median_days=statistics.median(days) if days else None,
        bands=bands,
    )


# --- (e) From volunteer to paid support ---------------------------------------------------------


@dataclass
class StageCount:
    order: int
    name: str
    people: int
    percent: int = 0


@dataclass
class Progressions:
    period: Period
    pathway: str  # its name, or "" when the co-op has no such pathway
    progressions: int  # journeys that reached the last stage in the period
    stages: list[StageCount] = field(default_factory=list)


def progressions(circle: Circle, period: Period) -> Progressions:
    """Journeys on the volunteer-to-paid-work pathway of the circle's people that reached each
    stage in the period (``StageMove``); reaching the last stage is a progression."""
    pathway = Pathway.objects.filter(slug=PATHWAY_SLUG).first()
    if pathway is None:
        return Progressions(period, "", 0)
    stages = list(pathway.stages.order_by("order"))
    User = get_user_model()
    reached = dict(
        StageMove.objects.filter(
            journey__pathway=pathway,
            journey__person__in=User.objects.filter(people_q(circle)).values("pk"),
            reached_on__gte=period.start,
            reached_on__lte=period.end,
        )
        .values_list("stage_id")
        .annotate(n=Count("journey_id", distinct=True))
    )
    rows = [StageCount(s.order, s.name, reached.get(s.pk, 0)) for s in stages]
    top = max((row.people for row in rows), default=0)
    for row in rows:
        row.percent = _percent(row.people, top)
    return Progressions(
        period=period,
        pathway=pathway.name,
        progressions=rows[-1].people if rows else 0,
        stages=rows,
    )


# --- All of them --------------------------------------------------------------------------------


@dataclass
class Measures:
    circle: Circle
    period: Period
    teachers: TeachersByClass
    hours: HoursByClass
    compliance: Compliance
    new_workers: TimeToCompliance
    progressions: Progressions


def measures_for(circle: Circle, period: Period, today: datetime.date | None = None) -> Measures:
    today = today or timezone.localdate()
    return Measures(
        circle=circle,
        period=period,
        teachers=teachers_by_class(circle, period),
        hours=hours_by_class(circle, period),
        compliance=compliance(circle, today),
        new_workers=time_to_compliance(circle, period, today),
        progressions=progressions(circle, period),
    )
