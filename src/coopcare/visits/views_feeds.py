"""The calendar feed (no login: the secret token is the key), its settings page, and checking in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coopcare.audit.services import record_read
from coopcare.errors import DomainError
from coopcare.visits import access, feeds
from coopcare.visits.services import reminders


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    person = feeds.person_for_token(token)
    if person is None:
        raise Http404
    record_read("visits.feed_read", actor=None, subject=person, request=request)
    response = HttpResponse(
        feeds.calendar_for(person, request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="coopcare.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
def feed_settings(request: HttpRequest) -> HttpResponse:
    feed = feeds.feed_of(request.user)
    url = request.build_absolute_uri(f"/visits/feed/{feed.token}.ics")
    return render(request, "visits/feed_settings.html", {"feed_url": url})


@login_required
@require_POST
def feed_regenerate(request: HttpRequest) -> HttpResponse:
    feeds.regenerate_feed(request.user, request=request)
    messages.success(
        request,
        _("Your calendar has a new address. The old one no longer works: update your phone."),
    )
    return redirect("visits:feed_settings")


@login_required
@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = access.get_appointment_for(request.user, pk, "visits.check_in")
    try:
        reminders.check_in(request.user, appointment, request=request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have checked in. Thank you."))
    return redirect("visits:appointment", pk=appointment.pk)
