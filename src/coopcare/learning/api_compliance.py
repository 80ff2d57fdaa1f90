"""The learning API: the compliance part — a circle's training matrix and the registrations to
renew. Same access helpers, the same matrix and the same access log as the pages; only the
circle's Coach and Learning Lead get in (other co-op members 403, anyone else 404)."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from coopcare.api.schemas import responses
from coopcare.learning import access, matrix
from coopcare.learning.models import Registration
from coopcare.learning.schemas_compliance import MatrixOut, RegistrationPage

router = Router()
PERM = "learning.view_matrix"


def _person(person) -> dict[str, Any]:
    return {"id": person.pk, "name": str(person)}


@router.get(
    "/circles/{int:circle_id}/matrix",
    response=responses(MatrixOut, 400, 403, 404, 422),
    url_name="learning_matrix",
    summary="A circle's training matrix",
)
def learning_matrix(
    request: HttpRequest,
    circle_id: int,
    q: str = Query("", max_length=100, description="Part of a person's name."),
    group: str = Query(
        "", description="A topic group (default “Every year”), “-” for none, or “all”."
    ),
    team: int | None = Query(None, description="Only people in this team the circle supports."),
    hat: str = Query("", description="Only people wearing this hat (its slug)."),
    kind: str = Query("", description="Only team members of this kind, e.g. independent_worker."),
    status: str = Query("", description="“gaps” (expired or missing) or “due” (within 60 days)."),
    page: int = Query(1, ge=1),
) -> dict[str, Any]:
    """People (50 to a page, by name) × the circle's current topics of one group, each cell in
    date, due within 60 days, expired, missing or not required. Each call is written to the
    access log of every person on the page."""
    circle = access.get_circle_for(request.auth, circle_id, PERM)
    topics = matrix.circle_topics(circle)
    choices = matrix.choices_for(circle, topics)
    filters = matrix.check_filters(
        matrix.Filters(
            q=q.strip(),
            group=group or choices.default_group(),
            team=team,
            hat=hat,
            kind=kind,
            status=status,
        ),
        choices,
    )
    built = matrix.build(circle, filters, topics=topics, choices=choices)
    shown = built.page(page)
    matrix.read_matrix(request.auth, built, shown, request=request)
    return {
        "circle": {"id": circle.pk, "name": circle.name, "slug": circle.slug},
        "today": built.today,
        "filters": filters.__dict__,
        "topics": [
            {
                "slug": t.slug,
                "name": t.name,
                "group": t.group,
                "interval": t.interval,
                "observed": t.observed,
            }
            for t in built.topics
        ],
        "summary": built.summary.__dict__,
        "count": shown.paginator.count,
        "page": shown.number,
        "pages": shown.paginator.num_pages,
        "per_page": matrix.PER_PAGE,
        "people": [
            {
                "person": _person(row.person),
                "teams": row.teams,
                "cells": [
                    {
                        "topic": cell.topic.slug,
                        "status": str(cell.status),
                        "label": cell.label,
                        "completed_on": cell.completed_on,
                        "expires_on": cell.expires_on,
                    }
                    for cell in row.cells
                ],
            }
            for row in shown.object_list
        ],
    }


def _registration(registration: Registration, today) -> dict[str, Any]:
    return {
        "id": registration.pk,
        "person": _person(registration.person),
        "body": registration.body,
        "body_name": registration.body_name or registration.get_body_display(),
        "number": registration.number,
        "expires_on": registration.expires_on,
        "expired": registration.expires_on <= today,
    }


@router.get(
    "/circles/{int:circle_id}/registrations",
    response=responses(RegistrationPage, 403, 404, 422),
    url_name="learning_flagged_registrations",
    summary="Professional registrations to renew in a circle",
)
def learning_flagged_registrations(
    request: HttpRequest, circle_id: int, page: int = Query(1, ge=1)
) -> dict[str, Any]:
    """Registrations (not withdrawn) of the circle's active people past their expiry date or
    expiring within 60 days, soonest first, 25 to a page. Each call is written to the access log
    of every person listed."""
    circle = access.get_circle_for(request.auth, circle_id, PERM)
    today = timezone.localdate()
    shown = Paginator(
        matrix.flagged_registrations(circle, today), matrix.REGISTRATIONS_PER_PAGE
    ).get_page(page)
    matrix.read_registrations(request.auth, circle, shown, request=request)
    return {
        "items": [_registration(r, today) for r in shown.object_list],
        "count": shown.paginator.count,
    }
