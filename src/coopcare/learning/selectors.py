"""Read queries for learning: whose circle is whose, and who holds the learning hats.

A person's circles, for learning, are the circles they take part in (a current circle
membership or a current hat there) and the local circles of the teams they are in (owner or
current member). Their Coach and Learning Lead are the people wearing those hats in one of those
circles — the only people besides themself who always see their learning records.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from coopcare.circles.models import Circle, CircleMembership, Hat
from coopcare.teams.models import Team, TeamMember

COACH = "coach"
LEARNING_LEAD = "learning-lead"
LEARNING_HATS = (COACH, LEARNING_LEAD)


def circle_ids_of(person) -> set[int]:
    """Ids of the circles whose learning policy applies to ``person`` (see module docstring)."""
    if person is None or not getattr(person, "pk", None):
        return set()
    cached = getattr(person, "_coopcare_learning_circles", None)
    if cached is not None:
        return cached
    in_circles = CircleMembership.objects.filter(person=person, left_on__isnull=True).values_list(
        "circle_id", flat=True
    )
    with_hats = (
        Hat.objects.current()
        .filter(holder=person)
        .exclude(circle__kind=Circle.Kind.TEAM)
        .values_list("circle_id", flat=True)
    )
    team_ids = TeamMember.objects.current().filter(person=person).values("team_id")
    via_teams = (
        Team.objects.filter(Q(owner=person) | Q(pk__in=team_ids))
        .exclude(status=Team.Status.CLOSED)
        .values_list("local_circle_id", flat=True)
    )
    ids = set(in_circles) | set(with_hats) | set(via_teams)
    person._coopcare_learning_circles = ids
    return ids


def hat_circle_ids(user, slugs) -> set[int]:
    """Circles where ``user`` wears one of the hats named by ``slugs`` today (cached per request
    on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    key = "_coopcare_learning_hats"
    cached = getattr(user, key, None)
    if cached is None:
        cached = {}
        for circle_id, slug in (
            Hat.objects.current()
            .filter(
                holder=user, hat_type__slug__in=(*LEARNING_HATS, "recruiter", "peer-supervisor")
            )
            .values_list("circle_id", "hat_type__slug")
        ):
            cached.setdefault(slug, set()).add(circle_id)
        setattr(user, key, cached)
    out: set[int] = set()
    for slug in slugs:
        out |= cached.get(slug, set())
    return out


def wears_in_circle(user, circle, *slugs: str) -> bool:
    circle_id = getattr(circle, "pk", circle)
    return circle_id in hat_circle_ids(user, slugs)


def holds_learning_hat_for(user, person, *slugs: str) -> bool:
    """``user`` wears one of ``slugs`` (default: Coach or Learning Lead) in one of ``person``'s
    circles."""
    mine = hat_circle_ids(user, slugs or LEARNING_HATS)
    return bool(mine) and bool(mine & circle_ids_of(person))


def coaches_and_leads_of(person) -> QuerySet:
    """The people wearing the Coach or Learning Lead hat in ``person``'s circles today."""
    from django.contrib.auth import get_user_model

    ids = circle_ids_of(person)
    holders = (
        Hat.objects.current()
        .filter(circle_id__in=ids, hat_type__slug__in=LEARNING_HATS)
        .values("holder_id")
    )
    return get_user_model().objects.filter(pk__in=holders, is_active=True)


def coaches_of(person) -> QuerySet:
    from django.contrib.auth import get_user_model

    holders = (
        Hat.objects.current()
        .filter(circle_id__in=circle_ids_of(person), hat_type__slug=COACH)
        .values("holder_id")
    )
    return get_user_model().objects.filter(pk__in=holders, is_active=True)


def today():
    return timezone.localdate()
