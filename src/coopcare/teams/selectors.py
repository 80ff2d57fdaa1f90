"""Read queries about teams: who is in them and who may act for their owner."""

from allauth.account.models import EmailAddress
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from coopcare.circles.consent_selectors import ESSENTIAL_TEAM_HATS
from coopcare.circles.models import Hat, HatType
from coopcare.teams.models import Invitation, Leave, Representative, Team, TeamMember


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


def owner_acted_for(actor, team: Team):
    """The owner, when ``actor`` is acting for them as a representative now; otherwise None
    (the owner acting for themself, or a Team Starter acting in their own right)."""
    if actor is None or team.owner_id == actor.pk:
        return None
    return team.owner if on_behalf_of(actor, team) is not None else None


def acting_detail(actor, team: Team) -> dict:
    """What an audit event records about whom the actor acted for."""
    if actor is None or team.owner_id == actor.pk:
        return {}
    rep = on_behalf_of(actor, team)
    if rep is None:
        return {}
    return {"on_behalf_of": team.owner_id, "representative": rep.pk, "role": rep.role}


def is_current_member(user, team: Team) -> bool:
    if not getattr(user, "is_authenticated", False) or team is None:
        return False
    return (
        team.owner_id == user.pk
        or TeamMember.objects.current().filter(team=team, person=user).exists()
    )


def supports_team(user, team: Team) -> bool:
    """Wears the Team Starter or Coach hat in the local circle that supports the team."""
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


# --- Team-mates, for the privacy rule's "my team(s)" audience ---------------------------------


def team_ids_of(person) -> QuerySet:
    """Ids of the open teams ``person`` owns, is a current member of, or acts for today."""
    today = timezone.localdate()
    member_of = TeamMember.objects.current().filter(person=person).values("team")
    acting_for = Representative.objects.filter(
        person=person, ended_at__isnull=True, starts_on__lte=today, ends_on__gte=today
    ).values("team")
    return (
        Team.objects.filter(Q(owner=person) | Q(pk__in=member_of) | Q(pk__in=acting_for))
        .exclude(status=Team.Status.CLOSED)
        .values("pk")
    )


def team_mates_q(viewer) -> Q:
    """A Q over people: everyone who shares a current team with ``viewer`` (the viewer included
    when they are in a team).

    Sharing a team means being its owner, a current member (on trial, a member, or leaving), or
    someone acting for the owner today. It is symmetric: if I am your team-mate, you are mine.
    Written with ``Exists`` so it can be OR-ed into a larger privacy query without joins that
    would repeat rows.
    """
    if not getattr(viewer, "is_authenticated", False):
        # Matches nobody (see members.privacy.visible_section_q for why not ``pk__in=[]``).
        return Q(pk__isnull=True)
    today = timezone.localdate()
    mine = team_ids_of(viewer)
    members = TeamMember.objects.current().filter(person=OuterRef("pk"), team__in=mine)
    owners = Team.objects.filter(owner=OuterRef("pk"), pk__in=mine)
    acting = Representative.objects.filter(
        person=OuterRef("pk"),
        team__in=mine,
        ended_at__isnull=True,
        starts_on__lte=today,
        ends_on__gte=today,
    )
    return Q(Exists(members)) | Q(Exists(owners)) | Q(Exists(acting))


# --- Membership by mutual consent ---------------------------------------------------------------


def verified_emails(person) -> set[str]:
    """The person's verified email addresses, lower-cased (their account address included)."""
    cached = getattr(person, "_coopcare_verified_emails", None)
    if cached is None:
        cached = {
            email.lower()
            for email in EmailAddress.objects.filter(user=person, verified=True).values_list(
                "email", flat=True
            )
        }
        person._coopcare_verified_emails = cached
    return cached


def is_would_be_member(user, invitation) -> bool:
    """The person an invitation is for, or who asked to join: only they answer an invitation.

    An invitation sent to an address without an account belongs to whoever has verified that
    address, so nobody can take an invitation meant for someone else.
    """
    if not getattr(user, "is_authenticated", False) or invitation is None:
        return False
    if invitation.person_id is not None:
        return invitation.person_id == user.pk
    return (
        invitation.direction == Invitation.Direction.INVITE
        and invitation.email.lower() in verified_emails(user)
    )


def invitations_for(person) -> QuerySet:
    """Invitations to ``person`` and their requests to join, newest first."""
    emails = verified_emails(person)
    return (
        Invitation.objects.filter(Q(person=person) | Q(person__isnull=True, email__in=emails))
        .select_related("team__circle", "team__owner__profile", "started_by__profile")
        .select_related("started_on_behalf_of__profile")
        .order_by("-created_at", "-id")
    )


def team_invitations(team: Team) -> QuerySet:
    """Every invitation and request of a team, waiting ones first, then newest first."""
    waiting = When(status=Invitation.Status.PENDING, then=Value(0))
    return (
        Invitation.objects.filter(team=team)
        .select_related("person__profile", "started_by__profile", "started_on_behalf_of__profile")
        .select_related("closed_by__profile", "closed_on_behalf_of__profile")
        .order_by(Case(waiting, default=Value(1), output_field=IntegerField()), "-created_at")
    )


def owner_side(team: Team, scope: str) -> list:
    """The owner and everyone acting for them today with ``scope``: who hears about a step."""
    people = [team.owner]
    for rep in current_representatives(team).select_related("person"):
        if scope in (rep.scope or []) and rep.person_id != team.owner_id:
            people.append(rep.person)
    return people


def team_hats(team: Team) -> QuerySet:
    """Hats worn today in the team's circle, with their type and holder."""
    return (
        Hat.objects.current()
        .filter(circle_id=team.circle_id)
        .select_related("hat_type", "holder__profile")
        .order_by("hat_type__name", "started_on", "pk")
    )


def hats_to_hand_over(team: Team, person, after) -> QuerySet:
    """Hats ``person`` wears in the team's circle beyond the day ``after`` (their leaving day)."""
    return (
        Hat.objects.filter(circle_id=team.circle_id, holder=person)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=after))
        .select_related("hat_type")
        .order_by("hat_type__name", "pk")
    )


def unheld_essential_hat_types(hats: list) -> QuerySet:
    """Essential team hat types nobody wears, given the hats worn in the team now."""
    worn = {hat.hat_type.slug for hat in hats}
    return HatType.objects.filter(slug__in=ESSENTIAL_TEAM_HATS).exclude(slug__in=worn)


def open_leave_of(member: TeamMember):
    return Leave.objects.filter(member=member, status=Leave.Status.NOTICE).first()


def current_membership(team: Team, person) -> TeamMember | None:
    return (
        TeamMember.objects.current().filter(team=team, person=person).select_related("team").first()
    )


def account_with_email(email: str):
    """The active account that has verified ``email``, or None."""
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True, user__is_active=True)
        .select_related("user__profile")
        .first()
    )
    return address.user if address else None
