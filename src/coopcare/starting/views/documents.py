"""The Supportive Conversation and Trust Assessment: read, write a new version, see versions,
choose who may read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coopcare.errors import DomainError
from coopcare.starting import access
from coopcare.starting.forms_team import AudienceForm, DocumentForm
from coopcare.starting.questions import SLUG_OF, answered_parts, missing_essentials
from coopcare.starting.services import documents as services
from coopcare.starting.views.common import form_error, page_of


def _context(request: HttpRequest, document, version=None) -> dict:
    return {
        "document": document,
        "team": document.team,
        "slug": SLUG_OF[document.kind],
        "version": version,
        "can_write": request.user.has_perm("starting.write_document", document),
        "can_share": request.user.has_perm("starting.share_document", document),
    }


def _show(request: HttpRequest, document, version) -> HttpResponse:
    services.read_document(request.user, document, version, request=request)
    context = _context(request, document, version)
    if version is not None:
        context["parts"] = answered_parts(document.kind, version.answers)
        context["missing"] = missing_essentials(document.kind, version.answers)
        context["is_latest"] = version.number == document.versions.count()
    return render(request, "starting/document.html", context)


@login_required
def document_page(request: HttpRequest, team_id: int, kind: str) -> HttpResponse:
    document = access.get_document_for(request.user, team_id, kind)
    return _show(request, document, services.latest_version(document))


@login_required
def document_version(request: HttpRequest, team_id: int, kind: str, number: int) -> HttpResponse:
    document = access.get_document_for(request.user, team_id, kind)
    version = (
        document.versions.select_related("written_by__profile", "on_behalf_of__profile")
        .filter(number=number)
        .first()
        if document.pk
        else None
    )
    if version is None:
        raise Http404
    return _show(request, document, version)


@login_required
def document_versions(request: HttpRequest, team_id: int, kind: str) -> HttpResponse:
    document = access.get_document_for(request.user, team_id, kind)
    versions = (
        document.versions.select_related("written_by__profile", "on_behalf_of__profile")
        if document.pk
        else document.__class__.objects.none()
    )
    context = _context(request, document)
    context["page"] = page_of(request, versions.order_by("-number"))
    return render(request, "starting/document_versions.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, team_id: int, kind: str) -> HttpResponse:
    document = access.get_document_for(request.user, team_id, kind, "write")
    latest = services.latest_version(document)
    form = DocumentForm(
        document.kind, request.POST or None, initial=latest.answers if latest else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.save_document_version(
                request.user,
                document.team,
                document.kind,
                form.answers(),
                note=form.cleaned_data["note"],
                request=request,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Saved as version %(n)d.") % {"n": version.number})
            return redirect("starting:document", team_id=document.team_id, kind=kind)
    context = _context(request, document, latest)
    context["form"] = form
    return render(request, "starting/document_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_audience(request: HttpRequest, team_id: int, kind: str) -> HttpResponse:
    document = access.get_document_for(request.user, team_id, kind, "share")
    form = AudienceForm(request.POST or None, initial={"audience": document.audience})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_document_audience(
                request.user, document, form.cleaned_data["audience"], request=request
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Your choice is saved."))
            return redirect("starting:document", team_id=document.team_id, kind=kind)
    context = _context(request, document)
    context["form"] = form
    return render(request, "starting/document_audience.html", context)
