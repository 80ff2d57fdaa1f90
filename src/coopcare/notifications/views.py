"""The notifications pages: my notifications, marking them read, and how I hear about each kind."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coopcare.errors import DomainError
from coopcare.notifications import services
from coopcare.notifications.access import get_notification_for
from coopcare.notifications.forms import PreferencesForm
from coopcare.notifications.selectors import notifications_for, preferences_for

PER_PAGE = 25


def _next_url(request: HttpRequest) -> str:
    """Where to go back to after an action: a page on this site, else the list."""
    url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("notifications:list")


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications_for(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "next": request.get_full_path()},
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_notification_for(request.user, pk)
    services.mark_notification_read(request.user, notification)
    if request.htmx:
        context = {"notification": notification, "next": _next_url(request)}
        card = render_to_string("notifications/list.html#notification", context, request)
        # The unread count in the menu changes too: htmx swaps it in "out of band".
        badge = render_to_string("notifications/_badge.html", {"oob": True}, request)
        return HttpResponse(card + badge)
    messages.success(request, _("Marked “%s” as read.") % notification.title)
    return redirect(_next_url(request))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_notifications_read(request.user)
    messages.success(
        request,
        ngettext(
            "Marked %(count)d notification as read.",
            "Marked %(count)d notifications as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    rows = preferences_for(request.user)
    form = PreferencesForm(rows, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_notification_preferences(request.user, form.choices())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
