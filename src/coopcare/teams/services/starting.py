"""Creating a team: the first step every later team operation builds on."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.circles.models import Circle
from coopcare.circles.services import unique_slug
from coopcare.errors import DomainError
from coopcare.teams.models import MemberKind, Team, TeamMember


@transaction.atomic
def start_team(actor, owner, local_circle: Circle, name: str = "", request=None) -> Team:
    """Start a team around ``owner`` (the person getting support), supported by a local circle.

    The team gets its own circle (every Team is also a Circle), a child of the local circle, and
    the owner is its first member. ``actor`` is the owner or a Team Starter; ``None`` for the seed.
    """
    if local_circle.kind != Circle.Kind.LOCAL:
        raise DomainError(_("A team is started by a local circle."), field="local_circle")
    if Team.objects.filter(owner=owner).exclude(status=Team.Status.CLOSED).exists():
        raise DomainError(_("This person already has a team."), field="owner")
    owner_name = getattr(getattr(owner, "profile", None), "name", "") or _("the owner")
    name = (name or _("Team %(name)s") % {"name": owner_name}).strip()[:120]
    circle = Circle.objects.create(
        name=name,
        slug=unique_slug(name),
        kind=Circle.Kind.TEAM,
        parent=local_circle,
        aim=_("Support %(name)s the way they choose.") % {"name": owner_name},
        domain=_("Who is in the team, when and how support happens, and the team's hats."),
    )
    team = Team.objects.create(circle=circle, owner=owner, local_circle=local_circle)
    TeamMember.objects.create(
        team=team, person=owner, kind=MemberKind.OWNER, joined_on=timezone.localdate()
    )
    record(
        "team.started",
        actor=actor,
        target=team,
        subject=owner,
        request=request,
        detail={"local_circle": local_circle.slug, "name": name},
    )
    return team


def note_member_joined(team: Team, actor=None, request=None) -> None:
    """A starting team becomes *active* when its first member besides the owner joins.

    "Starting" means the Team Starter is still finding people; once someone has joined (straight
    away, or after both sides said yes to a trial) the team exists in practice. Whether support
    may be booked is a separate gate (the Getting Support Promise, in ``starting.gates``). A team
    that is already active, self-managing or closed keeps its status. Call inside the
    transaction that made the member.
    """
    updated = Team.objects.filter(pk=team.pk, status=Team.Status.STARTING).update(
        status=Team.Status.ACTIVE
    )
    if updated:
        team.status = Team.Status.ACTIVE
        record(
            "team.active",
            actor=actor,
            target=team,
            subject=team.owner,
            request=request,
            detail={"reason": "first member joined"},
        )
