"""The team calendar and "my calendar", each as a week or an upcoming list.

HTTP only: access from ``visits.access``, reads from ``visits.selectors`` through the helpers in
``visits.calendar``. Each page costs the same few queries however many appointments it shows:
attendees and their names come prefetched, and whose names the viewer may see is one query.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from coopcare.visits import access, calendar

InWeek = Callable[[datetime.datetime, datetime.datetime], QuerySet]
Upcoming = Callable[[datetime.datetime], QuerySet]


def calendar_context(request: HttpRequest, in_week: InWeek, upcoming: Upcoming) -> dict[str, Any]:
    """The week (``?week=YYYY-MM-DD``) or, with ``?view=list``, a page of what is coming up."""
    viewer = request.user
    if request.GET.get("view") == "list":
        page = Paginator(upcoming(timezone.now()), calendar.PER_PAGE).get_page(
            request.GET.get("page")
        )
        rows = calendar.entries(page.object_list, viewer)
        context: dict[str, Any] = {"view": "list", "page": page, "rows": rows}
    else:
        monday = calendar.parse_week(request.GET.get("week"))
        rows = calendar.entries(in_week(*calendar.week_bounds(monday)), viewer)
        this_monday = calendar.monday_of(calendar.today())
        context = {
            "view": "week",
            "days": calendar.week_days(monday, rows),
            "monday": monday,
            "sunday": monday + datetime.timedelta(days=6),
            "previous_week": monday - datetime.timedelta(days=7),
            "next_week": monday + datetime.timedelta(days=7),
            "this_week": this_monday,
            "is_this_week": monday == this_monday,
        }
    context["visible_names"] = calendar.visible_names(viewer, calendar.people_of(rows))
    return context


@login_required
def team_calendar(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_calendar_team(request.user, team_id)
    context = calendar_context(
        request,
        lambda start, end: calendar.for_team(team, start, end),
        lambda now: calendar.upcoming_for_team(team, now),
    )
    context.update(team=team, can_arrange=request.user.has_perm("visits.arrange", team))
    return render(request, "visits/calendar_team.html", context)


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    person = request.user
    context = calendar_context(
        request,
        lambda start, end: calendar.for_person(person, start, end),
        lambda now: calendar.upcoming_for_person(person, now),
    )
    context["show_team"] = True
    return render(request, "visits/calendar_mine.html", context)
