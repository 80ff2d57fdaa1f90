"""Passport pages: my passport (printable), its JSON download, my links, and the shared passport
that anyone holding a link may open without an account.

HTTP only: ``services.passport`` decides what is in a passport and makes every change. Pages
that carry a secret or show a shared passport are never cached, never sent as a referrer and not
indexed by search engines.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from coopcare.errors import DomainError
from coopcare.learning import access
from coopcare.learning.forms_passport import LinkForm
from coopcare.learning.services import passport as passports

PAGE_SIZE = 25


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _download_name(passport: passports.Passport) -> str:
    return f"learning-passport-{passport.generated_on.isoformat()}.json"


@login_required
@require_GET
def passport(request: HttpRequest) -> HttpResponse:
    found = passports.read_own_passport(request.user, request=request)
    context = {"passport": found, "site": _site(request), "site_name": settings.SITE_NAME}
    return _private(render(request, "learning/passport.html", context))


@login_required
@require_GET
def passport_json(request: HttpRequest) -> HttpResponse:
    found = passports.read_own_passport(request.user, as_json=True, request=request)
    response = JsonResponse(
        passports.passport_data(found, site=_site(request)), json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name(found)}"'
    return _private(response)


def _links_page(request: HttpRequest, form: LinkForm, status: int = 200) -> HttpResponse:
    page = Paginator(passports.links_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "form": form}
    return _private(render(request, "learning/passport_links.html", context, status=status))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def passport_links(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _links_page(request, LinkForm())
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            link, raw = passports.create_link(
                request.user,
                request.user,
                label=form.cleaned_data["label"],
                days=form.cleaned_data["days"],
                request=request,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            # Shown in this response only: never in the session, a message or a redirect.
            url = request.build_absolute_uri(
                reverse("learning:passport_shared", kwargs={"token": raw})
            )
            context = {"link": link, "url": url}
            return _private(render(request, "learning/passport_link_created.html", context))
    return _links_page(request, form, status=400)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def passport_link_revoke(request: HttpRequest, link_id: int) -> HttpResponse:
    link = access.get_passport_link_for(request.user, link_id)
    if request.method != "POST":
        return render(request, "learning/passport_link_revoke.html", {"link": link})
    try:
        passports.revoke_link(request.user, link, request=request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The link is revoked: it no longer opens your passport."))
    return redirect("learning:passport_links")


def _unlogged(response: HttpResponse) -> HttpResponse:
    """Keep a refusal at a shared link's address out of the server log.

    Django logs every 4xx response with its path ("Not Found: /learning/passport/shared/<secret>/")
    unless the response says it has been logged already (``django.utils.log.log_response``).
    The path holds the link's secret, so these refusals are not logged.
    """
    response._has_been_logged = True
    return response


def _not_found(request: HttpRequest) -> HttpResponse:
    response = render(
        request, "learning/passport_not_found.html", {"message": passports.NOT_FOUND}, status=404
    )
    return _unlogged(_private(response))


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "learning/passport_not_found.html", {"busy": True}, status=429)
    response["Retry-After"] = "60"
    return _unlogged(_private(response))


def _not_get(request: HttpRequest) -> HttpResponse | None:
    """``require_GET`` without its log line (which would carry the secret in the path)."""
    if request.method == "GET":
        return None
    return _unlogged(_private(HttpResponseNotAllowed(["GET"])))


@csrf_exempt  # nothing but GET is answered (405); the CSRF refusal would log the secret
def passport_shared(request: HttpRequest, token: str) -> HttpResponse:
    """No sign-in: the link's secret is the key. Unknown, expired and revoked look the same."""
    if (refused := _not_get(request)) is not None:
        return refused
    if passports.too_many_views(request, token):
        return _too_many(request)
    link = passports.live_link(token)
    if link is None:
        return _not_found(request)
    found = passports.view_shared(link, token, request=request)
    context = {
        "passport": found,
        "site": _site(request),
        "site_name": settings.SITE_NAME,
        "shared": link,
    }
    return _private(render(request, "learning/passport.html", context))


@csrf_exempt  # nothing but GET is answered (405); the CSRF refusal would log the secret
def passport_shared_json(request: HttpRequest, token: str) -> HttpResponse:
    if (refused := _not_get(request)) is not None:
        return refused
    if passports.too_many_views(request, token):
        response = JsonResponse({"detail": _("Too many requests. Wait a minute.")}, status=429)
        response["Retry-After"] = "60"
        return _unlogged(_private(response))
    link = passports.live_link(token)
    if link is None:
        return _unlogged(_private(JsonResponse({"detail": str(passports.NOT_FOUND)}, status=404)))
    found = passports.view_shared(link, token, as_json=True, request=request)
    data = passports.passport_data(found, site=_site(request), shared_until=link.expires_at)
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{_download_name(found)}"'
    return _private(response)
