from django.conf import settings
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
