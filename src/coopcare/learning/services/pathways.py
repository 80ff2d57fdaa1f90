"""Pathways: from volunteering to peer support to paid work, with progress the person sees.

A ``PathwayJourney`` is one person on one pathway; its ``stage`` is the stage reached. A stage's
``topic_slugs`` are what the person needs in date before moving on to the next stage, so the
person's Coach or Learning Lead confirms the next stage only when the *current* stage's topics
are in date. Whether a topic is in date is asked of ``requirements`` with the topic as one of
the person's circles' policies defines it (its interval and whether it must be observed).

The co-op's default pathways (``defaults.DEFAULT_PATHWAYS``) are created on first use by
``ensure_default_pathways``; stages a co-op has edited since are left alone.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.audit.services import record as audit
from coopcare.circles.models import Circle, CircleMembership, Hat
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.defaults import DEFAULT_PATHWAYS, DEFAULT_TOPICS
from coopcare.learning.models import (
    Interval,
    Pathway,
    PathwayJourney,
    PathwayStage,
    StageMove,
    Topic,
)
from coopcare.learning.requirements import (
    STATUS_LABELS,
    Status,
    latest_dates,
    policy_for,
    status_of,
)
from coopcare.learning.selectors import circle_ids_of
from coopcare.notifications.services import notify
from coopcare.teams.models import MemberKind, Team, TeamMember

User = get_user_model()
VOLUNTEER_TO_PAID = "volunteer-to-paid-work"
DONE = frozenset({Status.VALID, Status.DUE})


def ensure_default_pathways() -> None:
    """Create the co-op's default pathways and their stages if they are not there yet.

    Idempotent and cheap once done (one query): called by the pathways page and API.
    """
    slugs = [spec["slug"] for spec in DEFAULT_PATHWAYS]
    ready = Pathway.objects.filter(slug__in=slugs, stages__isnull=False).distinct().count()
    if ready == len(slugs):
        return
    with transaction.atomic():
        for spec in DEFAULT_PATHWAYS:
            pathway, _created = Pathway.objects.get_or_create(
                slug=spec["slug"],
                defaults={"name": spec["name"], "description": spec.get("description", "")},
            )
            if pathway.stages.exists():
                continue
            PathwayStage.objects.bulk_create(
                [
                    PathwayStage(
                        pathway=pathway,
                        order=order,
                        name=stage["name"],
                        description=stage.get("description", ""),
                        steps=list(stage.get("steps", [])),
                        topic_slugs=list(stage.get("topic_slugs", [])),
                    )
                    for order, stage in enumerate(spec["stages"], start=1)
                ]
            )


def pathways() -> QuerySet:
    return Pathway.objects.prefetch_related("stages").order_by("name", "id")


# --- Topics and their status for one person -----------------------------------------------------


def _default_topic(slug: str) -> Topic:
    for spec in DEFAULT_TOPICS:
        if spec["slug"] == slug:
            return Topic(**spec)
    return Topic(slug=slug, name=slug.replace("-", " ").capitalize(), interval=Interval.ONCE)


def topics_for(person, slugs) -> dict[str, Topic]:
    """Each slug's topic as the person's circles define it (the first circle that has it), or
    the co-op's default when none of their circles does."""
    wanted = set(slugs)
    found: dict[str, Topic] = {}
    for circle in Circle.objects.filter(pk__in=circle_ids_of(person)).order_by("pk"):
        missing = wanted - set(found)
        if not missing:
            break
        for topic in policy_for(circle).topics.filter(slug__in=missing, retired_at__isnull=True):
            found.setdefault(topic.slug, topic)
    for slug in wanted - set(found):
        found[slug] = _default_topic(slug)
    return found


@dataclass
class TopicStatus:
    topic: Topic
    status: Status
    completed_on: datetime.date | None = None
    expires_on: datetime.date | None = None

    @property
    def done(self) -> bool:
        return self.status in DONE

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    def describe(self) -> str:
        if self.status == Status.EXPIRED:
            return _("%(topic)s expired on %(date)s") % {
                "topic": self.topic.name,
                "date": date_format(self.expires_on, "j F Y"),
            }
        if self.topic.observed:
            return _("%(topic)s is not recorded (an assessor observes it)") % {
                "topic": self.topic.name
            }
        return _("%(topic)s is not recorded") % {"topic": self.topic.name}


def topic_statuses(person, slugs, today: datetime.date | None = None) -> dict[str, TopicStatus]:
    """{slug: the person's status for it}: in date counts as done."""
    today = today or timezone.localdate()
    topics = topics_for(person, slugs)
    dates = latest_dates([person.pk], topics.values())
    result = {}
    for slug, topic in topics.items():
        completed_on = dates.get((person.pk, slug))
        status, expires_on = status_of(completed_on, topic, today)
        result[slug] = TopicStatus(topic, status, completed_on, expires_on)
    return result


@dataclass
class StageView:
    stage: PathwayStage
    topics: list[TopicStatus] = field(default_factory=list)
    reached_on: datetime.date | None = None
    current: bool = False

    @property
    def missing(self) -> list[TopicStatus]:
        return [t for t in self.topics if not t.done]


@dataclass
class PathwayView:
    pathway: Pathway
    stages: list[StageView]
    journey: PathwayJourney | None = None


def overview(person, today: datetime.date | None = None) -> list[PathwayView]:
    """Every pathway with its stages, the person's status for each stage's topics, and their
    open journey on it, if any."""
    ensure_default_pathways()
    shown = list(pathways())
    slugs = {slug for p in shown for stage in p.stages.all() for slug in stage.topic_slugs}
    statuses = topic_statuses(person, slugs, today)
    journeys = {
        j.pathway_id: j
        for j in PathwayJourney.objects.filter(person=person, ended_on__isnull=True)
        .select_related("stage")
        .prefetch_related("moves")
    }
    views = []
    for pathway in shown:
        journey = journeys.get(pathway.pk)
        reached = {m.stage_id: m.reached_on for m in journey.moves.all()} if journey else {}
        stages = [
            StageView(
                stage,
                [statuses[slug] for slug in stage.topic_slugs],
                reached.get(stage.pk),
                journey is not None and journey.stage_id == stage.pk,
            )
            for stage in pathway.stages.all()
        ]
        views.append(PathwayView(pathway, stages, journey))
    return views


def journey_view(journey: PathwayJourney, today: datetime.date | None = None) -> list[StageView]:
    """The journey's stages: when each was reached, and the topics of each with the person's
    status (the current stage's are what is left before the next stage)."""
    stages = list(journey.pathway.stages.all())
    slugs = {slug for stage in stages for slug in stage.topic_slugs}
    statuses = topic_statuses(journey.person, slugs, today)
    reached = {m.stage_id: m.reached_on for m in journey.moves.all()}
    return [
        StageView(
            stage,
            [statuses[slug] for slug in stage.topic_slugs],
            reached.get(stage.pk),
            journey.stage_id == stage.pk,
        )
        for stage in stages
    ]


def next_stage(journey: PathwayJourney) -> PathwayStage | None:
    return (
        PathwayStage.objects.filter(pathway_id=journey.pathway_id, order__gt=journey.stage.order)
        .order_by("order")
        .first()
    )


def missing_for_next(journey: PathwayJourney, today=None) -> list[TopicStatus]:
    """The current stage's topics the person does not have in date."""
    statuses = topic_statuses(journey.person, journey.stage.topic_slugs, today)
    return [statuses[slug] for slug in journey.stage.topic_slugs if not statuses[slug].done]


def journeys_of(person) -> QuerySet:
    return (
        PathwayJourney.objects.filter(person=person)
        .select_related("pathway", "stage")
        .order_by("ended_on", "-started_on", "-id")
    )


# --- Changing -----------------------------------------------------------------------------------


def _takes_part(person) -> bool:
    from coopcare.permissions import takes_part

    return takes_part.test(person)


@transaction.atomic
def start_journey(actor, pathway: Pathway, *, request=None) -> PathwayJourney:
    """The actor sets out on ``pathway`` at its first stage."""
    if not _takes_part(actor):
        raise NotAllowed(
            _("Pathways are for members and for people taking part in a team or circle.")
        )
    if PathwayJourney.objects.filter(person=actor, pathway=pathway, ended_on__isnull=True).exists():
        raise DomainError(_("You are already on this pathway."), field="pathway")
    first = pathway.stages.order_by("order").first()
    if first is None:
        raise DomainError(_("This pathway has no stages yet."), field="pathway")
    journey = PathwayJourney.objects.create(person=actor, pathway=pathway, stage=first)
    StageMove.objects.create(journey=journey, stage=first, confirmed_by=actor)
    audit(
        "learning.journey_started",
        actor=actor,
        target=journey,
        subject=actor,
        request=request,
        detail={"pathway": pathway.slug, "stage": first.order},
    )
    return journey


def _locked(journey: PathwayJourney) -> PathwayJourney:
    return (
        PathwayJourney.objects.select_for_update(of=("self",))
        .select_related("person__profile", "pathway", "stage")
        .get(pk=journey.pk)
    )


@transaction.atomic
def confirm_stage(actor, journey: PathwayJourney, *, request=None) -> StageMove:
    """The person's Coach or Learning Lead confirms they reached the next stage: only when the
    current stage's topics are in date."""
    if not actor.has_perm("learning.confirm_stage", journey.person):
        raise NotAllowed(_("Only the person's Coach or Learning Lead confirms a stage."))
    if actor.pk == journey.person_id:
        raise NotAllowed(_("Someone else confirms your own stage: ask another Coach."))
    journey = _locked(journey)
    if journey.ended_on is not None:
        raise DomainError(_("This journey has ended."))
    following = next_stage(journey)
    if following is None:
        raise DomainError(_("They have reached the last stage of this pathway."))
    missing = missing_for_next(journey)
    if missing:
        raise DomainError(
            _("%(person)s cannot move on to %(stage)s yet: %(missing)s.")
            % {
                "person": journey.person,
                "stage": following.name,
                "missing": "; ".join(t.describe() for t in missing),
            }
        )
    today = timezone.localdate()
    before = journey.stage.order
    journey.stage = following
    journey.stage_reached_on = today
    journey.save(update_fields=["stage", "stage_reached_on"])
    move = StageMove.objects.create(
        journey=journey, stage=following, reached_on=today, confirmed_by=actor
    )
    audit(
        "learning.stage_confirmed",
        actor=actor,
        target=journey,
        subject=journey.person,
        request=request,
        changes={"stage": [before, following.order]},
    )
    notify(
        journey.person,
        "learning.pathway",
        _("You reached %(stage)s") % {"stage": following.name},
        _("On %(pathway)s: see what comes next.") % {"pathway": journey.pathway.name},
        reverse("learning:journey", args=[journey.pk]),
    )
    return move


@transaction.atomic
def end_journey(actor, journey: PathwayJourney, *, request=None) -> PathwayJourney:
    """The person leaves the pathway. The stages they reached stay on record."""
    if actor.pk != journey.person_id:
        raise NotAllowed(_("Only the person on the pathway ends their journey."))
    journey = _locked(journey)
    if journey.ended_on is not None:
        raise DomainError(_("This journey has already ended."))
    journey.ended_on = timezone.localdate()
    journey.save(update_fields=["ended_on"])
    audit(
        "learning.journey_ended",
        actor=actor,
        target=journey,
        subject=actor,
        request=request,
        detail={"stage": journey.stage.order},
    )
    return journey


# --- Measures -----------------------------------------------------------------------------------


def people_of_circles_q(circle_ids) -> Q:
    """People in these circles now: members, hat-holders and givers in the teams they support."""
    ids = list(circle_ids)
    members = CircleMembership.objects.filter(circle_id__in=ids, left_on__isnull=True)
    hats = Hat.objects.current().filter(circle_id__in=ids)
    teams = Team.objects.filter(local_circle_id__in=ids).exclude(status=Team.Status.CLOSED)
    givers = TeamMember.objects.current().filter(team__in=teams).exclude(kind=MemberKind.OWNER)
    return (
        Q(pk__in=members.values("person_id"))
        | Q(pk__in=hats.values("holder_id"))
        | Q(pk__in=givers.values("person_id"))
    )


def progressions(circle_ids=None, since: datetime.date | None = None) -> int:
    """How many journeys reached the last stage of the volunteer-to-paid-work pathway (paid
    work), ever or on or after ``since``; with ``circle_ids``, only journeys of people in one
    of those circles now. Two queries, however many journeys."""
    last = PathwayStage.objects.filter(pathway__slug=VOLUNTEER_TO_PAID).order_by("-order").first()
    if last is None:
        return 0
    moves = StageMove.objects.filter(stage=last)
    if since is not None:
        moves = moves.filter(reached_on__gte=since)
    if circle_ids is not None:
        people = User.objects.filter(people_of_circles_q(circle_ids)).values("pk")
        moves = moves.filter(journey__person__in=people)
    return moves.aggregate(n=Count("journey", distinct=True))["n"]
