"""Who handles a concern, where a new one goes, and the read queries for the tracker.

Handlers are derived from hats worn now: the Coaches of the circles a concern was routed to,
and, for a concern that may be about safeguarding, the Safeguarding Lead of its team. Nobody
else — not the rest of the team, not an administrator — sees a concern, except the person who
raised it.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from coopcare.circles.models import Circle, CircleMembership, Hat
from coopcare.concerns.models import Concern, ConcernEntry
from coopcare.members.models import Section
from coopcare.members.privacy import annotate_visibility

User = get_user_model()

COACH = "coach"
SAFEGUARDING_LEAD = "safeguarding-lead"


def _hat_circles(person, slug: str) -> QuerySet:
    return Hat.objects.current().filter(holder=person, hat_type__slug=slug).values("circle")


def handler_q(person) -> Q:
    """A Q over concerns: those ``person`` handles now."""
    if not getattr(person, "is_authenticated", False):
        return Q(pk__isnull=True)
    routed = Concern.routed_circles.through.objects.filter(
        concern=OuterRef("pk"), circle__in=_hat_circles(person, COACH)
    )
    return Q(Exists(routed)) | Q(
        to_safeguarding_lead=True, team__circle__in=_hat_circles(person, SAFEGUARDING_LEAD)
    )


def is_handler(person, concern: Concern | None) -> bool:
    if concern is None or not getattr(person, "is_authenticated", False):
        return False
    return Concern.objects.filter(pk=concern.pk).filter(handler_q(person)).exists()


def wears_handler_hat(person) -> bool:
    """Wears a hat concerns are routed to (Coach or Safeguarding Lead) anywhere, now."""
    if not getattr(person, "is_authenticated", False):
        return False
    return (
        Hat.objects.current()
        .filter(holder=person, hat_type__slug__in=[COACH, SAFEGUARDING_LEAD])
        .exists()
    )


def routing_circles(reporter, team) -> list[Circle]:
    """The circles whose Coaches handle a new concern.

    About a team: the local circle that supports it. Otherwise the local circles the person is
    in now. If those have no Coach (or the person is in none), every local circle: a concern
    must always reach someone, and a Coach of any circle can pass it to the right one.
    """
    if team is not None:
        circles = [team.local_circle]
    else:
        mine = CircleMembership.objects.filter(
            person=reporter, left_on__isnull=True, circle__kind=Circle.Kind.LOCAL
        ).values("circle")
        circles = list(Circle.objects.filter(pk__in=mine))
    if not circles or not coaches_in(circles).exists():
        circles = list(Circle.objects.filter(kind=Circle.Kind.LOCAL))
    return circles


def coaches_in(circles) -> QuerySet:
    holders = Hat.objects.current().filter(circle__in=circles, hat_type__slug=COACH)
    return User.objects.filter(is_active=True, pk__in=holders.values("holder"))


def safeguarding_leads_of(team) -> QuerySet:
    holders = Hat.objects.current().filter(circle=team.circle_id, hat_type__slug=SAFEGUARDING_LEAD)
    return User.objects.filter(is_active=True, pk__in=holders.values("holder"))


def handlers_now(concern: Concern) -> QuerySet:
    """Everyone who handles the concern today."""
    people = coaches_in(concern.routed_circles.all())
    if concern.to_safeguarding_lead and concern.team_id:
        people = people | safeguarding_leads_of(concern.team)
    return people.distinct()


def _concerns() -> QuerySet:
    return Concern.objects.select_related("team__circle", "reporter__profile")


def concerns_for_handler(person, state: str = "") -> QuerySet:
    concerns = _concerns().filter(handler_q(person))
    if state:
        concerns = concerns.filter(state=state)
    return concerns.order_by("-created_at", "-pk")


def concerns_raised_by(person) -> QuerySet:
    return _concerns().filter(reporter=person).order_by("-created_at", "-pk")


def concern_by_id(concern_id: int) -> Concern | None:
    return _concerns().filter(pk=concern_id).first()


def entries_for(viewer, concern: Concern, for_reporter: bool) -> QuerySet:
    """The tracker's entries, oldest first; the reporter sees only those marked for them.
    Authors carry ``can_see_name`` for the viewer."""
    people = annotate_visibility(User.objects.select_related("profile"), viewer, [Section.NAME])
    entries = ConcernEntry.objects.filter(concern=concern)
    if for_reporter:
        entries = entries.filter(for_reporter=True)
    return entries.prefetch_related(Prefetch("author", queryset=people)).order_by(
        "created_at", "pk"
    )


def reporter_label(concern: Concern) -> str:
    """How handlers see who raised it: the name only with the person's consent."""
    if concern.share_name:
        return concern.reporter.display_name
    if concern.team_id:
        return _("Someone in the team")
    return _("Someone in the co-op")


def seen_name(person) -> str:
    """A name as the viewer may see it (``can_see_name`` from ``annotate_visibility``)."""
    if getattr(person, "can_see_name", False):
        return person.display_name
    return _("A handler (name not shared)")
