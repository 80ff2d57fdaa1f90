"""Read queries for starting teams: who wears which hat where, and the lists each person sees."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from coopcare.circles.consent_selectors import ESSENTIAL_TEAM_HATS
from coopcare.circles.models import Circle, CircleMembership, Hat, HatType
from coopcare.starting.models import CallOut, Case, Enquiry, Interest
from coopcare.teams.models import Team, TeamMember

User = get_user_model()

TEAM_STARTER = "team-starter"
COACH = "coach"
RECRUITER = "recruiter"
LEADER = "leader"
# The essential team hats (DOMAIN.md), held by team members before a Team Starter steps back.
ESSENTIAL_HATS = ESSENTIAL_TEAM_HATS
_OPERATIONAL = (TEAM_STARTER, COACH, RECRUITER)


def local_circles_by_hat(user) -> dict[str, frozenset[int]]:
    """{hat slug: ids of local circles where ``user`` wears it today}, for the hats this app
    asks about. One query, cached on the person object for the request (like other rules)."""
    if not getattr(user, "is_authenticated", False):
        return {slug: frozenset() for slug in _OPERATIONAL}
    cached = getattr(user, "_coopcare_starting_hats", None)
    if cached is None:
        found: dict[str, set[int]] = {slug: set() for slug in _OPERATIONAL}
        rows = (
            Hat.objects.current()
            .filter(holder=user, hat_type__slug__in=_OPERATIONAL, circle__kind=Circle.Kind.LOCAL)
            .values_list("hat_type__slug", "circle_id")
        )
        for slug, circle_id in rows:
            found[slug].add(circle_id)
        cached = {slug: frozenset(ids) for slug, ids in found.items()}
        user._coopcare_starting_hats = cached
    return cached


def starter_circle_ids(user) -> frozenset[int]:
    return local_circles_by_hat(user)[TEAM_STARTER]


def supporting_circle_ids(user) -> frozenset[int]:
    """Local circles where the person is a Team Starter or a Coach."""
    hats = local_circles_by_hat(user)
    return hats[TEAM_STARTER] | hats[COACH]


def starter_circles(user) -> QuerySet:
    return Circle.objects.filter(pk__in=starter_circle_ids(user)).order_by("name")


def local_circles() -> QuerySet:
    return Circle.objects.filter(kind=Circle.Kind.LOCAL).order_by("name")


def visible_enquiries(user) -> QuerySet:
    """Unassigned enquiries for every Team Starter and Coach; assigned ones for that circle's."""
    circles = supporting_circle_ids(user)
    if not circles:
        return Enquiry.objects.none()
    return Enquiry.objects.filter(
        Q(local_circle__isnull=True) | Q(local_circle__in=circles)
    ).select_related("local_circle")


def visible_cases(user) -> QuerySet:
    return Case.objects.filter(local_circle__in=supporting_circle_ids(user)).select_related(
        "enquiry", "local_circle", "team__circle", "team_starter__profile"
    )


def case_for_detail(pk: int) -> Case | None:
    return (
        Case.objects.select_related(
            "enquiry",
            "local_circle",
            "person__profile",
            "team__circle",
            "team__owner__profile",
            "team_starter__profile",
        )
        .filter(pk=pk)
        .first()
    )


def case_of_team(team: Team) -> Case | None:
    return Case.objects.filter(team=team).select_related("team_starter", "local_circle").first()


def hat_holders(circle_id: int, slugs: tuple[str, ...] | list[str]) -> QuerySet:
    """People wearing any of these hats in a circle today."""
    holders = Hat.objects.current().filter(circle_id=circle_id, hat_type__slug__in=slugs)
    return User.objects.filter(is_active=True, pk__in=holders.values("holder")).order_by("pk")


def starters_of(circle_id: int | None) -> QuerySet:
    """Team Starters of a circle; of every local circle when there is none yet."""
    hats = Hat.objects.current().filter(hat_type__slug=TEAM_STARTER, circle__kind=Circle.Kind.LOCAL)
    if circle_id is not None:
        hats = hats.filter(circle_id=circle_id)
    return User.objects.filter(is_active=True, pk__in=hats.values("holder")).order_by("pk")


def current_team_people(team: Team) -> QuerySet:
    """The owner and every current member of the team, as people."""
    members = TeamMember.objects.current().filter(team=team).values("person")
    return User.objects.filter(Q(pk=team.owner_id) | Q(pk__in=members), is_active=True).order_by(
        "pk"
    )


def team_member_choices(team: Team, exclude_id: int | None = None) -> QuerySet:
    people = current_team_people(team).select_related("profile")
    return people.exclude(pk=exclude_id) if exclude_id else people


def essential_hats_held(case: Case) -> dict[str, bool]:
    """For each essential hat: is it worn in the team by a team member other than the Team
    Starter? Holders outside the team do not count: the point is that the team runs itself."""
    if case.team_id is None:
        return dict.fromkeys(ESSENTIAL_HATS, False)
    members = TeamMember.objects.current().filter(team_id=case.team_id).values("person")
    worn = set(
        Hat.objects.current()
        .filter(circle_id=case.team.circle_id, hat_type__slug__in=ESSENTIAL_HATS)
        .filter(Q(holder__in=members) | Q(holder_id=case.team.owner_id))
        .exclude(holder_id=case.team_starter_id)
        .values_list("hat_type__slug", flat=True)
    )
    return {slug: slug in worn for slug in ESSENTIAL_HATS}


def hat_names(slugs: list[str]) -> list[str]:
    """The names of these hat types, in the order given."""
    names = dict(HatType.objects.filter(slug__in=slugs).values_list("slug", "name"))
    return [names.get(slug, slug) for slug in slugs]


def call_out_audience_q(user) -> Q:
    """A Q over open call-outs: those whose audience includes ``user``."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__isnull=True)
    my_circles = CircleMembership.objects.filter(person=user, left_on__isnull=True).values("circle")
    named = CallOut.named_people.through.objects.filter(callout_id=OuterRef("pk"), user_id=user.pk)
    recruiter_in = local_circles_by_hat(user)[RECRUITER]
    return Q(status=CallOut.Status.OPEN) & (
        (Q(audience=CallOut.Audience.NAMED) & Q(Exists(named)))
        | Q(audience=CallOut.Audience.CIRCLE, case__local_circle__in=my_circles)
        | Q(audience=CallOut.Audience.RECRUITER, case__local_circle__in=recruiter_in)
    )


def open_call_outs_for(user) -> QuerySet:
    mine = Interest.objects.filter(call_out=OuterRef("pk"), person=user)
    return (
        CallOut.objects.filter(call_out_audience_q(user))
        .select_related("case__local_circle")
        .annotate(interested=Exists(mine))
        .order_by("-published_at", "-pk")
    )


def in_call_out_audience(user, call_out: CallOut) -> bool:
    return CallOut.objects.filter(call_out_audience_q(user), pk=call_out.pk).exists()


def interests_for(call_out: CallOut) -> QuerySet:
    return Interest.objects.filter(call_out=call_out).select_related("person__profile")


def call_outs_of(case: Case) -> QuerySet:
    return case.call_outs.prefetch_related(
        Prefetch("interests", queryset=Interest.objects.select_related("person__profile")),
        Prefetch("named_people", queryset=User.objects.select_related("profile")),
    )
