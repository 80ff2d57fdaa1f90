"""Care note pages: the notebook, writing a note, one note, withdrawing it, its files.

HTTP only: ``access`` decides who reaches what, ``services`` makes every change and writes every
read to the access log.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coopcare.errors import DomainError
from coopcare.members.models import Section
from coopcare.members.privacy import can_see_section
from coopcare.notes import access, files, selectors, services
from coopcare.notes.downloads import attachment_response
from coopcare.notes.forms import NoteForm, SearchForm
from coopcare.teams.models import Team
from coopcare.teams.selectors import on_behalf_of

PER_PAGE = 25
# The largest request a note form can need: five files of 5 MB and the text, with room for the
# multipart wrapping. Anything bigger is refused before its body is read.
MAX_REQUEST_BYTES = files.MAX_ATTACHMENTS * files.MAX_BYTES + 512 * 1024


@login_required
@require_GET
def note_list(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_notebook_for(request.user, team_id)
    search = SearchForm(request.GET)
    terms = search.cleaned_data if search.is_valid() else {}
    notes = selectors.listed_notes(request.user, team, terms.get("q", ""), terms.get("topic", ""))
    page = Paginator(notes, PER_PAGE).get_page(request.GET.get("page"))
    services.read_note_list(request.user, team, [n.pk for n in page], request=request)
    context = {
        "team": team,
        "page": page,
        "search": search,
        "searching": bool(terms.get("q") or terms.get("topic")),
        "query": urlencode({k: v for k, v in terms.items() if v}),
        "excerpt_length": selectors.EXCERPT,
    }
    return render(request, "notes/list.html", context)


def _owner_name(viewer, team: Team) -> str:
    owner = team.owner
    if viewer.pk == owner.pk or can_see_section(viewer, owner, Section.NAME):
        return owner.display_name
    return _("the person getting support")


def _note_form(request: HttpRequest, team: Team, data=None, uploads=None) -> NoteForm:
    owner_name = _owner_name(request.user, team)
    acting = on_behalf_of(request.user, team) is not None
    return NoteForm(
        data,
        uploads,
        people=selectors.nameable_people(request.user, team),
        owner_name=owner_name,
        on_behalf_of=owner_name if acting else "",
    )


def _fail(form: NoteForm, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def new_note(request: HttpRequest, team_id: int) -> HttpResponse:
    team = access.get_notebook_for(request.user, team_id, "write")
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > (
        MAX_REQUEST_BYTES
    ):
        context = {
            "team": team,
            "form": _note_form(request, team),
            "refused": _(
                "The files were too big together, so nothing was saved. Attach at most 5 files "
                "of 5 MB each."
            ),
        }
        return render(request, "notes/new.html", context, status=413)
    if request.method == "POST":
        form = _note_form(request, team, request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                note = services.write_note(
                    request.user,
                    team,
                    topic=data["topic"],
                    readership=data["readership"],
                    title=data["title"],
                    body=data["body"],
                    named_readers=data.get("named_readers") or (),
                    attachments=data["attachments"],
                    on_behalf=data.get("on_behalf", False),
                    request=request,
                )
            except DomainError as error:
                _fail(form, error)
            else:
                messages.success(request, _("Your note is written."))
                return redirect("notes:detail", team_id=team.pk, pk=note.pk)
    else:
        form = _note_form(request, team)
    return render(request, "notes/new.html", {"team": team, "form": form})


@login_required
@require_GET
def note_detail(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    note = access.get_note_for(request.user, team_id, pk)
    services.read_note(request.user, note, request=request)
    context = {
        "team": note.team,
        "note": note,
        "owner_name": _owner_name(request.user, note.team),
    }
    return render(request, "notes/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw_note(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    note = access.get_note_for(request.user, team_id, pk, "withdraw")
    if request.method == "POST":
        try:
            services.withdraw_note(request.user, note, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your note is withdrawn."))
        return redirect("notes:detail", team_id=note.team.pk, pk=note.pk)
    # The confirmation shows the note's title: a read like any other.
    services.read_note(request.user, note, request=request)
    return render(request, "notes/withdraw.html", {"team": note.team, "note": note})


@login_required
@require_GET
def attachment(request: HttpRequest, team_id: int, pk: int, att_pk: int) -> HttpResponse:
    found = access.get_attachment_for(request.user, team_id, pk, att_pk)
    response = attachment_response(found)
    services.read_attachment(request.user, found, request=request)
    return response
