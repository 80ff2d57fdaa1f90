"""Read queries about teams: who is in them and who may act for their owner."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from coopcare.teams.models import Representative, Team, TeamMember


def current_representatives(team: Team, on=None) -> QuerySet:
    day = on or timezone.localdate()
    return Representative.objects.filter(
        team=team, ended_at__isnull=True, starts_on__lte=day, ends_on__gte=day
    )


def acts_for_owner(user, team: Team, scope: str | None = None) -> bool:
    """The owner, or someone acting for them now within ``scope`` (any scope if None)."""
    if not getattr(user, "is_authenticated", False) or team is None:
        return False
    if team.owner_id == user.pk:
        return True
    reps = current_representatives(team).filter(person=user)
    if scope is None:
        return reps.exists()
    # JSON containment differs by database; a scope list is tiny, so check it in Python.
    return any(scope in (rep.scope or []) for rep in reps)


def on_behalf_of(user, team: Team) -> Representative | None:
    """The representation under which ``user`` acts for the owner, or None if they are the owner."""
    if team.owner_id == user.pk:
        return None
    return current_representatives(team).filter(person=user).first()


def is_current_member(user, team: Team) -> bool:
    if not getattr(user, "is_authenticated", False) or team is None:
        return False
    return (
        team.owner_id == user.pk
        or TeamMember.objects.current().filter(team=team, person=user).exists()
    )


def supports_team(user, team: Team) -> bool:
    """Wears the Team Starter or Coach hat in the local circle that supports the team."""
    from coopcare.circles.models import Hat

    if not getattr(user, "is_authenticated", False) or team is None:
        return False
    return (
        Hat.objects.current()
        .filter(
            holder=user,
            circle_id=team.local_circle_id,
            hat_type__slug__in=["team-starter", "coach"],
        )
        .exists()
    )


def teams_of(person) -> QuerySet:
    """Teams the person owns, is a current member of, or acts for now."""
    today = timezone.localdate()
    return (
        Team.objects.filter(
            Q(owner=person)
            | Q(
                members__person=person,
                members__left_on__isnull=True,
                members__status__in=TeamMember.CURRENT,
            )
            | Q(
                representatives__person=person,
                representatives__ended_at__isnull=True,
                representatives__starts_on__lte=today,
                representatives__ends_on__gte=today,
            )
        )
        .exclude(status=Team.Status.CLOSED)
        .distinct()
        .select_related("circle", "owner__profile")
    )


def team_mate_ids(person) -> QuerySet:
    """Ids of people who share a current team with ``person`` (owners included)."""
    mine = teams_of(person).values("pk")
    members = TeamMember.objects.current().filter(team__in=mine).values_list("person", flat=True)
    owners = Team.objects.filter(pk__in=mine).values_list("owner", flat=True)
    return members.union(owners)
