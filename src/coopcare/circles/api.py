"""API endpoints for circles and the hats worn in them. Members only, like the circle pages.

A hat's holder is named only when the viewer may see both the holder's name and the hats they
wear. A circle's hats come from ``selectors.hats_with_visible_holders``, as on its page; the
paginated list of all hats applies the same rule in the database to a whole page at once, so
its query count does not grow with the page.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from coopcare.api.schemas import responses
from coopcare.circles import selectors
from coopcare.circles.access import get_circle_for, require_circles_access
from coopcare.circles.models import Circle, Hat
from coopcare.circles.schemas import CircleDetail, CircleListItem, HatOut
from coopcare.members.models import Section
from coopcare.members.privacy import annotate_visibility

User = get_user_model()
PAGE_SIZE = 25

router = Router()


def _current_hats(viewer) -> QuerySet:
    """Hats worn today; each holder carries ``can_see_name`` and ``can_see_hats`` for viewer."""
    holders = annotate_visibility(
        User.objects.select_related("profile"), viewer, [Section.NAME, Section.HATS]
    )
    return (
        Hat.objects.current()
        .exclude(circle__kind=Circle.Kind.TEAM)
        .select_related("hat_type", "circle")
        .prefetch_related(Prefetch("holder", queryset=holders))
    )


def _hat_out(hat: Hat, holder_visible: bool, circle_slug: str) -> dict[str, Any]:
    holder = hat.holder
    profile = getattr(holder, "profile", None)
    return {
        "id": hat.pk,
        "circle": circle_slug,
        "hat_type": hat.hat_type,
        "holder": (
            {"id": holder.pk, "name": profile.name if profile else ""} if holder_visible else None
        ),
        "started_on": hat.started_on,
        "review_on": hat.review_on,
        "ends_on": hat.ends_on,
    }


@router.get("/circles", response=responses(list[CircleListItem], 403, 422), summary="Circles")
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def circle_list(request: HttpRequest) -> QuerySet:
    require_circles_access(request.auth)
    return selectors.co_op_circles().select_related("parent").order_by("name", "pk")


@router.get(
    "/circles/{slug}",
    response=responses(CircleDetail, 403, 404),
    summary="One circle, with its hats",
)
def circle_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    circle = get_circle_for(request.auth, slug)
    hats = selectors.hats_with_visible_holders(request.auth, circle)
    parent = circle.parent
    return {
        "id": circle.pk,
        "slug": circle.slug,
        "name": circle.name,
        "kind": circle.kind,
        "aim": circle.aim,
        "domain": circle.domain,
        "closes_on": circle.closes_on,
        "parent": {"slug": parent.slug, "name": parent.name} if parent else None,
        "children": [{"slug": c.slug, "name": c.name} for c in selectors.child_circles(circle)],
        "hats": [_hat_out(hat, hat.holder_visible, circle.slug) for hat in hats],
    }


class HatPagination(PageNumberPagination):
    """Page numbers, with each hat's holder hidden or shown once the page is fetched."""

    def paginate_queryset(self, queryset: QuerySet, pagination: Any, request, **params) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = [
            _hat_out(hat, hat.holder.can_see_name and hat.holder.can_see_hats, hat.circle.slug)
            for hat in page["items"]
        ]
        return page


@router.get("/hats", response=responses(list[HatOut], 403, 404, 422), summary="Hats worn now")
@paginate(HatPagination, page_size=PAGE_SIZE)
def hat_list(request: HttpRequest, circle: str | None = None) -> QuerySet:
    """Every hat worn today, or only those in one circle (``?circle=<slug>``)."""
    require_circles_access(request.auth)
    hats = _current_hats(request.auth)
    if circle is not None:
        hats = hats.filter(circle=get_circle_for(request.auth, circle))
    return hats.order_by("circle__name", "hat_type__name", "started_on", "pk")
