"""Learning for the large co-op: every worker's required learning, and three years of sessions.

* **Records**: every person giving support in a team as a worker, volunteer or peer supporter,
  and everyone wearing a hat (about 40,000 people at full size), gets a record for each topic
  the co-op's default policy requires of them — a realistic mix: most in date, some due within
  60 days, some expired, a few missing. Observed competences are signed off by a named external
  assessor.
* **Sessions** in every Local Circle over three years up to four weeks ahead, facilitated mostly
  by the circle's workers and sometimes by its other members (every class teaches): past ones
  completed (a few cancelled) with attendance, the records they wrote and some feedback; the ones
  ahead open, some full with a waiting list.
* Every circle adopts the default learning policy, as it would on first use.

As in ``large.py`` and ``visits_large.py``, rows are written in bulk with a fixed seed, with no
audit events, history or notifications, using ``visits_large.Table``'s plain ``INSERT`` (a
million records would take many minutes through ``bulk_create``). On SQLite the tables' indexes
are set aside while the rows go in and built once after. People who already have learning (the
demo co-op's) are left as they are.
"""

import datetime
import json
import logging
import random
import re
import time
from collections import defaultdict
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

from coopcare.circles.models import Circle, CircleMembership, Hat
from coopcare.learning.defaults import DEFAULT_TOPICS
from coopcare.learning.models import (
    LearningRecord,
    LearningSession,
    Method,
    Place,
    SessionFeedback,
    SessionKind,
    Setting,
    Topic,
)
from coopcare.learning.requirements import Facts, applies, interval_months, policy_for
from coopcare.seed.people import SEED, Seeder
from coopcare.seed.visits_large import Table, _moment
from coopcare.supportprofiles.models import GivingSupportProfile
from coopcare.teams.models import MemberKind, Team, TeamMember

log = logging.getLogger(__name__)

PEOPLE_PER_CHUNK = 2000
SESSIONS_PER_CIRCLE = 100
YEARS = 3
FUTURE_DAYS = 28
GIVING_KINDS = {
    MemberKind.INDEPENDENT_WORKER,
    MemberKind.EMPLOYED_WORKER,
    MemberKind.VOLUNTEER,
    MemberKind.PEER_SUPPORTER,
}
IN_DATE, DUE, EXPIRED, MISSING = range(4)
STATUSES = [IN_DATE, DUE, EXPIRED, MISSING]
CUMULATIVE = [76, 84, 93, 100]  # most in date; some due, some expired, a few missing
PROVIDERS = {
    str(Method.EXTERNAL_COURSE): ["St John Ambulance", "Adult learning service", "Skills for Care"],
    str(Method.E_LEARNING): ["Care Certificate e-learning", "Social Care TV", "Oliver McGowan "
                             "e-learning"],
}  # fmt: skip
BULK_PROVIDER = "Skills for Care"
EXTERNAL_ASSESSOR = "External assessor (pharmacist)"
# Topics a peer session covers, with a title for it.
SESSION_TOPICS = [
    ("moving-people", "Helping people to move: practice"),
    ("basic-life-support", "Basic life support practice"),
    ("fire-safety", "Fire safety at home"),
    ("safeguarding-adults", "Safeguarding: what would you do?"),
    ("dignity", "Dignity in everyday support"),
    ("communication", "Listening well"),
    ("relationship-centred-care", "Relationship-centred care"),
    ("mental-capacity", "Mental capacity in practice"),
    ("awareness-dementia", "Living with dementia: what helps"),
    ("awareness-autism", "Autism: a conversation"),
    ("nutrition-hydration", "Eating and drinking well"),
    ("recording-reporting", "Writing a good care log"),
]
KINDS = [str(k) for k in SessionKind.values if k != SessionKind.EXTERNAL_COURSE]
SETTINGS = [str(Setting.CIRCLE), str(Setting.TEAM), str(Setting.COMMUNITY), str(Setting.ONLINE)]
START_TIMES = [datetime.time(10), datetime.time(14), datetime.time(18, 30)]
DURATIONS = [45, 60, 90, 120]
COMMENTS = [
    "",
    "",
    "Practical and friendly.",
    "Learned more in an hour than in a day's e-learning.",
    "Good to meet other workers from the circle.",
    "A bit rushed at the end.",
]
RECORD_COLUMNS = ["id", "person_id", "topic_slug", "topic_name", "completed_on", "method",
                  "provider", "facilitator_id", "session_id", "assessor_name", "signed_off_at",
                  "recorded_by_id", "recorded_at"]  # fmt: skip
SESSION_COLUMNS = ["id", "circle_id", "kind", "title", "topic_slugs", "setting", "area",
                   "starts_at", "ends_at", "capacity", "offered_by_id", "status", "created_at",
                   "completed_at", "completed_by_id", "cancelled_at", "cancel_reason"]  # fmt: skip
PLACE_COLUMNS = ["id", "session_id", "person_id", "status", "asked_at", "updated_at"]
FEEDBACK_COLUMNS = ["id", "session_id", "person_id", "rating", "comment", "created_at"]
FACILITATOR_COLUMNS = ["id", "learningsession_id", "user_id"]


@dataclass
class Counts:
    people: int = 0
    records: int = 0
    sessions: int = 0
    places: int = 0
    feedback: int = 0
    seconds: float = 0.0


class IndexesSetAside:
    """On SQLite, drop the learning tables' indexes while rows go in; make them again after."""

    def __init__(self, models: list) -> None:
        self.tables = [model._meta.db_table for model in models]
        self.indexes: list[tuple[str, str]] = []

    def __enter__(self) -> "IndexesSetAside":
        if connection.vendor != "sqlite":
            return self
        marks = ", ".join(["%s"] * len(self.tables))
        query = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        with connection.cursor() as cursor:
            cursor.execute(f"{query} AND tbl_name IN ({marks})", self.tables)  # noqa: S608
            self.indexes = cursor.fetchall()
            for name, _sql in self.indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        return self

    def __exit__(self, *exc) -> None:
        with connection.cursor() as cursor:
            for _name, sql in self.indexes:
                cursor.execute(sql)


def _naive_utc(day: datetime.date, at: datetime.time) -> datetime.datetime:
    aware = timezone.make_aware(datetime.datetime.combine(day, at))
    return aware.astimezone(datetime.UTC).replace(tzinfo=None)


class Writer:
    def __init__(self, rng: random.Random, today: datetime.date) -> None:
        self.rng = rng
        self.today = today
        self.now = timezone.now().astimezone(datetime.UTC).replace(tzinfo=None)
        self.at = _moment()
        # Dates as SQLite keeps them (ISO text); PostgreSQL takes date objects.
        self.day = (lambda d: d.isoformat()) if connection.vendor == "sqlite" else (lambda d: d)
        self.topics = [Topic(**spec) for spec in DEFAULT_TOPICS]
        # Per topic: the day a record completed on expires today (None: never expires).
        self.expires_today = {
            t.slug: (today - relativedelta(months=m)) if (m := interval_months(t)) else None
            for t in self.topics
        }
        self.names = {t.slug: t.name for t in self.topics}
        # Many people share the same facts: what they must learn is worked out once for each.
        self.required: dict[tuple, list[Topic]] = {}
        self.records = Table(LearningRecord, RECORD_COLUMNS)
        self.sessions = Table(LearningSession, SESSION_COLUMNS)
        self.facilitators = Table(LearningSession.facilitators.through, FACILITATOR_COLUMNS)
        self.places = Table(Place, PLACE_COLUMNS)
        self.feedback = Table(SessionFeedback, FEEDBACK_COLUMNS)
        self.counts = Counts()

    # --- Records of what each person must know ----------------------------------------------

    def completed_on(self, slug: str) -> datetime.date | None:
        rng = self.rng
        status = rng.choices(STATUSES, cum_weights=CUMULATIVE)[0]
        if status == MISSING:
            return None
        base = self.expires_today[slug]
        if base is None:
            return self.today - datetime.timedelta(days=rng.randint(30, 1500))
        if status == DUE:
            return base + datetime.timedelta(days=rng.randint(1, 59))
        if status == EXPIRED:
            return base - datetime.timedelta(days=rng.randint(1, 400))
        span = max((self.today - base).days - 61, 1)
        return self.today - datetime.timedelta(days=rng.randint(1, span))

    def required_of(self, facts: Facts) -> list[Topic]:
        key = (
            frozenset(facts.member_kinds),
            frozenset(facts.hats),
            frozenset(facts.support_kinds),
        )
        if key not in self.required:
            self.required[key] = [t for t in self.topics if applies(t, facts)]
        return self.required[key]

    def person(self, person_id: int, facts: Facts) -> None:
        rng = self.rng
        for topic in self.required_of(facts):
            on = self.completed_on(topic.slug)
            if on is None:
                continue
            if topic.observed:
                method, provider, assessor, signed = "observed", "", EXTERNAL_ASSESSOR, on
            else:
                method = rng.choice(list(PROVIDERS))
                provider, assessor, signed = rng.choice(PROVIDERS[method]), "", None
            moment = self.at(_naive_utc(on, datetime.time(16)))
            self.records.add(
                person_id, topic.slug, topic.name, self.day(on), method, provider, None, None,
                assessor, moment if signed else None, person_id, moment,
            )  # fmt: skip
        self.counts.people += 1

    # --- Sessions ---------------------------------------------------------------------------

    def circle_sessions(self, circle: Circle, count: int, workers: list[int], members: list[int]):
        rng = self.rng
        if not workers:
            return
        match = re.search(r"\b([A-Z]{1,2}\d[A-Z\d]?)\b", circle.name)
        area = match.group(1) if match else ""
        first = self.today - datetime.timedelta(days=365 * YEARS)
        span = (self.today - first).days + FUTURE_DAYS
        others = [p for p in members if p not in set(workers)] or workers
        for _ in range(count):
            day = first + datetime.timedelta(days=rng.randrange(span))
            self.session(circle.pk, area, day, workers, others)

    def session(self, circle_id: int, area: str, day, workers: list[int], others: list[int]):
        rng, at = self.rng, self.at
        start = _naive_utc(day, rng.choice(START_TIMES))
        minutes = rng.choice(DURATIONS)
        end = start + datetime.timedelta(minutes=minutes)
        picked = rng.sample(SESSION_TOPICS, 2 if rng.random() < 0.2 else 1)
        slugs = [slug for slug, _ in picked]
        title = picked[0][1]
        pool = workers if rng.random() < 0.7 else others
        teachers = rng.sample(pool, min(len(pool), 2 if rng.random() < 0.15 else 1))
        capacity = rng.randint(4, 12)
        past = end <= self.now
        cancelled = past and rng.random() < 0.05
        status = "cancelled" if cancelled else ("completed" if past else "open")
        created = start - datetime.timedelta(days=rng.randint(7, 35))
        pk = self.sessions.add(
            circle_id, rng.choice(KINDS), title, _json(slugs), rng.choice(SETTINGS), area,
            at(start), at(end), capacity, teachers[0], status, at(created),
            at(end + datetime.timedelta(hours=1)) if status == "completed" else None,
            teachers[0] if status == "completed" else None,
            at(start - datetime.timedelta(days=2)) if cancelled else None,
            "The facilitator was ill." if cancelled else "",
        )  # fmt: skip
        for teacher in teachers:
            self.facilitators.add(pk, teacher)
        self.counts.sessions += 1
        candidates = [p for p in workers if p not in teachers]
        wanted = rng.randint(2, capacity + (3 if not past else 0))
        people = rng.sample(candidates, min(len(candidates), wanted))
        for n, person in enumerate(people):
            asked = at(created + datetime.timedelta(hours=n + 1))
            if status == "open":
                self.places.add(pk, person, "booked" if n < capacity else "waiting", asked, asked)
            elif status == "cancelled":
                self.places.add(pk, person, "cancelled", asked, asked)
            else:
                came = rng.random() < 0.87
                self.places.add(pk, person, "attended" if came else "absent", asked, at(end))
                if came:
                    self.attended(pk, person, teachers[0], slugs, day, end)
            self.counts.places += 1

    def attended(self, session: int, person: int, teacher: int, slugs, day, end) -> None:
        at, rng = self.at, self.rng
        for slug in slugs:
            self.records.add(
                person, slug, self.names[slug], self.day(day), "peer_session", "", teacher,
                session, "", None, teacher, at(end),
            )  # fmt: skip
        if rng.random() < 0.4:
            rating = rng.choices([5, 4, 3, 2, 1], [45, 35, 12, 5, 3])[0]
            self.feedback.add(
                session, person, rating, rng.choice(COMMENTS), at(end + datetime.timedelta(hours=3))
            )
            self.counts.feedback += 1

    def write(self) -> None:
        self.sessions.write()
        self.facilitators.write()
        self.places.write()
        self.feedback.write()
        self.counts.records += self.records.write()


def _json(values: list[str]) -> str:
    return json.dumps(values)


def _facts(already: set[int]) -> dict[int, Facts]:
    """Facts about every worker and hat-wearer not yet recorded, in three queries."""
    facts: dict[int, Facts] = defaultdict(Facts)
    giving: set[int] = set()
    rows = (
        TeamMember.objects.current()
        .exclude(team__status=Team.Status.CLOSED)
        .values_list("person_id", "kind", "team_id")
    )
    for person_id, kind, team_id in rows.iterator(chunk_size=20000):
        facts[person_id].member_kinds.add(kind)
        facts[person_id].team_ids.add(team_id)
        if kind in GIVING_KINDS:
            giving.add(person_id)
    wearers: set[int] = set()
    for holder_id, slug in Hat.objects.current().values_list("holder_id", "hat_type__slug"):
        facts[holder_id].hats.add(slug)
        wearers.add(holder_id)
    people = (giving | wearers) - already
    for person_id, kinds in GivingSupportProfile.objects.values_list("person_id", "support_kinds"):
        if person_id in people:
            facts[person_id].support_kinds.update(kinds or [])
    return {pid: facts[pid] for pid in sorted(people)}


def _circle_people(demo_circles: set[int]) -> list[tuple[Circle, list[int], list[int]]]:
    """Each Local Circle (the demo's apart) with its workers and its members."""
    workers: dict[int, list[int]] = defaultdict(list)
    rows = (
        TeamMember.objects.current()
        .filter(kind__in=GIVING_KINDS)
        .exclude(team__status=Team.Status.CLOSED)
        .order_by("pk")
        .values_list("team__local_circle_id", "person_id")
    )
    for circle_id, person_id in rows.iterator(chunk_size=20000):
        if person_id not in workers[circle_id]:
            workers[circle_id].append(person_id)
    members: dict[int, list[int]] = defaultdict(list)
    for circle_id, person_id in (
        CircleMembership.objects.filter(left_on__isnull=True)
        .order_by("pk")
        .values_list("circle_id", "person_id")
    ):
        members[circle_id].append(person_id)
    circles = Circle.objects.filter(kind=Circle.Kind.LOCAL).exclude(pk__in=demo_circles)
    return [(c, workers[c.pk], members[c.pk]) for c in circles.order_by("pk")]


def _finish(models: list) -> None:
    """Move id sequences past the ids given (PostgreSQL) and gather the tables' statistics."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
        for model in models:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


def build_large_learning(
    seeder: Seeder, *, sessions_per_circle: int = SESSIONS_PER_CIRCLE
) -> Counts:
    """Records for every worker and hat-wearer without learning yet, and sessions in every
    Local Circle without any; returns what was written and how long it took."""
    started = time.monotonic()
    writer = Writer(random.Random(SEED + 12), seeder.today)
    for circle in Circle.objects.exclude(kind=Circle.Kind.TEAM).order_by("pk"):
        policy_for(circle)
    already = set(LearningRecord.objects.values_list("person_id", flat=True).distinct())
    with_sessions = set(LearningSession.objects.values_list("circle_id", flat=True).distinct())
    facts = _facts(already)
    models = [
        LearningRecord,
        LearningSession,
        LearningSession.facilitators.through,
        Place,
        SessionFeedback,
    ]
    with IndexesSetAside(models):
        for n, (person_id, person_facts) in enumerate(facts.items(), start=1):
            writer.person(person_id, person_facts)
            if n % PEOPLE_PER_CHUNK == 0:
                writer.write()
        writer.write()
        for circle, workers, members in _circle_people(with_sessions):
            writer.circle_sessions(circle, sessions_per_circle, workers, members)
            writer.write()
    _finish(models)
    counts = writer.counts
    counts.seconds = round(time.monotonic() - started, 1)
    log.info("Large learning: %s", counts)
    return counts
