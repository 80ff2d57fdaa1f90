"""Read queries behind the team page and the "my teams" page.

Each costs a fixed number of queries however many members, hats, invitations or teams there are:
lists are paginated and whatever a row shows is fetched for the whole page at once, including
whose names the viewer may see (one privacy query for everyone on the page).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Case, OuterRef, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from coopcare.circles.models import Circle, Hat
from coopcare.members.models import Section
from coopcare.members.privacy import annotate_visibility
from coopcare.teams import selectors
from coopcare.teams.models import (
    Invitation,
    Leave,
    MemberKind,
    Representative,
    Scope,
    Team,
    TeamMember,
    Trial,
)

User = get_user_model()
PER_PAGE = 25
FAREWELL_DAYS = 30
SCOPE_LABELS = dict(Scope.choices)
ROLE_LABELS = dict(Representative.Role.choices)
KIND_LABELS = dict(MemberKind.choices)
STATUS_LABELS = dict(TeamMember.Status.choices)


@dataclass
class MemberRow:
    member: TeamMember
    hats: list[Hat] = field(default_factory=list)
    trial: Trial | None = None
    leave: Leave | None = None


def names_visible_to(viewer, people_ids: set[int]) -> set[int]:
    """Which of these people's names the viewer may see, in one query."""
    if not people_ids:
        return set()
    people = annotate_visibility(User.objects.filter(pk__in=people_ids), viewer, [Section.NAME])
    return set(people.filter(can_see_name=True).values_list("pk", flat=True))


def current_members(team: Team) -> QuerySet:
    owner_first = Case(When(kind=MemberKind.OWNER, then=Value(0)), default=Value(1))
    return (
        TeamMember.objects.current()
        .filter(team=team)
        .select_related("person__profile")
        .order_by(owner_first, "joined_on", "pk")
    )


def team_page(viewer, team: Team, page_number: Any) -> dict[str, Any]:
    """Everything the team page shows this viewer."""
    page = Paginator(current_members(team), PER_PAGE).get_page(page_number)
    hats = list(selectors.team_hats(team))
    member_ids = [m.pk for m in page.object_list]
    trials = {
        t.member_id: t
        for t in Trial.objects.filter(member_id__in=member_ids, status__in=["arranged", "asking"])
    }
    leaves = {
        leave.member_id: leave
        for leave in Leave.objects.filter(member_id__in=member_ids, status=Leave.Status.NOTICE)
    }
    rows = [
        MemberRow(
            member=m,
            hats=[hat for hat in hats if hat.holder_id == m.person_id],
            trial=trials.get(m.pk),
            leave=leaves.get(m.pk),
        )
        for m in page.object_list
    ]
    on_page = {m.person_id for m in page.object_list}
    other_hats = [hat for hat in hats if hat.holder_id not in on_page]
    representatives = list(
        selectors.current_representatives(team).select_related("person__profile")
    )
    for rep in representatives:
        rep.scope_labels = [SCOPE_LABELS.get(value, value) for value in rep.scope or []]
    farewells = list(
        Leave.objects.filter(team=team, status__in=[Leave.Status.NOTICE, Leave.Status.COMPLETED])
        .exclude(farewell="")
        .filter(given_at__gte=timezone.now() - datetime.timedelta(days=FAREWELL_DAYS))
        .select_related("member__person__profile")
        .order_by("-given_at")[:PER_PAGE]
    )
    can_approve = viewer.has_perm("teams.approve_members", team)
    pending, pending_count = [], 0
    if can_approve:
        waiting = selectors.team_invitations(team).filter(status=Invitation.Status.PENDING)
        pending = list(waiting[:PER_PAGE])
        pending_count = waiting.count()
    people = on_page | {hat.holder_id for hat in hats} | {rep.person_id for rep in representatives}
    people |= {leave.member.person_id for leave in farewells}
    my_member = selectors.current_membership(team, viewer)
    return {
        "team": team,
        "rows": rows,
        "members_page": page,
        "other_hats": other_hats,
        "unheld_hats": list(selectors.unheld_essential_hat_types(hats)),
        "representatives": representatives,
        "farewells": farewells,
        "pending": pending,
        "pending_count": pending_count,
        # The team bears its owner's name, so whoever sees the team sees who leads it.
        "visible_names": names_visible_to(viewer, people - {viewer.pk, team.owner_id})
        | {viewer.pk, team.owner_id},
        "can_approve": can_approve,
        "can_manage_representatives": viewer.has_perm("teams.manage_representatives", team),
        "can_give_notice": viewer.has_perm("teams.give_notice", team)
        and my_member is not None
        and my_member.status == TeamMember.Status.MEMBER,
        "my_leave": selectors.open_leave_of(my_member) if my_member else None,
        "my_trial": getattr(my_member, "trial", None)
        if my_member and my_member.status == TeamMember.Status.TRIAL
        else None,
    }


def _with_my_role(teams: QuerySet, person) -> QuerySet:
    today = timezone.localdate()
    membership = TeamMember.objects.current().filter(team=OuterRef("pk"), person=person)
    acting = Representative.objects.filter(
        team=OuterRef("pk"),
        person=person,
        ended_at__isnull=True,
        starts_on__lte=today,
        ends_on__gte=today,
    )
    return teams.annotate(
        my_kind=Subquery(membership.values("kind")[:1]),
        my_status=Subquery(membership.values("status")[:1]),
        my_acting_role=Subquery(acting.values("role")[:1]),
    )


def my_teams(person) -> QuerySet:
    """Teams the person owns, is in, or acts for, each with ``my_kind``, ``my_status`` and
    ``my_acting_role`` for them, the ones they own first."""
    mine = Team.objects.filter(pk__in=selectors.team_ids_of(person)).select_related(
        "circle", "owner__profile", "local_circle"
    )
    owned_first = Case(When(owner=person, then=Value(0)), default=Value(1))
    return _with_my_role(mine, person).order_by(owned_first, "circle__name", "pk")


def my_role(team: Team, person) -> str:
    """How the person is part of a team from ``my_teams``, in words."""
    if team.owner_id == person.pk:
        return gettext("You lead this team.")
    parts = []
    if team.my_kind:
        parts.append(
            gettext("You take part as: %(kind)s (%(status)s).")
            % {
                "kind": KIND_LABELS.get(team.my_kind, team.my_kind),
                "status": STATUS_LABELS.get(team.my_status, team.my_status).lower(),
            }
        )
    if team.my_acting_role:
        parts.append(
            gettext("You act for %(owner)s as: %(role)s.")
            % {"owner": team.owner, "role": ROLE_LABELS.get(team.my_acting_role, "")}
        )
    return " ".join(parts)


def my_teams_page(person, number: Any) -> Page:
    teams = page_of(my_teams(person), number)
    for team in teams.object_list:
        team.my_role = my_role(team, person)
    return teams


def supported_teams(person) -> QuerySet:
    """Teams of the local circles where the person wears the Team Starter or Coach hat."""
    circles = (
        Hat.objects.current()
        .filter(holder=person, hat_type__slug__in=["team-starter", "coach"])
        .values("circle")
    )
    return (
        Team.objects.filter(local_circle__in=Circle.objects.filter(pk__in=circles))
        .exclude(status=Team.Status.CLOSED)
        .select_related("circle", "owner__profile", "local_circle")
        .order_by("local_circle__name", "circle__name", "pk")
    )


def page_of(queryset: QuerySet, number: Any) -> Page:
    return Paginator(queryset, PER_PAGE).get_page(number)


def waiting_for_me(person) -> QuerySet:
    """Invitations waiting for the person's answer, and their own requests still waiting."""
    return selectors.invitations_for(person).filter(status=Invitation.Status.PENDING)
