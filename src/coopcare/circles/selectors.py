"""Read queries about circles, their members and the hats worn in them.

Every function here costs a fixed number of queries whatever the number of circles, members or
hats, so the pages built on them stay fast as the co-op grows.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, Value, When

from coopcare.circles.models import Circle, CircleMembership, Hat, HatType
from coopcare.members.models import Section
from coopcare.members.privacy import annotate_visibility
from coopcare.permissions import ADMITTING_HAT

User = get_user_model()


@dataclass
class CircleNode:
    """One circle in the tree, with the label of its kind and the circles directly inside it."""

    circle: Circle
    kind_label: str
    children: list["CircleNode"] = field(default_factory=list)


def kind_labels() -> dict[str, str]:
    """Each kind's label, translated once: ``get_kind_display`` per circle costs more than the
    whole query on a tree of 200 circles."""
    return {kind: str(label) for kind, label in Circle.Kind.choices}


def circle_tree() -> list[CircleNode]:
    """The whole tree of circles, broadest first, built in Python from one query.

    A circle whose parent is missing (it should never be) is shown as a root rather than lost.
    """
    circles = list(
        co_op_circles().only("id", "name", "slug", "kind", "aim", "parent_id", "closes_on")
    )
    labels = kind_labels()
    nodes = {circle.pk: CircleNode(circle, labels[circle.kind]) for circle in circles}
    roots: list[CircleNode] = []
    for circle in circles:
        parent = nodes.get(circle.parent_id) if circle.parent_id else None
        (parent.children if parent else roots).append(nodes[circle.pk])
    return roots


def co_op_circles() -> QuerySet:
    """The co-op's own circles, open to every member. Team circles are left out: a team's name
    says who gets support, so teams are seen only through the team's own pages and rules."""
    return Circle.objects.exclude(kind=Circle.Kind.TEAM)


def circle_by_slug(slug: str) -> Circle | None:
    return co_op_circles().select_related("parent").filter(slug=slug).first()


def child_circles(circle: Circle) -> QuerySet:
    return co_op_circles().filter(parent=circle).only("id", "name", "slug", "kind", "closes_on")


def labelled_child_circles(circle: Circle) -> list[Circle]:
    """The circles directly inside ``circle``, each with ``kind_label`` set."""
    labels = kind_labels()
    children = list(child_circles(circle))
    for child in children:
        child.kind_label = labels[child.kind]
    return children


def current_circle_memberships(circle: Circle) -> QuerySet:
    return CircleMembership.objects.filter(circle=circle, left_on__isnull=True)


def circle_members_for(viewer, circle: Circle) -> QuerySet:
    """The circle's current members, each with ``participation``, ``joined_on`` and
    ``can_see_name`` for this viewer, in one query.

    People whose name the viewer may not see come last, in a fixed order, so that sorting by name
    cannot hint at a hidden name.
    """
    membership = current_circle_memberships(circle).filter(person=OuterRef("pk"))
    people = (
        User.objects.filter(
            pk__in=current_circle_memberships(circle).values("person"), is_active=True
        )
        .select_related("profile")
        .annotate(
            participation=Subquery(membership.values("participation")[:1]),
            joined_on=Subquery(membership.values("joined_on")[:1]),
        )
    )
    people = annotate_visibility(people, viewer, [Section.NAME]).annotate(
        sort_name=Case(When(can_see_name=True, then=F("profile__name")), default=Value(""))
    )
    return people.order_by(F("can_see_name").desc(), "sort_name", "pk")


# Process hats (how the circle decides) come before operational ones (what it does).
SCOPE_ORDER = {HatType.Scope.PROCESS: 0, HatType.Scope.OPERATIONAL: 1, HatType.Scope.TEAM: 2}


def _hat_type_order(hat_type: HatType) -> tuple[int, str]:
    return SCOPE_ORDER.get(hat_type.scope, 9), hat_type.name


def current_hats_in(circle: Circle) -> list[Hat]:
    hats = Hat.objects.current().filter(circle=circle).select_related("hat_type", "holder__profile")
    return sorted(hats, key=lambda hat: (*_hat_type_order(hat.hat_type), hat.started_on, hat.pk))


def hats_with_visible_holders(viewer, circle: Circle) -> list[Hat]:
    """Current hats in the circle; each has ``holder_visible`` set for this viewer.

    A holder is named only if the viewer may see both their name and the hats they wear: one
    query for the hats and one for the privacy of all their holders together.
    """
    hats = current_hats_in(circle)
    holder_ids = {hat.holder_id for hat in hats}
    visible: set[int] = set()
    if holder_ids:
        holders = annotate_visibility(
            User.objects.filter(pk__in=holder_ids), viewer, [Section.NAME, Section.HATS]
        )
        visible = {
            pk
            for pk, name_ok, hats_ok in holders.values_list("pk", "can_see_name", "can_see_hats")
            if name_ok and hats_ok
        }
    for hat in hats:
        hat.holder_visible = hat.holder_id in visible
    return hats


def hat_types_for(circle: Circle) -> QuerySet:
    """The hat types a circle may fill: process and operational hats.

    The Admissions hat belongs to the Purpose Circle alone, because admitting members is the
    Purpose Circle's domain (playbook §2.4).
    """
    types = HatType.objects.filter(scope__in=[HatType.Scope.PROCESS, HatType.Scope.OPERATIONAL])
    if circle.kind != Circle.Kind.PURPOSE:
        types = types.exclude(slug=ADMITTING_HAT)
    return types


def unworn_hat_types(circle: Circle, worn: list[Hat]) -> list[HatType]:
    worn_ids = {hat.hat_type_id for hat in worn}
    unworn = [hat_type for hat_type in hat_types_for(circle) if hat_type.pk not in worn_ids]
    return sorted(unworn, key=_hat_type_order)


def is_current_circle_member(circle: Circle, person) -> bool:
    return current_circle_memberships(circle).filter(person=person).exists()


def overlapping_hats(circle: Circle, holder, slugs: list[str], on) -> QuerySet:
    """Hats of these types the holder wears in the circle on or after ``on``."""
    return Hat.objects.filter(circle=circle, holder=holder, hat_type__slug__in=slugs).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )
