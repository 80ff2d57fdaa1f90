from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopcare.members.selectors import open_application_for


def home(request: HttpRequest) -> HttpResponse:
    """The front page: what coopcare is for a visitor; where to go next for a person."""
    context = {}
    if request.user.is_authenticated:
        context["open_application"] = open_application_for(request.user)
    return render(request, "home.html", context)


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "help.html", {"contact_email": settings.CONTACT_EMAIL})


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    """One place that lists everything a person can set about their account and data."""
    return render(request, "settings.html")
