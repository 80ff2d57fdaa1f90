"""The training matrix of a circle and its CSV export (for a CQC inspection).

HTTP only: ``access`` decides who reaches it (the circle's Coach and Learning Lead), ``matrix``
builds it in a fixed number of queries and writes each read to the access log of every person
shown (the page's rows and the people whose registrations it lists) or exported.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from coopcare.learning import access, matrix
from coopcare.learning.forms_compliance import MatrixFilterForm

PERM = "learning.view_matrix"


def _built(request: HttpRequest, circle_id: int):
    circle = access.get_circle_for(request.user, circle_id, PERM)
    topics = matrix.circle_topics(circle)
    choices = matrix.choices_for(circle, topics)
    form = MatrixFilterForm(request.GET, choices=choices)
    built = matrix.build(circle, form.filters(), topics=topics, choices=choices)
    return circle, form, built


@login_required
@require_GET
def matrix_page(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle, form, built = _built(request, circle_id)
    page = built.page(request.GET.get("page"))
    matrix.read_matrix(request.user, built, page, request=request)
    today = built.today
    registrations = Paginator(
        matrix.flagged_registrations(circle, today), matrix.REGISTRATIONS_PER_PAGE
    ).get_page(request.GET.get("registrations_page"))
    matrix.read_registrations(request.user, circle, registrations, request=request)
    same: dict = {}  # cells that read the same are written once
    rows = [
        {
            "row": row,
            "cells": matrix.cells_html(row, same),
            "url": reverse("learning:person", args=[row.person_id]),
        }
        for row in page.object_list
    ]
    flagged = [
        {
            "registration": registration,
            "state": matrix.registration_state(registration, today),
            "expired": registration.expires_on <= today,
        }
        for registration in registrations.object_list
    ]
    query = built.filters.query()
    context = {
        "circle": circle,
        "form": form,
        "matrix": built,
        "page": page,
        "rows": rows,
        "summary": built.summary,
        "registrations": registrations,
        "flagged": flagged,
        "query": query,
        "registrations_query": "&".join(
            part for part in (query, f"page={page.number}" if page.number > 1 else "") if part
        ),
        "csv_url": reverse("learning:matrix_csv", args=[circle.pk])
        + (f"?{query}" if query else ""),
        "filtered": bool(built.filters.as_detail().keys() - {"group"}),
        "legend": [
            (status, matrix.ABBREVIATIONS[status], label)
            for status, label in matrix.requirements.STATUS_LABELS.items()
        ],
    }
    return render(request, "learning/matrix.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def matrix_csv(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle, form, built = _built(request, circle_id)
    if form.errors:
        return HttpResponse(
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    text = matrix.export_matrix(request.user, built, request=request)
    # The byte-order mark lets spreadsheet programs read the names' accents as UTF-8.
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    filename = matrix.export_filename(circle, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
