"""Read queries for appointments and care logs, and the facts the visit rules ask about."""

import datetime

from django.db.models import QuerySet

from coopcare.circles.models import Hat
from coopcare.teams.models import MemberKind, Team, TeamMember
from coopcare.visits.models import Appointment, Attendee, VisitPolicy

ROTA_HOLDER = "rota-holder"
MAR_HOLDER = "mar-holder"
# Member kinds who are paid for the support they give: they may read sensitive notes, and
# their rate is snapshotted on each appointment they join.
PAID_KINDS = frozenset({MemberKind.INDEPENDENT_WORKER, MemberKind.EMPLOYED_WORKER})


def wears_team_hat(user, team: Team | None, slug: str) -> bool:
    """Wears this hat in the team's own circle today."""
    if not getattr(user, "is_authenticated", False) or team is None:
        return False
    return (
        Hat.objects.current()
        .filter(holder=user, circle_id=team.circle_id, hat_type__slug=slug)
        .exists()
    )


def team_hat_wearers(team: Team, slug: str) -> QuerySet:
    from coopcare.members.models import User

    wearers = Hat.objects.current().filter(circle_id=team.circle_id, hat_type__slug=slug)
    return User.objects.filter(pk__in=wearers.values("holder_id"))


def membership_of(team: Team, person) -> TeamMember | None:
    return (
        TeamMember.objects.current().filter(team=team, person=person).order_by("-id").first()
        if getattr(person, "is_authenticated", False)
        else None
    )


def is_paid_giver(team: Team, person) -> bool:
    member = membership_of(team, person)
    return member is not None and member.kind in PAID_KINDS


def policy_for(team: Team) -> VisitPolicy:
    """The local circle's visit policy; an unsaved one holding the defaults if it has none."""
    policy = VisitPolicy.objects.filter(circle_id=team.local_circle_id).first()
    return policy or VisitPolicy(circle_id=team.local_circle_id)


def team_appointments(
    team: Team, start: datetime.datetime, end: datetime.datetime
) -> QuerySet[Appointment]:
    """Appointments of ``team`` that start in [start, end), with attendees, for a calendar."""
    return (
        Appointment.objects.filter(team=team, starts_at__gte=start, starts_at__lt=end)
        .select_related("team__circle")
        .prefetch_related("attendees__person__profile")
        .order_by("starts_at", "id")
    )


def person_appointments(
    person, start: datetime.datetime, end: datetime.datetime
) -> QuerySet[Appointment]:
    """Appointments ``person`` attends (has not declined) across teams, starting in [start, end)."""
    attending = Attendee.objects.filter(person=person).exclude(response=Attendee.Response.DECLINED)
    return (
        Appointment.objects.filter(
            pk__in=attending.values("appointment_id"), starts_at__gte=start, starts_at__lt=end
        )
        .select_related("team__owner__profile", "team__circle")
        .prefetch_related("attendees__person__profile")
        .order_by("starts_at", "id")
    )


def givers_of(appointment: Appointment) -> list[Attendee]:
    return [a for a in appointment.attendees.all() if a.role == Attendee.Role.GIVER]


def is_attendee(person, appointment: Appointment, role: str | None = None) -> bool:
    if not getattr(person, "is_authenticated", False):
        return False
    rows = Attendee.objects.filter(appointment=appointment, person=person)
    if role:
        rows = rows.filter(role=role)
    return rows.exists()
