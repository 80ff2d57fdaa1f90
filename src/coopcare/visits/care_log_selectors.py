"""Read queries for care logs: who is in the visit, who has confirmed, what waits for whom.

The people in a visit (its *participants*) are every giver who joined the appointment and the
person getting support, the team's owner. Someone acting for the owner confirms on the owner's
side, so the owner's side counts as one participant however many people may speak for it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import Hat
from coopcare.teams.models import Representative, Team
from coopcare.teams.selectors import acts_for_owner
from coopcare.visits.models import Attendee, CareLog, CareLogConfirmation

User = get_user_model()

COACH = "coach"
TEAM_STARTER = "team-starter"
RESOLVED = "visits.care_log_dispute_resolved"
GIVER = "giver"
RECEIVER = "receiver"


def joined_givers(appointment_id: int) -> QuerySet[Attendee]:
    return Attendee.objects.filter(
        appointment_id=appointment_id,
        role=Attendee.Role.GIVER,
        response=Attendee.Response.JOINED,
    )


def participant_ids(log: CareLog) -> list[int]:
    """The owner first, then each giver who joined."""
    givers = joined_givers(log.appointment_id).values_list("person_id", flat=True)
    return list(dict.fromkeys([log.team.owner_id, *givers]))


def sides_of(actor, log: CareLog) -> list[int]:
    """Whose confirmation ``actor`` gives: their own, as a giver who joined; the owner's, when
    they are the owner or act for the owner now. Empty for anyone else."""
    if not getattr(actor, "is_authenticated", False):
        return []
    sides = []
    if acts_for_owner(actor, log.team):
        sides.append(log.team.owner_id)
    if joined_givers(log.appointment_id).filter(person=actor).exists():
        sides.append(actor.pk)
    return list(dict.fromkeys(sides))


def confirmed_ids(log: CareLog) -> set[int]:
    """Whose side has confirmed the log's current version."""
    return set(
        CareLogConfirmation.objects.filter(care_log=log, version=log.version).values_list(
            "person_id", flat=True
        )
    )


@dataclass(frozen=True)
class Side:
    """One participant of a visit and their confirmation of the current version, if any."""

    person: object
    role: str
    confirmation: CareLogConfirmation | None

    @property
    def on_behalf(self) -> bool:
        c = self.confirmation
        return c is not None and c.confirmed_by_id != c.person_id


def sides(log: CareLog) -> list[Side]:
    """Every participant with their confirmation of this version: two queries."""
    owner = log.team.owner
    givers = [
        a.person
        for a in joined_givers(log.appointment_id).select_related("person__profile").order_by("id")
    ]
    confirmations = {
        c.person_id: c
        for c in CareLogConfirmation.objects.filter(
            care_log=log, version=log.version
        ).select_related("confirmed_by__profile")
    }
    rows = [Side(owner, RECEIVER, confirmations.get(owner.pk))]
    rows += [Side(p, GIVER, confirmations.get(p.pk)) for p in givers if p.pk != owner.pk]
    return rows


def owner_side_people(teams: Iterable[Team]) -> dict[int, list]:
    """For each team, the owner and everyone acting for them today: one query for all teams."""
    teams = list(teams)
    today = timezone.localdate()
    people = {team.pk: [team.owner] for team in teams}
    reps = Representative.objects.filter(
        team__in=[t.pk for t in teams],
        ended_at__isnull=True,
        starts_on__lte=today,
        ends_on__gte=today,
    ).select_related("person")
    for rep in reps:
        if all(p.pk != rep.person_id for p in people[rep.team_id]):
            people[rep.team_id].append(rep.person)
    return people


def settlers_of(team: Team) -> QuerySet:
    """Who settles a disputed care log: the Coaches of the team's local circle, or, while that
    circle has no Coach, its Team Starters (a dispute must always reach someone)."""
    hats = Hat.objects.current().filter(circle_id=team.local_circle_id)
    coaches = hats.filter(hat_type__slug=COACH)
    chosen = coaches if coaches.exists() else hats.filter(hat_type__slug=TEAM_STARTER)
    return User.objects.filter(pk__in=chosen.values("holder_id"), is_active=True)


def settles_disputes(person, team: Team) -> bool:
    if not getattr(person, "is_authenticated", False):
        return False
    return settlers_of(team).filter(pk=person.pk).exists()


def team_logs(team: Team, status: str = "") -> QuerySet[CareLog]:
    """The team's care logs, newest first, with what a list shows."""
    logs = CareLog.objects.filter(team=team)
    if status:
        logs = logs.filter(status=status)
    return logs.select_related("appointment").order_by("-started_at", "-id")


def waiting_for(person) -> QuerySet[CareLog]:
    """Pending logs that wait for ``person``: as a giver who joined, or on the owner's side of a
    team they own or act for today, where that side has not confirmed the current version."""
    if not getattr(person, "is_authenticated", False):
        return CareLog.objects.none()
    today = timezone.localdate()
    acting_for = Representative.objects.filter(
        person=person, ended_at__isnull=True, starts_on__lte=today, ends_on__gte=today
    ).values("team_id")
    gave = Attendee.objects.filter(
        appointment=OuterRef("appointment_id"),
        person=person,
        role=Attendee.Role.GIVER,
        response=Attendee.Response.JOINED,
    )
    mine_confirmed = CareLogConfirmation.objects.filter(
        care_log=OuterRef("pk"), version=OuterRef("version"), person=person
    )
    owner_confirmed = CareLogConfirmation.objects.filter(
        care_log=OuterRef("pk"), version=OuterRef("version"), person=OuterRef("team__owner_id")
    )
    as_giver = Q(Exists(gave)) & ~Q(Exists(mine_confirmed))
    as_owner_side = (Q(team__owner=person) | Q(team_id__in=acting_for)) & ~Q(
        Exists(owner_confirmed)
    )
    return (
        CareLog.objects.filter(status=CareLog.Status.PENDING)
        .filter(as_giver | as_owner_side)
        .exclude(team__status=Team.Status.CLOSED)
        .select_related("appointment", "team__owner__profile")
        .order_by("started_at", "id")
    )


def last_resolution(log: CareLog) -> AuditEvent | None:
    """What the Coach wrote when they last settled a dispute about this log."""
    return (
        AuditEvent.objects.filter(
            action=RESOLVED, target_type=CareLog._meta.label_lower, target_id=str(log.pk)
        )
        .select_related("actor__profile")
        .order_by("-id")
        .first()
    )


def open_correction(log: CareLog) -> CareLog | None:
    """A correction of ``log`` still waiting for confirmation (or disputed)."""
    return (
        CareLog.objects.filter(corrects=log)
        .filter(status__in=[CareLog.Status.PENDING, CareLog.Status.DISPUTED])
        .first()
    )


def latest_correction(log: CareLog) -> CareLog | None:
    return CareLog.objects.filter(corrects=log).order_by("-id").first()


def describe_length(minutes: int) -> str:
    """'1 hour 5 minutes', for people rather than payroll."""
    from django.utils.translation import ngettext

    hours, rest = divmod(max(minutes, 0), 60)
    parts = []
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if rest or not hours:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", rest) % {"n": rest})
    return " ".join(parts)


def log_page(viewer, log: CareLog) -> dict:
    """What one care log's page (and the API's view of it) shows this viewer."""
    from coopcare.teams.page import names_visible_to
    from coopcare.visits.models import Task
    from coopcare.visits.services.booking import describe_time

    rows = sides(log)
    mine = sides_of(viewer, log)
    people = {row.person.pk for row in rows}
    people |= {row.confirmation.confirmed_by_id for row in rows if row.confirmation}
    people |= {pk for pk in (log.adjusted_by_id, log.disputed_by_id) if pk}
    task_labels = dict(Task.choices)
    resolution = last_resolution(log) if log.disputed_at else None
    if resolution is not None and resolution.actor_id:
        people.add(resolution.actor_id)
    pending = log.status == CareLog.Status.PENDING
    confirmed = log.status == CareLog.Status.CONFIRMED
    correction = (
        latest_correction(log)
        if log.status in (CareLog.Status.CONFIRMED, CareLog.Status.SUPERSEDED)
        else None
    )
    return {
        "log": log,
        "appointment": log.appointment,
        "team": log.team,
        "planned": describe_time(log.appointment.starts_at, log.appointment.ends_at),
        "actual": describe_time(log.started_at, log.ended_at),
        "length": describe_length(log.minutes),
        "tasks": [task_labels.get(t, t) for t in log.tasks],
        "sides": rows,
        "my_sides": mine,
        "waiting_for_me": pending
        and any(row.confirmation is None for row in rows if row.person.pk in mine),
        "can_change": pending and bool(mine),
        "can_correct": confirmed
        and bool(mine)
        and not (correction is not None and correction.status != CareLog.Status.CONFIRMED),
        "can_resolve": log.status == CareLog.Status.DISPUTED and settles_disputes(viewer, log.team),
        "resolution": resolution,
        "correction": correction,
        "visible_names": names_visible_to(viewer, people) | {viewer.pk, log.team.owner_id},
        "sees_team_logs": viewer.has_perm("visits.view_care_logs", log.team),
    }
