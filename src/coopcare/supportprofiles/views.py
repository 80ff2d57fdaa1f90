"""Getting Support Profile pages: the profile, a section's form, audiences, key contacts.

HTTP only: access from ``supportprofiles.access``, reads from ``services.reading`` (which logs
them), every change from ``services.getting``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coopcare.errors import DomainError
from coopcare.supportprofiles import access as gate
from coopcare.supportprofiles.forms import AudienceForm, KeyContactForm, section_form_class
from coopcare.supportprofiles.sections import SECTION_FIELDS, Section
from coopcare.supportprofiles.selectors import audience_candidates
from coopcare.supportprofiles.services import contacts, getting, reading


def _profile_url(team_id: int, section: str = "") -> str:
    url = reverse("supportprofiles:team_profile", args=[team_id])
    return f"{url}#section-{section}" if section else url


def _context(access: gate.TeamProfile, **extra) -> dict:
    """What every page about one team's profile shows: whose it is, and whom the viewer acts for."""
    standing = access.standing
    return {
        "team": access.team,
        "owner": access.team.owner,
        # Only a representative with the profile scope changes things here in the owner's name.
        "acting_for_owner": standing.owner_side and not standing.is_owner,
        **extra,
    }


@login_required
@require_GET
def team_profile(request: HttpRequest, team_id: int) -> HttpResponse:
    access = gate.get_team_profile_for(request.user, team_id)
    sections = reading.read_getting_profile(request.user, access, request=request)
    context = _context(
        access,
        sections=sections,
        can_edit=access.can_edit,
        can_choose_audiences=access.can_choose_audiences,
        owner_side=access.standing.owner_side,
    )
    return render(request, "supportprofiles/team_profile.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, team_id: int, section: str) -> HttpResponse:
    if section == Section.KEY_CONTACTS:
        raise Http404  # contacts are added and changed one by one, on their own pages
    access = gate.get_section_for(request.user, team_id, section, action="edit")
    initial = {name: getattr(access.profile, name) for name in SECTION_FIELDS[section]}
    form = section_form_class(section)(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            getting.update_getting_section(
                request.user, access.team, section, form.cleaned_data, request=request
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, _("Saved: “%(section)s”.") % {"section": Section(section).label}
            )
            return redirect(_profile_url(team_id, section))
    if request.method == "GET":
        reading.read_getting_profile(request.user, access, request=request, sections=[section])
    context = _context(access, form=form, section=section, label=Section(section).label)
    return render(
        request, "supportprofiles/section_edit.html", context, status=400 if form.errors else 200
    )


def _audience_form(access: gate.TeamProfile, section: str, candidates, data=None) -> AudienceForm:
    audience, named = access.audiences[section]
    return AudienceForm(
        data,
        prefix=section,
        candidates=candidates,
        section_label=str(Section(section).label),
        initial={"audience": audience, "named_people": named},
    )


@login_required
@require_http_methods(["GET", "POST"])
def audiences(request: HttpRequest, team_id: int) -> HttpResponse:
    access = gate.get_team_profile_for(request.user, team_id)
    gate.require_audience_right(access)
    candidates = audience_candidates(access.team)
    posted = request.POST.get("section") if request.method == "POST" else None
    if posted is not None and posted not in Section.values:
        messages.error(request, _("Choose one of the sections on this page."))
        return redirect("supportprofiles:audiences", team_id=team_id)
    sections = reading.read_getting_profile(request.user, access, request=request)
    rows = []
    for view in sections:
        form = _audience_form(
            access, view.key, candidates, request.POST if view.key == posted else None
        )
        if view.key == posted and form.is_valid():
            try:
                getting.set_section_audience(
                    request.user,
                    access.team,
                    posted,
                    form.cleaned_data["audience"],
                    form.cleaned_data["named_people"],
                    request=request,
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request, _("Saved: who can see “%(section)s”.") % {"section": view.label}
                )
                return redirect(
                    reverse("supportprofiles:audiences", args=[team_id]) + f"#section-{posted}"
                )
        rows.append({"section": view, "form": form})
    status = 400 if posted else 200
    return render(
        request, "supportprofiles/audiences.html", _context(access, rows=rows), status=status
    )


def _contact_page(request, access, form, contact=None) -> HttpResponse:
    context = _context(access, form=form, contact=contact)
    status = 400 if form.errors else 200
    return render(request, "supportprofiles/contact_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, team_id: int) -> HttpResponse:
    access = gate.get_section_for(request.user, team_id, Section.KEY_CONTACTS, action="edit")
    form = KeyContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contacts.add_key_contact(request.user, access.team, form.cleaned_data, request=request)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Key contact added."))
            return redirect(_profile_url(team_id, Section.KEY_CONTACTS))
    return _contact_page(request, access, form)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    access, contact = gate.get_contact_for(request.user, team_id, pk)
    initial = {n: getattr(contact, n) for n in ("name", "relationship", "how_to_reach")}
    initial["agreed_to_be_listed"] = contact.agreed_to_be_listed
    form = KeyContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contacts.change_key_contact(request.user, contact, form.cleaned_data, request=request)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Key contact saved."))
            return redirect(_profile_url(team_id, Section.KEY_CONTACTS))
    return _contact_page(request, access, form, contact)


@login_required
@require_http_methods(["GET", "POST"])
def contact_remove(request: HttpRequest, team_id: int, pk: int) -> HttpResponse:
    access, contact = gate.get_contact_for(request.user, team_id, pk)
    if request.method == "POST":
        try:
            contacts.remove_key_contact(request.user, contact, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(name)s is no longer a key contact.") % {"name": contact.name}
            )
        return redirect(_profile_url(team_id, Section.KEY_CONTACTS))
    return render(request, "supportprofiles/contact_remove.html", _context(access, contact=contact))
