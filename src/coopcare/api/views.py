"""The tokens page: list, create and revoke your personal access tokens.

HTTP only: access comes from ``api.access``, every change from ``api.services``. Every response
here is marked never to be cached, because one of them carries a raw token.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from coopcare.api import services
from coopcare.api.access import get_token_for
from coopcare.api.forms import TokenForm
from coopcare.api.selectors import tokens_of
from coopcare.errors import DomainError

PAGE_SIZE = 25


def _list_page(request: HttpRequest, form: TokenForm, status: int = 200) -> HttpResponse:
    page = Paginator(tokens_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "api/token_list.html", {"page": page, "form": form}, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _list_page(request, TokenForm())
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, raw = services.create_token(
                request.user, form.cleaned_data["name"], form.cleaned_data["days"], request=request
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            # Shown in this response only: never put in the session, a message or a redirect.
            return render(request, "api/token_created.html", {"token": token, "raw": raw})
    return _list_page(request, form, status=400)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_token_for(request.user, pk)
    if request.method != "POST":
        return render(request, "api/token_revoke.html", {"token": token})
    try:
        services.revoke_token(request.user, token, request=request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("“%(name)s” is revoked: it no longer works.") % {"name": token.name}
        )
    return redirect("tokens:list")
