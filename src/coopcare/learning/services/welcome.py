"""Welcome routes: the checklist the person welcoming a newcomer works through with them.

A Coach, Learning Lead, Recruiter or Peer Supervisor of a circle starts a route for someone in
the circle's people, names who welcomes them (themself by default) and perhaps a buddy. The
welcomer, the buddy, the newcomer and the circle's hat-holders tick the steps; when every step is
ticked the route is complete. Choosing a buddy ticks "buddy"; a supervision pair becoming active
ticks "supervisor" (``services.supervision``).
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record as audit
from coopcare.circles.models import Circle, CircleMembership, Hat
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import WelcomeRoute, WelcomeStep, WelcomeTick
from coopcare.learning.requirements import people_q, supported_teams
from coopcare.members.models import Section
from coopcare.members.privacy import annotate_visibility
from coopcare.notifications.services import notify
from coopcare.teams.models import MemberKind, TeamMember

User = get_user_model()
STEPS = list(WelcomeStep)
RECENT_DAYS = 90
MAX_NOTE = 300


# --- Who may be who -----------------------------------------------------------------------------


def newcomer_candidates(circle: Circle) -> QuerySet:
    """The circle's people: givers in the teams it supports, its members and hat-holders."""
    return User.objects.filter(people_q(circle), is_active=True)


def welcomer_candidates(circle: Circle) -> QuerySet:
    """Members of the circle and the people wearing a hat in it."""
    members = CircleMembership.objects.filter(circle=circle, left_on__isnull=True)
    hats = Hat.objects.current().filter(circle=circle)
    return User.objects.filter(
        Q(pk__in=members.values("person_id")) | Q(pk__in=hats.values("holder_id")),
        is_active=True,
    )


def buddy_candidates(circle: Circle) -> QuerySet:
    """People who give support in the circle: current members (not owners) of its teams."""
    givers = (
        TeamMember.objects.current()
        .filter(team__in=supported_teams(circle))
        .exclude(kind=MemberKind.OWNER)
        .values("person_id")
    )
    return User.objects.filter(pk__in=givers, is_active=True)


def named_choices(
    viewer, people: QuerySet, exclude: Iterable[int] = (), limit: int | None = None
) -> list:
    """People whose names ``viewer`` may see, by name, for a choice (one query)."""
    shown = (
        annotate_visibility(people.exclude(pk__in=list(exclude)), viewer, [Section.NAME])
        .filter(can_see_name=True)
        .select_related("profile")
        .order_by("profile__name", "pk")
    )
    return list(shown[:limit] if limit else shown)


def visible_names(viewer, ids: Iterable[int], always: Iterable[int] = ()) -> set[int]:
    """Which of these people's names ``viewer`` may see (one query). ``always`` are shown
    whatever the privacy choice: the people of a route or pair, who took that role with
    each other."""
    ids = set(ids) - {None}
    known = set(always) & ids
    rest = ids - known
    if rest:
        people = annotate_visibility(User.objects.filter(pk__in=rest), viewer, [Section.NAME])
        known |= set(people.filter(can_see_name=True).values_list("pk", flat=True))
    return known


def route_people(route: WelcomeRoute) -> set[int]:
    return {pk for pk in (route.newcomer_id, route.welcomer_id, route.buddy_id) if pk}


def names_on_route(viewer, route: WelcomeRoute, ticks: Iterable[WelcomeTick] = ()) -> set[int]:
    ids = route_people(route) | {tick.done_by_id for tick in ticks}
    always = route_people(route) if viewer.pk in route_people(route) else ()
    return visible_names(viewer, ids, always)


# --- Reading ------------------------------------------------------------------------------------


def routes_of_circle(circle: Circle, today: datetime.date | None = None) -> QuerySet:
    """Open routes and those completed in the last ``RECENT_DAYS`` days, open first."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=RECENT_DAYS)
    return (
        WelcomeRoute.objects.filter(circle=circle)
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gte=since))
        .select_related("newcomer__profile", "welcomer__profile", "buddy__profile")
        .order_by("-completed_on", "-started_on", "-id")
    )


def routes_of(person) -> QuerySet:
    """Routes welcoming ``person``, open first (for their own pages)."""
    return (
        WelcomeRoute.objects.filter(newcomer=person)
        .select_related("circle")
        .order_by("-completed_on", "-started_on", "-id")
    )


def open_routes_of(person) -> QuerySet:
    return routes_of(person).filter(completed_on__isnull=True)


def checklist(route: WelcomeRoute) -> list[tuple[WelcomeStep, WelcomeTick | None]]:
    """Every step in order with its tick, if ticked."""
    ticks = {tick.step: tick for tick in route.ticks.select_related("done_by__profile")}
    return [(step, ticks.get(step.value)) for step in STEPS]


# --- Changing -----------------------------------------------------------------------------------


def _url(route: WelcomeRoute) -> str:
    return reverse("learning:welcome", args=[route.pk])


def _check_open(route: WelcomeRoute) -> None:
    if route.completed_on is not None:
        raise DomainError(_("This welcome route is complete: nothing more to tick."))


def _check_buddy(circle: Circle, buddy, newcomer) -> None:
    if buddy.pk == newcomer.pk:
        raise DomainError(_("The newcomer cannot be their own buddy."), field="buddy")
    if not buddy_candidates(circle).filter(pk=buddy.pk).exists():
        raise DomainError(
            _("Choose a buddy who gives support in one of this circle's teams."), field="buddy"
        )


def _notify_buddy(route: WelcomeRoute) -> None:
    notify(
        route.buddy,
        "learning.welcome",
        _("You are a buddy for someone new"),
        _(
            "You are the buddy of someone joining %(circle)s. See their welcome route and help "
            "them find their feet."
        )
        % {"circle": route.circle.name},
        _url(route),
    )


@transaction.atomic
def start_welcome(
    actor, circle: Circle, newcomer, *, welcomer=None, buddy=None, request=None
) -> WelcomeRoute:
    """Start a welcome route for ``newcomer`` in ``circle``, welcomed by ``welcomer`` (the actor
    unless another member of the circle is named), with an optional ``buddy``."""
    if not actor.has_perm("learning.start_welcome", circle):
        raise NotAllowed(
            _("Only the circle's Coach, Learning Lead, Recruiter or Peer Supervisor starts one.")
        )
    if newcomer is None or not newcomer_candidates(circle).filter(pk=newcomer.pk).exists():
        raise DomainError(
            _("Choose someone in this circle or giving support in one of its teams."),
            field="newcomer",
        )
    welcomer = welcomer or actor
    if welcomer.pk == newcomer.pk:
        raise DomainError(_("Someone else welcomes the newcomer."), field="welcomer")
    if welcomer.pk != actor.pk and not welcomer_candidates(circle).filter(pk=welcomer.pk).exists():
        raise DomainError(_("Choose a member of this circle to welcome them."), field="welcomer")
    if buddy is not None:
        _check_buddy(circle, buddy, newcomer)
    if WelcomeRoute.objects.filter(
        newcomer=newcomer, circle=circle, completed_on__isnull=True
    ).exists():
        raise DomainError(
            _("They already have a welcome route open in this circle."), field="newcomer"
        )
    route = WelcomeRoute.objects.create(
        newcomer=newcomer, circle=circle, welcomer=welcomer, buddy=buddy
    )
    if buddy is not None:
        WelcomeTick.objects.create(route=route, step=WelcomeStep.BUDDY, done_by=actor)
    audit(
        "learning.welcome_started",
        actor=actor,
        target=route,
        subject=newcomer,
        request=request,
        detail={"circle": circle.pk, "welcomer": welcomer.pk, "buddy": getattr(buddy, "pk", None)},
    )
    notify(
        newcomer,
        "learning.welcome",
        _("Welcome to %(circle)s") % {"circle": circle.name},
        _(
            "Your welcome route has started: meeting a buddy, your first circle meeting, "
            "shadowing, the learning on offer and choosing a peer supervisor."
        ),
        _url(route),
    )
    if buddy is not None:
        _notify_buddy(route)
    return route


def _complete_if_done(actor, route: WelcomeRoute, request=None) -> None:
    if route.completed_on is None and route.ticks.count() == len(STEPS):
        route.completed_on = timezone.localdate()
        route.save(update_fields=["completed_on"])
        audit(
            "learning.welcome_completed",
            actor=actor,
            target=route,
            subject=route.newcomer,
            request=request,
        )


def _locked(route: WelcomeRoute) -> WelcomeRoute:
    locked = WelcomeRoute.objects.select_for_update(of=("self",)).get(pk=route.pk)
    route.completed_on, route.buddy_id = locked.completed_on, locked.buddy_id
    return route


@transaction.atomic
def tick_welcome(
    actor, route: WelcomeRoute, step: str, *, done: bool = True, note: str = "", request=None
) -> WelcomeTick | None:
    """Tick (``done``) or untick a step. Ticking a ticked step changes nothing. Unticking
    "buddy" means nobody is the buddy any more. Returns the tick, or None once unticked."""
    if not actor.has_perm("learning.tick_welcome", route):
        raise NotAllowed(_("Only the people on this welcome route and the circle's hats tick it."))
    route = _locked(route)
    _check_open(route)
    if step not in WelcomeStep.values:
        raise DomainError(_("Choose one of the steps."), field="step")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DomainError(_("Keep the note to 300 characters."), field="note")
    tick = route.ticks.filter(step=step).first()
    if not done:
        if tick is not None:
            tick.delete()
            if step == WelcomeStep.BUDDY and route.buddy_id is not None:
                route.buddy = None
                route.save(update_fields=["buddy"])
            audit(
                "learning.welcome_unticked",
                actor=actor,
                target=route,
                subject=route.newcomer,
                request=request,
                detail={"step": step},
            )
        return None
    if tick is not None:
        return tick
    if step == WelcomeStep.BUDDY and route.buddy_id is None:
        raise DomainError(_("Choose the buddy first: that ticks this step."), field="step")
    tick = WelcomeTick.objects.create(route=route, step=step, done_by=actor, note=note)
    audit(
        "learning.welcome_ticked",
        actor=actor,
        target=route,
        subject=route.newcomer,
        request=request,
        detail={"step": step},
    )
    _complete_if_done(actor, route, request)
    return tick


@transaction.atomic
def choose_buddy(actor, route: WelcomeRoute, buddy, *, request=None) -> WelcomeRoute:
    """Name the newcomer's buddy (or another one): ticks "buddy" and tells the buddy."""
    if not actor.has_perm("learning.tick_welcome", route):
        raise NotAllowed(_("Only the people on this welcome route and the circle's hats do this."))
    route = _locked(route)
    _check_open(route)
    if buddy is None:
        raise DomainError(_("Choose a buddy."), field="buddy")
    _check_buddy(route.circle, buddy, route.newcomer)
    if buddy.pk == route.buddy_id:
        return route
    before = route.buddy_id
    route.buddy = buddy
    route.save(update_fields=["buddy"])
    WelcomeTick.objects.get_or_create(
        route=route, step=WelcomeStep.BUDDY, defaults={"done_by": actor}
    )
    audit(
        "learning.welcome_buddy_chosen",
        actor=actor,
        target=route,
        subject=route.newcomer,
        request=request,
        changes={"buddy": [before, buddy.pk]},
    )
    _notify_buddy(route)
    _complete_if_done(actor, route, request)
    return route


def tick_supervisor_chosen(actor, newcomer, *, request=None) -> int:
    """Tick "chose a peer supervisor" on the newcomer's open routes (a pair became active).
    Called inside the supervision service's transaction; returns how many were ticked."""
    ticked = 0
    for route in open_routes_of(newcomer).select_for_update(of=("self",)):
        _, created = WelcomeTick.objects.get_or_create(
            route=route, step=WelcomeStep.SUPERVISOR, defaults={"done_by": actor}
        )
        if created:
            ticked += 1
            audit(
                "learning.welcome_ticked",
                actor=actor,
                target=route,
                subject=newcomer,
                request=request,
                detail={"step": WelcomeStep.SUPERVISOR.value, "by": "supervision"},
            )
            _complete_if_done(actor, route, request)
    return ticked
