"""Who must learn what, and whether it is in date: the one place that answers it.

The matrix, a person's own page, reminders, the passport and the gate on appointments all ask
here, so they always agree.

* **Expiry** is computed from the policy in force: the date of the latest counting record plus
  the topic's interval, in calendar months (``dateutil.relativedelta``: 29 February plus a year
  is 28 February). A record *expires on* that date: valid the day before, expired on the day.
  "Once" topics never expire. Change an interval and every expiry moves with it.
* **Counting records**: not withdrawn; for observed topics, signed off by an assessor.
* **Who it applies to**: see ``applies``. The facts about a person (their kinds of team
  membership, hats and kinds of support, and the needs of the teams they give support in) are
  read for a whole circle in four queries (``circle_facts``), so a matrix of 2,000 people costs
  the same number of queries as one of 20.
* **Gating** (``blocking_gaps``) is precise, not punitive: only topics that name a kind of
  support the appointment includes can block it.
"""

import datetime
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopcare.circles.models import Circle, CircleMembership, Hat
from coopcare.learning.models import Interval, LearningRecord, Policy, TeamNeed, Topic
from coopcare.teams.models import MemberKind, Team, TeamMember

DUE_WITHIN_DAYS = 60
# Team member kinds who give support: everyone but the owner.
GIVING_KINDS = frozenset(MemberKind.values) - {MemberKind.OWNER}


class Status(StrEnum):
    VALID = "valid"
    DUE = "due"
    EXPIRED = "expired"
    MISSING = "missing"
    NOT_REQUIRED = "not_required"


STATUS_LABELS = {
    Status.VALID: gettext_lazy("In date"),
    Status.DUE: gettext_lazy("Due within 60 days"),
    Status.EXPIRED: gettext_lazy("Expired"),
    Status.MISSING: gettext_lazy("Missing"),
    Status.NOT_REQUIRED: gettext_lazy("Not required"),
}
# Statuses that count as compliant today.
GOOD = frozenset({Status.VALID, Status.DUE, Status.NOT_REQUIRED})


# --- Dates --------------------------------------------------------------------------------------


def interval_months(topic: Topic) -> int | None:
    """Months between refreshes, or None for a topic done once."""
    if topic.interval == Interval.YEARLY:
        return 12
    if topic.interval == Interval.THREE_YEARLY:
        return 36
    if topic.interval == Interval.CUSTOM:
        return topic.custom_months or None
    return None


@functools.lru_cache(maxsize=65536)
def _plus_months(day: datetime.date, months: int) -> datetime.date:
    # Cached: a matrix of 2,000 people asks for the same few hundred dates thousands of times,
    # and relativedelta is slow to build.
    return day + relativedelta(months=months)


def expiry_of(completed_on: datetime.date | None, topic: Topic) -> datetime.date | None:
    if completed_on is None:
        return None
    months = interval_months(topic)
    return None if months is None else _plus_months(completed_on, months)


def status_of(
    completed_on: datetime.date | None, topic: Topic, today: datetime.date
) -> tuple[Status, datetime.date | None]:
    """The status of a required topic whose latest counting record is from ``completed_on``."""
    if completed_on is None:
        return Status.MISSING, None
    expires_on = expiry_of(completed_on, topic)
    if expires_on is None:
        return Status.VALID, None
    if today >= expires_on:
        return Status.EXPIRED, expires_on
    if (expires_on - today).days <= DUE_WITHIN_DAYS:
        return Status.DUE, expires_on
    return Status.VALID, expires_on


# --- Policies -----------------------------------------------------------------------------------


def policy_for(circle: Circle) -> Policy:
    """The circle's policy; a circle without one adopts the co-op's defaults on first use."""
    policy = Policy.objects.filter(circle=circle).first()
    if policy is not None:
        return policy
    from coopcare.learning.defaults import DEFAULT_TOPICS

    with transaction.atomic():
        policy, created = Policy.objects.get_or_create(circle=circle)
        if created:
            Topic.objects.bulk_create(
                [Topic(policy=policy, order=i, **spec) for i, spec in enumerate(DEFAULT_TOPICS)]
            )
    return policy


def current_topics(policy: Policy) -> list[Topic]:
    return list(policy.topics.filter(retired_at__isnull=True).order_by("order", "name", "id"))


# --- Who it applies to --------------------------------------------------------------------------


@dataclass
class Facts:
    member_kinds: set[str] = field(default_factory=set)
    hats: set[str] = field(default_factory=set)
    support_kinds: set[str] = field(default_factory=set)
    # Slugs of topics marked as needed in a team where the person gives support.
    needs: set[str] = field(default_factory=set)
    team_ids: set[int] = field(default_factory=set)


def applies(topic: Topic, facts: Facts) -> bool:
    """Is ``topic`` required of a person with these ``facts``?

    * A topic a team marked as needed applies to that team's givers (of the topic's member
      kinds, if it names any).
    * A triggered topic applies only that way.
    * Otherwise every non-empty list among member kinds, hats and kinds of support must match;
      a topic naming none applies to everyone who gives support in the circle's teams.
    """
    if topic.slug in facts.needs:
        return not topic.member_kinds or bool(set(topic.member_kinds) & facts.member_kinds)
    if topic.triggered:
        return False
    named = [
        (set(want), have)
        for want, have in (
            (topic.member_kinds, facts.member_kinds),
            (topic.hats, facts.hats),
            (topic.support_kinds, facts.support_kinds),
        )
        if want
    ]
    if not named:
        return bool(facts.member_kinds & GIVING_KINDS)
    return all(want & have for want, have in named)


def supported_teams(circle: Circle):
    return Team.objects.filter(local_circle=circle).exclude(status=Team.Status.CLOSED)


def people_q(circle: Circle) -> Q:
    """Everyone a circle's matrix lists: the givers in the teams it supports, its members and
    the people wearing hats in it."""
    teams = supported_teams(circle)
    givers = (
        TeamMember.objects.current().filter(team__in=teams).exclude(kind=MemberKind.OWNER)
    ).values("person_id")
    members = CircleMembership.objects.filter(circle=circle, left_on__isnull=True).values(
        "person_id"
    )
    hat_holders = Hat.objects.current().filter(circle=circle).values("holder_id")
    return Q(pk__in=givers) | Q(pk__in=members) | Q(pk__in=hat_holders)


def circle_facts(circle: Circle, person_ids: Iterable[int] | None = None) -> dict[int, Facts]:
    """Facts for the people of ``circle`` (or just ``person_ids``), in four queries."""
    from coopcare.supportprofiles.models import GivingSupportProfile

    facts: dict[int, Facts] = defaultdict(Facts)
    # A queryset of ids stays a subquery: a circle of thousands needs no list of parameters.
    ids = person_ids if person_ids is None or isinstance(person_ids, QuerySet) else list(person_ids)
    teams = supported_teams(circle)
    memberships = TeamMember.objects.current().filter(team__in=teams)
    if ids is not None:
        memberships = memberships.filter(person_id__in=ids)
    giving_in: dict[int, set[int]] = defaultdict(set)  # team id -> givers
    team_circles: dict[int, int] = {}
    for person_id, kind, team_id, team_circle_id in memberships.values_list(
        "person_id", "kind", "team_id", "team__circle_id"
    ):
        facts[person_id].member_kinds.add(kind)
        facts[person_id].team_ids.add(team_id)
        team_circles[team_circle_id] = team_id
        if kind != MemberKind.OWNER:
            giving_in[team_id].add(person_id)
    hats = Hat.objects.current().filter(Q(circle=circle) | Q(circle_id__in=list(team_circles)))
    if ids is not None:
        hats = hats.filter(holder_id__in=ids)
    for holder_id, slug in hats.values_list("holder_id", "hat_type__slug"):
        facts[holder_id].hats.add(slug)
    profiles = GivingSupportProfile.objects.all()
    profiles = profiles.filter(person_id__in=ids if ids is not None else people_ids(circle))
    for person_id, kinds in profiles.values_list("person_id", "support_kinds"):
        facts[person_id].support_kinds.update(kinds or [])
    needs = TeamNeed.objects.filter(team_id__in=list(giving_in), ended_at__isnull=True)
    for team_id, slug in needs.values_list("team_id", "topic_slug"):
        for person_id in giving_in[team_id]:
            facts[person_id].needs.add(slug)
    return facts


def people_ids(circle: Circle):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(people_q(circle)).values("pk")


# --- Records ------------------------------------------------------------------------------------


def counting_records(person_ids, topics: Iterable[Topic]):
    """LearningRecords that count: not withdrawn, and signed off where the topic is observed."""
    topics = list(topics)
    plain = [t.slug for t in topics if not t.observed]
    observed = [t.slug for t in topics if t.observed]
    return LearningRecord.objects.filter(
        Q(topic_slug__in=plain) | Q(topic_slug__in=observed, signed_off_at__isnull=False),
        person_id__in=person_ids,
        withdrawn_at__isnull=True,
    )


def latest_dates(
    person_ids, topics: Iterable[Topic], on: datetime.date | None = None
) -> dict[tuple[int, str], datetime.date]:
    """{(person id, topic slug): date of the latest counting record} in one query."""
    records = counting_records(person_ids, topics)
    if on is not None:
        records = records.filter(completed_on__lte=on)
    grouped = records.values("person_id", "topic_slug").annotate(last=Max("completed_on"))
    # Tuples, not dicts: a circle's matrix reads tens of thousands of these.
    return {
        (person_id, slug): last
        for person_id, slug, last in grouped.values_list("person_id", "topic_slug", "last")
    }


# --- The matrix ---------------------------------------------------------------------------------


@dataclass
class Cell:
    topic: Topic
    status: Status
    completed_on: datetime.date | None = None
    expires_on: datetime.date | None = None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])


def cells_for(
    topics: list[Topic],
    facts: Facts,
    dates: dict[tuple[int, str], datetime.date],
    person_id: int,
    today: datetime.date,
    required: list[bool] | None = None,
) -> list[Cell]:
    """One cell per topic. ``required`` (``applies`` for each topic, in order) may be passed
    by a caller that worked it out once for many people with the same facts."""
    if required is None:
        required = [applies(topic, facts) for topic in topics]
    cells = []
    for topic, needed in zip(topics, required, strict=True):
        completed_on = dates.get((person_id, topic.slug))
        if not needed:
            cells.append(
                Cell(topic, Status.NOT_REQUIRED, completed_on, expiry_of(completed_on, topic))
            )
            continue
        status, expires_on = status_of(completed_on, topic, today)
        cells.append(Cell(topic, status, completed_on, expires_on))
    return cells


def matrix_rows(
    circle: Circle, person_ids: list[int], topics: list[Topic], today: datetime.date | None = None
) -> dict[int, list[Cell]]:
    """{person id: one cell per topic} for a page of people: a fixed number of queries."""
    today = today or timezone.localdate()
    facts = circle_facts(circle, person_ids)
    dates = latest_dates(person_ids, topics)
    return {pid: cells_for(topics, facts[pid], dates, pid, today) for pid in person_ids}


# --- One person ---------------------------------------------------------------------------------


def requirements_of(person, today: datetime.date | None = None) -> list[Cell]:
    """The person's required topics across their circles, one cell per topic slug.

    Where two circles require the same topic, the stricter one (earlier expiry, or missing)
    wins, so the person is never told they are in date when one of their circles says not.
    """
    from coopcare.learning.selectors import circle_ids_of

    today = today or timezone.localdate()
    best: dict[str, Cell] = {}
    order = {Status.EXPIRED: 0, Status.MISSING: 1, Status.DUE: 2, Status.VALID: 3}
    for circle in Circle.objects.filter(pk__in=circle_ids_of(person)):
        topics = current_topics(policy_for(circle))
        facts = circle_facts(circle, [person.pk])[person.pk]
        dates = latest_dates([person.pk], topics)
        for cell in cells_for(topics, facts, dates, person.pk, today):
            if cell.status == Status.NOT_REQUIRED:
                continue
            held = best.get(cell.topic.slug)
            if held is None or (order[cell.status], cell.expires_on or datetime.date.max) < (
                order[held.status],
                held.expires_on or datetime.date.max,
            ):
                best[cell.topic.slug] = cell
    return sorted(best.values(), key=lambda c: (order[c.status], c.topic.order, c.topic.name))


# --- Gating -------------------------------------------------------------------------------------


@dataclass
class Gap:
    topic: Topic
    status: Status  # MISSING or EXPIRED
    expires_on: datetime.date | None = None


def blocking_gaps(person, team: Team, support_kinds: Iterable[str], on: datetime.date) -> list[Gap]:
    """Requirements that stop ``person`` giving these kinds of support in ``team`` on ``on``.

    Only topics naming one of ``support_kinds`` can block, and only for the member kind the
    person has in this team; everything else about them is irrelevant to this appointment.
    """
    kinds = set(support_kinds)
    member = TeamMember.objects.current().filter(team=team, person=person).first()
    if member is None or not kinds:
        return []
    topics = [
        t
        for t in current_topics(policy_for(team.local_circle))
        if t.support_kinds and set(t.support_kinds) & kinds
    ]
    if not topics:
        return []
    needs = set(
        TeamNeed.objects.filter(team=team, ended_at__isnull=True).values_list(
            "topic_slug", flat=True
        )
    )
    hats = set(
        Hat.objects.current()
        .filter(holder=person, circle__in=[team.local_circle_id, team.circle_id])
        .values_list("hat_type__slug", flat=True)
    )
    facts = Facts(member_kinds={member.kind}, hats=hats, support_kinds=kinds, needs=needs)
    dates = latest_dates([person.pk], topics, on=on)
    gaps = []
    for topic in topics:
        if not applies(topic, facts):
            continue
        status, expires_on = status_of(dates.get((person.pk, topic.slug)), topic, on)
        if status in (Status.MISSING, Status.EXPIRED):
            gaps.append(Gap(topic, status, expires_on))
    return gaps


def gap_parts(gaps: list[Gap], today: datetime.date | None = None) -> list[str]:
    """Each gap in words: "Fire safety expired on 3 March 2026", "… is not recorded"; a
    record still in date today that runs out before the work is "expires on …"."""
    today = today or timezone.localdate()
    parts = []
    for gap in gaps:
        if gap.status == Status.EXPIRED:
            words = (
                _("%(topic)s expires on %(date)s, before then")
                if gap.expires_on > today
                else _("%(topic)s expired on %(date)s")
            )
            parts.append(
                words % {"topic": gap.topic.name, "date": date_format(gap.expires_on, "j F Y")}
            )
        else:
            what = _("%(topic)s is not recorded") % {"topic": gap.topic.name}
            if gap.topic.observed:
                what += _(" (it needs an assessor to observe it)")
            parts.append(what)
    return parts


def describe_gaps(person, gaps: list[Gap]) -> str:
    """A message a person can act on: what is missing or expired, and how to put it right."""
    parts = gap_parts(gaps)
    return _(
        "%(person)s cannot give this support yet: %(gaps)s. Find a session on the Learning page, "
        "or ask your Coach to record learning you have done."
    ) % {"person": person, "gaps": "; ".join(parts)}
