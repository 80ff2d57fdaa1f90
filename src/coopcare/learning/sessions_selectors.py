"""Read queries for learning sessions: who may see and run one, the list ordered by distance,
what each row shows, and the figures teachers, the Learning Lead and the Coach read.

Lists never ask a predicate per row: ``visible_sessions_q`` is ``can_see_session`` written as a
query (change one, change both), and ``decorate`` fetches what a page of sessions shows in a
fixed number of queries, however many sessions, facilitators or topics there are.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcare.circles.models import Circle, CircleMembership, Hat
from coopcare.learning.models import (
    LearningRecord,
    LearningSession,
    Place,
    SessionFeedback,
    Setting,
    TeacherRecognition,
    Topic,
)
from coopcare.learning.selectors import LEARNING_LEAD, circle_ids_of, hat_circle_ids
from coopcare.teams.models import MemberKind, Team, TeamMember

User = get_user_model()
Facilitators = LearningSession.facilitators.through

# How far a session is from the person looking, nearest first (``distance`` annotation).
IN_TEAM, IN_CIRCLE, SAME_AREA, SAME_REGION, ONLINE, ELSEWHERE = range(6)
DISTANCE_LABELS = {
    IN_TEAM: _("In your team"),
    IN_CIRCLE: _("In your circle"),
    SAME_AREA: _("Nearby"),
    SAME_REGION: _("Nearby"),
    ONLINE: _("Online"),
    ELSEWHERE: _("Elsewhere"),
}
OWNER_LABEL = _("Person getting support")


# --- Who may see and run a session --------------------------------------------------------------


def is_facilitator(user, session: LearningSession) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if session.offered_by_id == user.pk:
        return True
    cache = getattr(session, "_prefetched_objects_cache", {})
    if "facilitators" in cache:
        return any(person.pk == user.pk for person in cache["facilitators"])
    return session.facilitators.filter(pk=user.pk).exists()


def takes_part(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_perm("learning.offer_session")


def my_team_ids(user) -> set[int]:
    """Open teams ``user`` owns or is a current member of (who a team's sessions are for)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_coopcare_session_teams", None)
    if cached is None:
        member_of = TeamMember.objects.current().filter(person=user).values("team_id")
        cached = set(
            Team.objects.filter(Q(owner=user) | Q(pk__in=member_of))
            .exclude(status=Team.Status.CLOSED)
            .values_list("pk", flat=True)
        )
        user._coopcare_session_teams = cached
    return cached


def holds_place(user, session: LearningSession) -> bool:
    return (
        Place.objects.filter(session=session, person=user)
        .exclude(status=Place.Status.CANCELLED)
        .exists()
    )


def can_see_session(user, session: LearningSession) -> bool:
    """A team's session is for that team (and its facilitators, the circle's Learning Lead and
    anyone who already holds a place); every other session is open to everyone who takes part
    in the co-op. ``visible_sessions_q`` is the same rule as a query."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_facilitator(user, session) or session.circle_id in hat_circle_ids(user, [LEARNING_LEAD]):
        return True
    if session.team_id is not None:
        return session.team_id in my_team_ids(user) or holds_place(user, session)
    return takes_part(user)


def visible_sessions_q(user) -> Q:
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    facilitated = Facilitators.objects.filter(user_id=user.pk).values("learningsession_id")
    placed = (
        Place.objects.filter(person=user).exclude(status=Place.Status.CANCELLED).values("session")
    )
    q = (
        Q(offered_by=user)
        | Q(pk__in=facilitated)
        | Q(circle_id__in=hat_circle_ids(user, [LEARNING_LEAD]))
        | Q(team_id__in=my_team_ids(user))
        | Q(team__isnull=False, pk__in=placed)
    )
    if takes_part(user):
        q |= Q(team__isnull=True)
    return q


def attended(user, session: LearningSession) -> bool:
    return Place.objects.filter(session=session, person=user, status=Place.Status.ATTENDED).exists()


# --- Where the person is ------------------------------------------------------------------------


def home_area(person) -> str:
    """The person's postcode district: their Giving Support Profile's, else their profile's."""
    from coopcare.supportprofiles.models import GivingSupportProfile

    for postcode in GivingSupportProfile.objects.filter(person=person).values_list(
        "postcode", flat=True
    )[:1]:
        if postcode:
            return postcode.split(" ")[0].upper()
    profile = getattr(person, "profile", None)
    if profile is not None and profile.postcode:
        return profile.postcode.strip().split(" ")[0].upper()
    return ""


def area_prefix(area: str) -> str:
    """The postcode area of a district: "LS6" → "LS"."""
    letters = ""
    for char in area:
        if not char.isalpha():
            break
        letters += char
    return letters


def _in_region_q(prefix: str) -> Q:
    # "L" must not match "LS6": the area's letters are followed by the district's digit.
    q = Q(pk__in=[])
    for digit in "0123456789":
        q |= Q(area__startswith=f"{prefix}{digit}")
    return q


def distance_case(user) -> Case:
    whens = []
    teams = my_team_ids(user)
    if teams:
        whens.append(When(team_id__in=teams, then=Value(IN_TEAM)))
    circles = circle_ids_of(user)
    if circles:
        whens.append(When(circle_id__in=circles, then=Value(IN_CIRCLE)))
    area = home_area(user)
    if area:
        whens.append(When(~Q(setting=Setting.ONLINE) & Q(area=area), then=Value(SAME_AREA)))
        prefix = area_prefix(area)
        if prefix:
            near = ~Q(setting=Setting.ONLINE) & _in_region_q(prefix)
            whens.append(When(near, then=Value(SAME_REGION)))
    whens.append(When(setting=Setting.ONLINE, then=Value(ONLINE)))
    return Case(*whens, default=Value(ELSEWHERE), output_field=IntegerField())


# --- Lists --------------------------------------------------------------------------------------


def with_places(sessions: QuerySet) -> QuerySet:
    return sessions.annotate(
        booked_count=Count("places", filter=Q(places__status__in=Place.HOLDING), distinct=True),
        waiting_count=Count("places", filter=Q(places__status=Place.Status.WAITING), distinct=True),
    )


def _facilitators_prefetch() -> Prefetch:
    return Prefetch("facilitators", queryset=User.objects.select_related("profile").order_by("pk"))


def covering(sessions: QuerySet, slug: str) -> QuerySet:
    """Sessions whose topics include ``slug``. Slugs are [a-z0-9_-]: quoted, they cannot match
    part of another slug in the JSON text."""
    return sessions.annotate(topics_text=Cast("topic_slugs", TextField())).filter(
        topics_text__contains=f'"{slug}"'
    )


def upcoming_sessions(user, *, topic: str = "", kind: str = "", q: str = "") -> QuerySet:
    """Open sessions still to start that ``user`` may see, nearest first, then soonest."""
    sessions = LearningSession.objects.filter(
        visible_sessions_q(user),
        status=LearningSession.Status.OPEN,
        starts_at__gt=timezone.now(),
    )
    if kind:
        sessions = sessions.filter(kind=kind)
    if q:
        sessions = sessions.filter(title__icontains=q)
    if topic:
        sessions = covering(sessions, topic)
    return (
        with_places(sessions)
        .annotate(distance=distance_case(user))
        .select_related("circle", "team__circle")
        .prefetch_related(_facilitators_prefetch())
        .order_by("distance", "starts_at", "pk")
    )


def session_for_page(session: LearningSession) -> LearningSession:
    """The session again, with its place counts and facilitators, for a detail page."""
    return (
        with_places(LearningSession.objects.filter(pk=session.pk))
        .select_related("circle", "team__circle", "offered_by__profile", "completed_by__profile")
        .prefetch_related(_facilitators_prefetch())
        .get()
    )


# How a facilitator whose name the viewer may not see is shown (pages and API alike).
HIDDEN_NAME = _("Someone in the co-op (name not shared)")


@dataclass
class Teacher:
    person: object
    level: str = ""
    # Whether the viewer may see this person's name (``decorate`` works it out once a page).
    visible: bool = False

    @property
    def name(self) -> str:
        return self.person.display_name if self.visible else str(HIDDEN_NAME)


def visible_names(viewer, people_ids) -> set[int]:
    """Whose names ``viewer`` may see among these people, in one query (their own always)."""
    from coopcare.members.models import Section
    from coopcare.members.privacy import annotate_visibility

    if not getattr(viewer, "is_authenticated", False):
        return set()
    others = set(people_ids) - {viewer.pk}
    if not others:
        return {viewer.pk}
    people = annotate_visibility(User.objects.filter(pk__in=others), viewer, [Section.NAME])
    return set(people.filter(can_see_name=True).values_list("pk", flat=True)) | {viewer.pk}


def waiting_positions(places) -> dict[int, int]:
    """{place id: 1 for the first on its waiting list} for these waiting places, in one query
    however many sessions they are in."""
    waiting = [p for p in places if p.status == Place.Status.WAITING]
    if not waiting:
        return {}
    queue: dict[int, list[int]] = defaultdict(list)
    for pk, session_id in (
        Place.objects.filter(
            session_id__in={p.session_id for p in waiting}, status=Place.Status.WAITING
        )
        .order_by("asked_at", "pk")
        .values_list("pk", "session_id")
    ):
        queue[session_id].append(pk)
    out = {}
    for place in waiting:
        ids = queue.get(place.session_id, [])
        out[place.pk] = ids.index(place.pk) + 1 if place.pk in ids else len(ids) + 1
    return out


def topics_by_slug(circle_ids, slugs) -> dict[tuple[int, str], Topic]:
    """{(circle id, slug): topic} from the circles' policies, retired topics included."""
    found: dict[tuple[int, str], Topic] = {}
    if not slugs:
        return found
    for topic in (
        Topic.objects.filter(policy__circle_id__in=set(circle_ids), slug__in=set(slugs))
        .select_related("policy")
        .order_by(F("retired_at").asc(nulls_first=True), "pk")
    ):
        found.setdefault((topic.policy.circle_id, topic.slug), topic)
    return found


def recognitions_of(person_ids, circle_ids) -> dict[tuple[int, int], TeacherRecognition]:
    return {
        (r.person_id, r.circle_id): r
        for r in TeacherRecognition.objects.filter(
            ended_on__isnull=True, person_id__in=set(person_ids), circle_id__in=set(circle_ids)
        )
    }


def decorate(sessions, viewer) -> list[LearningSession]:
    """Give each session what its row shows: ``topic_list``, ``teachers`` (each facilitator with
    their recognition in the session's circle), ``my_place``, ``places_left`` and
    ``distance_label``; a waiting place carries its ``position``. Each teacher's name is
    shown only if the viewer may see it (``Teacher.visible``). Six queries at most whatever the
    number of sessions."""
    sessions = list(sessions)
    if not sessions:
        return sessions
    circle_ids = {s.circle_id for s in sessions}
    topics = topics_by_slug(circle_ids, {slug for s in sessions for slug in s.topic_slugs})
    people = {p.pk for s in sessions for p in s.facilitators.all()}
    recognitions = recognitions_of(people, circle_ids)
    named = visible_names(viewer, people)
    mine = {}
    if getattr(viewer, "is_authenticated", False):
        mine = {
            place.session_id: place
            for place in Place.objects.filter(
                person=viewer, session_id__in=[s.pk for s in sessions]
            ).exclude(status=Place.Status.CANCELLED)
        }
        positions = waiting_positions(mine.values())
        for place in mine.values():
            place.position = positions.get(place.pk)
    for session in sessions:
        session.topic_list = [
            topics.get((session.circle_id, slug)) or Topic(slug=slug, name=slug)
            for slug in session.topic_slugs
        ]
        session.teachers = [
            Teacher(
                person,
                getattr(recognitions.get((person.pk, session.circle_id)), "level", ""),
                person.pk in named,
            )
            for person in session.facilitators.all()
        ]
        session.my_place = mine.get(session.pk)
        booked = getattr(session, "booked_count", 0)
        session.places_left = max(session.capacity - booked, 0)
        distance = getattr(session, "distance", None)
        session.distance_label = DISTANCE_LABELS.get(distance, "") if distance is not None else ""
    return sessions


def places_of(session: LearningSession, statuses=None) -> QuerySet:
    places = Place.objects.filter(session=session).select_related("person__profile")
    if statuses is not None:
        places = places.filter(status__in=statuses)
    return places.order_by("asked_at", "pk")


# --- For the offer form -------------------------------------------------------------------------


def offer_circles(person) -> QuerySet:
    """Circles a person may offer a session in: theirs, not a team's own circle."""
    return Circle.objects.filter(pk__in=circle_ids_of(person)).exclude(kind=Circle.Kind.TEAM)


def offer_teams(person) -> QuerySet:
    return Team.objects.filter(pk__in=my_team_ids(person)).select_related("circle")


def topic_choices(person, extra_circle_ids=()) -> list[tuple[str, str]]:
    """Current topics of the policies of the person's circles, one choice per slug."""
    from coopcare.learning.requirements import current_topics, policy_for

    seen: dict[str, str] = {}
    circle_ids = set(offer_circles(person).values_list("pk", flat=True)) | set(extra_circle_ids)
    for circle in Circle.objects.filter(pk__in=circle_ids):
        for topic in current_topics(policy_for(circle)):
            label = topic.name + (" " + str(_("(competence observed)")) if topic.observed else "")
            seen.setdefault(topic.slug, label)
    return list(seen.items())


def co_facilitators_allowed(person, viewer=None) -> QuerySet:
    """People who may teach beside ``person``: members of their circles, their team-mates and the
    people wearing hats in their circles, whose name ``viewer`` (``person`` unless someone else
    chooses for them, like the Learning Lead changing a session) may see. Unsliced: the API
    checks ids against it."""
    from coopcare.members.privacy import annotate_visibility

    circles = list(offer_circles(person).values_list("pk", flat=True))
    teams = list(my_team_ids(person))
    in_circles = CircleMembership.objects.filter(circle_id__in=circles, left_on__isnull=True)
    hats = Hat.objects.current().filter(circle_id__in=circles)
    mates = TeamMember.objects.current().filter(team_id__in=teams)
    owners = Team.objects.filter(pk__in=teams).values("owner_id")
    people = (
        User.objects.filter(is_active=True)
        .filter(
            Q(pk__in=in_circles.values("person_id"))
            | Q(pk__in=hats.values("holder_id"))
            | Q(pk__in=mates.values("person_id"))
            | Q(pk__in=owners)
        )
        .exclude(pk=person.pk)
    )
    people = annotate_visibility(people, viewer or person, ["name"]).filter(can_see_name=True)
    return people.select_related("profile").order_by("profile__name", "pk")


def co_facilitator_choices(person, limit: int = 300, viewer=None) -> QuerySet:
    """The first ``limit`` of ``co_facilitators_allowed``: what the form offers."""
    return co_facilitators_allowed(person, viewer)[:limit]


# --- Teaching: the teacher's own sessions -------------------------------------------------------


def _feedback_of(session_ref) -> QuerySet:
    return SessionFeedback.objects.filter(session_id=session_ref).order_by().values("session_id")


def teaching_sessions(user) -> QuerySet:
    """Sessions ``user`` facilitates or offered, soonest to come first, then the past."""
    facilitated = Facilitators.objects.filter(user_id=user.pk).values("learningsession_id")
    ratings = _feedback_of(OuterRef("pk")).annotate(a=Avg("rating")).values("a")
    counts = _feedback_of(OuterRef("pk")).annotate(n=Count("pk")).values("n")
    records = (
        LearningRecord.objects.filter(session_id=OuterRef("pk"), withdrawn_at__isnull=True)
        .order_by()
        .values("session_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    upcoming = Q(status=LearningSession.Status.OPEN, ends_at__gt=timezone.now())
    return (
        with_places(LearningSession.objects.filter(Q(offered_by=user) | Q(pk__in=facilitated)))
        .annotate(
            average_rating=Subquery(ratings),
            feedback_count=Subquery(counts, output_field=IntegerField()),
            record_count=Subquery(records, output_field=IntegerField()),
            upcoming=Case(When(upcoming, then=Value(0)), default=Value(1)),
        )
        .select_related("circle", "team__circle")
        .prefetch_related(_facilitators_prefetch())
        .order_by("upcoming", "starts_at", "pk")
    )


def comments_for(session_ids) -> dict[int, list[SessionFeedback]]:
    """Feedback on these sessions, without the names of who gave it."""
    out: dict[int, list[SessionFeedback]] = defaultdict(list)
    for feedback in SessionFeedback.objects.filter(session_id__in=list(session_ids)).only(
        "session_id", "rating", "comment", "created_at"
    ):
        out[feedback.session_id].append(feedback)
    return out


def records_by_topic(session_ids) -> dict[int, list[tuple[str, int]]]:
    """{session id: [(topic name, how many records)]}."""
    out: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for row in (
        LearningRecord.objects.filter(session_id__in=list(session_ids), withdrawn_at__isnull=True)
        .values("session_id", "topic_name")
        .annotate(n=Count("pk"))
        .order_by("session_id", "topic_name")
    ):
        out[row["session_id"]].append((row["topic_name"], row["n"]))
    return out


# --- Teachers of a circle (the Learning Lead) ---------------------------------------------------


def teachers_of(circle: Circle) -> QuerySet:
    """Everyone who taught in the circle (a session not cancelled) or is recognised there, with
    how many sessions and their average rating."""
    taught = Facilitators.objects.filter(learningsession__circle=circle).exclude(
        learningsession__status=LearningSession.Status.CANCELLED
    )
    recognised = TeacherRecognition.objects.filter(circle=circle, ended_on__isnull=True)
    counts = (
        taught.filter(user_id=OuterRef("pk"))
        .order_by()
        .values("user_id")
        .annotate(n=Count("learningsession_id"))
        .values("n")
    )
    ratings = (
        SessionFeedback.objects.filter(session__circle=circle, session__facilitators=OuterRef("pk"))
        .order_by()
        .values("session__circle")
        .annotate(a=Avg("rating"))
        .values("a")
    )
    return (
        User.objects.filter(
            Q(pk__in=taught.values("user_id")) | Q(pk__in=recognised.values("person_id"))
        )
        .annotate(
            sessions_taught=Subquery(counts, output_field=IntegerField()),
            average_rating=Subquery(ratings),
        )
        .select_related("profile")
        .order_by("profile__name", "pk")
    )


def member_classes(person_ids) -> dict[int, list[str]]:
    """How each person takes part: their membership classes, or for someone who is not a member,
    how they are in a team (family or friend, person getting support…). Two queries."""
    from coopcare.members.models import Membership

    ids = list(person_ids)
    out: dict[int, list[str]] = defaultdict(list)
    for membership in Membership.objects.active().filter(person_id__in=ids).order_by("pk"):
        label = membership.get_member_class_display()
        if membership.worker_kind:
            label = f"{label} ({membership.get_worker_kind_display().lower()})"
        out[membership.person_id].append(str(label))
    others = [pk for pk in ids if pk not in out]
    if others:
        kinds = TeamMember.objects.current().filter(person_id__in=others)
        for person_id, kind in kinds.values_list("person_id", "kind").order_by("pk"):
            label = str(OWNER_LABEL if kind == MemberKind.OWNER else MemberKind(kind).label)
            if label not in out[person_id]:
                out[person_id].append(label)
        for owner_id in (
            Team.objects.filter(owner_id__in=others)
            .exclude(status=Team.Status.CLOSED)
            .values_list("owner_id", flat=True)
        ):
            if str(OWNER_LABEL) not in out[owner_id]:
                out[owner_id].append(str(OWNER_LABEL))
    return out


# --- How well learning works (the Learning Lead and the Coach) ----------------------------------

EVALUATION_DAYS = 365


@dataclass
class KindFigures:
    kind: str
    label: str
    sessions: int = 0
    attendees: int = 0
    ratings: int = 0
    average: float | None = None


@dataclass
class TopicFigures:
    slug: str
    name: str
    sessions: int = 0
    attendees: int = 0
    ratings: list[int] = field(default_factory=list)
    in_date: int = 0

    @property
    def average(self) -> float | None:
        return sum(self.ratings) / len(self.ratings) if self.ratings else None


def completed_in(circle: Circle, since: datetime.datetime) -> QuerySet:
    return LearningSession.objects.filter(
        circle=circle, status=LearningSession.Status.COMPLETED, starts_at__gte=since
    )


def figures_by_kind(circle: Circle, since: datetime.datetime) -> list[KindFigures]:
    """Per kind of session: how many were held, how many came and how they rated them."""
    from coopcare.learning.models import SessionKind

    sessions = completed_in(circle, since)
    rows = {
        row["kind"]: row
        for row in sessions.values("kind").annotate(
            n=Count("pk", distinct=True),
            came=Count("places", filter=Q(places__status=Place.Status.ATTENDED)),
        )
    }
    rated = {
        row["session__kind"]: row
        for row in SessionFeedback.objects.filter(session__in=sessions)
        .values("session__kind")
        .annotate(n=Count("pk"), a=Avg("rating"))
    }
    out = []
    for kind in SessionKind:
        if kind.value not in rows:
            continue
        row, rating = rows[kind.value], rated.get(kind.value, {})
        out.append(
            KindFigures(
                kind.value, str(kind.label), row["n"], row["came"], rating.get("n", 0),
                rating.get("a"),
            )
        )  # fmt: skip
    return out


def figures_by_topic(
    circle: Circle, since: datetime.datetime, today: datetime.date
) -> list[TopicFigures]:
    """Per topic taught: sessions, the people who came, their ratings, and how many of them
    are in date for the topic today — whether the learning lasts."""
    from coopcare.learning.requirements import GOOD, Status, latest_dates, status_of

    sessions = dict(completed_in(circle, since).values_list("pk", "topic_slugs"))
    if not sessions:
        return []
    came: dict[int, set[int]] = defaultdict(set)
    for session_id, person_id in Place.objects.filter(
        session_id__in=list(sessions), status=Place.Status.ATTENDED
    ).values_list("session_id", "person_id"):
        came[session_id].add(person_id)
    ratings: dict[int, list[int]] = defaultdict(list)
    for session_id, rating in SessionFeedback.objects.filter(
        session_id__in=list(sessions)
    ).values_list("session_id", "rating"):
        ratings[session_id].append(rating)
    slugs = {slug for topic_slugs in sessions.values() for slug in topic_slugs}
    topics = {slug: t for (_c, slug), t in topics_by_slug([circle.pk], slugs).items()}
    figures: dict[str, TopicFigures] = {}
    people: dict[str, set[int]] = defaultdict(set)
    for session_id, topic_slugs in sessions.items():
        for slug in topic_slugs:
            topic = topics.get(slug)
            row = figures.setdefault(slug, TopicFigures(slug, topic.name if topic else slug))
            row.sessions += 1
            row.ratings.extend(ratings.get(session_id, []))
            people[slug] |= came.get(session_id, set())
    everyone = set().union(*people.values()) if people else set()
    dates = latest_dates(list(everyone), [t for t in topics.values()])
    for slug, row in figures.items():
        row.attendees = len(people[slug])
        topic = topics.get(slug)
        if topic is None:
            continue
        for person_id in people[slug]:
            status, _expires = status_of(dates.get((person_id, slug)), topic, today)
            if status in GOOD and status != Status.NOT_REQUIRED:
                row.in_date += 1
    return sorted(figures.values(), key=lambda r: r.name.lower())


def feedback_in(circle: Circle) -> QuerySet:
    """Every rating and comment on the circle's sessions, newest first, without names."""
    return (
        SessionFeedback.objects.filter(session__circle=circle)
        .select_related("session")
        .only("rating", "comment", "created_at", "session__title", "session__starts_at")
        .order_by("-created_at", "-pk")
    )
