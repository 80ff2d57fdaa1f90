"""The learning API: the passport part, and the Learning Lead's measures. Same access helpers and
services as the pages.

* ``/passport`` — my passport (the JSON download's shape); ``/passport/links`` — my links to
  share it: list, make (the secret is in the answer once), revoke. Only the person makes links
  for themself.
* ``/passport/shared/{token}`` — the shared passport, with no sign-in (``auth=None``): what a
  receiver's program reads. Unknown, expired and revoked links are all 404, with one message.
* ``/circles/{circle_id}/measures`` — the five measures for a Coach or Learning Lead.
"""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router

from coopcare.api.schemas import responses
from coopcare.learning import access, measures
from coopcare.learning.models import PassportLink
from coopcare.learning.schemas_passport import (
    LinkCreatedOut,
    LinkIn,
    LinkOut,
    LinkPage,
    MeasuresOut,
    PassportOut,
)
from coopcare.learning.services import passport as passports

router = Router()
PAGE_SIZE = 50


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def link_out(link: PassportLink) -> dict[str, Any]:
    return {
        "id": link.pk,
        "label": link.label,
        "created_at": link.created_at,
        "expires_at": link.expires_at,
        "revoked_at": link.revoked_at,
        "live": link.is_live(),
        "views": link.views,
        "last_viewed_at": link.last_viewed_at,
    }


def _unlogged(response: HttpResponse) -> HttpResponse:
    """Django logs 4xx responses with their path, which for a shared passport holds the link's
    secret; a response marked as logged already is left out (``django.utils.log.log_response``).
    Ninja hands an ``HttpResponse`` an operation returns straight back to Django."""
    response._has_been_logged = True
    return response


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@router.get(
    "/passport",
    response=responses(PassportOut),
    by_alias=True,
    url_name="learning_passport",
    summary="My learning passport",
)
def learning_passport(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    """What is valid today: learning and observed competences in date, qualifications and
    registrations. The same shape as the JSON download from the passport page."""
    _no_store(response)
    found = passports.read_own_passport(request.auth, as_json=True, request=request)
    return passports.passport_data(found, site=_site(request))


@router.get(
    "/passport/links",
    response=responses(LinkPage, 422),
    url_name="learning_passport_links",
    summary="My links to my passport",
)
def learning_passport_links(request: HttpRequest, page: int = Query(1, ge=1)) -> dict[str, Any]:
    """Newest first, 50 to a page; a link's secret is never shown again after it is made."""
    shown = Paginator(passports.links_of(request.auth), PAGE_SIZE).get_page(page)
    return {"items": [link_out(link) for link in shown], "count": shown.paginator.count}


@router.post(
    "/passport/links",
    response=responses(LinkCreatedOut, 400, 403, 422),
    url_name="learning_passport_link_create",
    summary="Share my passport by a link that expires",
)
def learning_passport_link_create(
    request: HttpRequest, response: HttpResponse, payload: LinkIn
) -> dict[str, Any]:
    """Anyone holding the link sees your passport as it is when they open it, until it expires
    (1 to 90 days) or you revoke it. Copy ``url`` now: it is not shown again."""
    link, raw = passports.create_link(
        request.auth, request.auth, label=payload.label, days=payload.days, request=request
    )
    _no_store(response)
    page = reverse("learning:passport_shared", kwargs={"token": raw})
    api = reverse("api:learning_passport_shared", kwargs={"token": raw})
    return {
        **link_out(link),
        "url": request.build_absolute_uri(page),
        "api_url": request.build_absolute_uri(api),
    }


@router.post(
    "/passport/links/{int:link_id}/revoke",
    response=responses(LinkOut, 400, 404),
    url_name="learning_passport_link_revoke",
    summary="Stop a link to my passport working",
)
def learning_passport_link_revoke(request: HttpRequest, link_id: int) -> dict[str, Any]:
    """Another person's link does not exist, as far as you can tell (404)."""
    link = access.get_passport_link_for(request.auth, link_id)
    return link_out(passports.revoke_link(request.auth, link, request=request))


@router.get(
    "/passport/shared/{token}",
    auth=None,
    # No sign-in, so never a 401.
    response={k: v for k, v in responses(PassportOut, 404).items() if k != 401},
    by_alias=True,
    url_name="learning_passport_shared",
    summary="A passport someone shared with you (no sign-in)",
)
def learning_passport_shared(
    request: HttpRequest, response: HttpResponse, token: str
) -> dict[str, Any] | HttpResponse:
    """The passport as of now, with ``shared_until``. 404 when the link is unknown, expired or
    revoked (the same answer for each); 429 when it is opened too often in a minute."""
    if passports.too_many_views(request, token):
        refused = JsonResponse(
            {"detail": _("Too many requests for shared passports. Wait a minute.")}, status=429
        )
        refused["Retry-After"] = "60"
        return _unlogged(_no_store(refused))
    link = passports.live_link(token)
    if link is None:
        return _unlogged(_no_store(JsonResponse({"detail": str(passports.NOT_FOUND)}, status=404)))
    passport = passports.view_shared(link, token, as_json=True, request=request)
    _no_store(response)
    return passports.passport_data(passport, site=_site(request), shared_until=link.expires_at)


@router.get(
    "/circles/{int:circle_id}/measures",
    response=responses(MeasuresOut, 400, 403, 404, 422),
    url_name="learning_measures",
    summary="Learning measures of a circle",
)
def learning_measures(
    request: HttpRequest,
    circle_id: int,
    start: str = Query("", description="First day (YYYY-MM-DD); default a year ago."),
    end: str = Query("", description="Last day (YYYY-MM-DD), not after today; default today."),
) -> dict[str, Any]:
    """For the circle's Coach and Learning Lead: who teaches by member class, learning hours per
    person by class, today's compliance, time to full compliance for new workers, and
    progressions from volunteering to paid support."""
    circle = access.get_circle_for(request.auth, circle_id, "learning.view_measures")
    period = measures.parse_period(start, end)
    return measures_out(measures.measures_for(circle, period))


def measures_out(found: measures.Measures) -> dict[str, Any]:
    c = found.compliance
    return {
        "circle_id": found.circle.pk,
        "period": {"start": found.period.start, "end": found.period.end},
        "teachers": {
            "sessions": found.teachers.sessions,
            "teachers": found.teachers.teachers,
            "rows": [vars(row) for row in found.teachers.rows],
        },
        "hours": {
            "hours": found.hours.hours,
            "people": found.hours.people,
            "rows": [{**vars(row), "per_person": row.per_person} for row in found.hours.rows],
        },
        "compliance": {
            "on": c.on,
            "people": c.people,
            "with_requirements": c.with_requirements,
            "fully_compliant": c.fully_compliant,
            "required_cells": c.required_cells,
            "cells_share": round(c.cells_share, 4),
            "people_share": round(c.people_share, 4),
            "statuses": [
                {"status": status, "label": label, "cells": cells}
                for status, label, cells, _pct in c.status_rows()
            ],
        },
        "new_workers": {
            "joined": found.new_workers.joined,
            "reached": found.new_workers.reached,
            "not_yet": found.new_workers.not_yet,
            "median_days": found.new_workers.median_days,
            "bands": [{"label": b.label, "people": b.people} for b in found.new_workers.bands],
        },
        "progressions": {
            "pathway": found.progressions.pathway,
            "progressions": found.progressions.progressions,
            "stages": [
                {"order": s.order, "name": s.name, "people": s.people}
                for s in found.progressions.stages
            ],
        },
    }
