"""Pages for learning records: "My learning", someone's learning, recording, signing off and
withdrawing learning, evidence, qualifications and registrations.

HTTP only: ``access`` decides who reaches what, the services make every change, and every read
of someone else's learning is written to the access log (``read_learning``).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coopcare.circles.models import Circle
from coopcare.errors import DomainError
from coopcare.learning import access
from coopcare.learning.evidence import MAX_BYTES, evidence_response
from coopcare.learning.forms_records import (
    CheckForm,
    EvidenceForm,
    QualificationForm,
    RecordForm,
    RegistrationForm,
    WithdrawForm,
)
from coopcare.learning.models import LearningRecord, Qualification, Registration
from coopcare.learning.requirements import expiry_of
from coopcare.learning.selectors import LEARNING_HATS, hat_circle_ids
from coopcare.learning.services import credentials, records
from coopcare.learning.services.welcome import open_routes_of

User = get_user_model()
PER_PAGE = 20
# An evidence file of 5 MB and the form, with room for the multipart wrapping.
MAX_REQUEST_BYTES = MAX_BYTES + 256 * 1024


# --- Shared pieces ------------------------------------------------------------------------------


def link(name: str, *args) -> str:
    return reverse(name, args=args)


def person_url(viewer, person) -> str:
    if viewer.pk == person.pk:
        return reverse("learning:home")
    return reverse("learning:person", args=[person.pk])


def learning_context(request: HttpRequest, person) -> dict:
    """What "My learning" and a person's learning page show: a fixed number of queries, however
    many records the person has (records come a page at a time)."""
    viewer = request.user
    today = timezone.localdate()
    topics = records.recordable_topics(person)
    by_slug = {t.slug: t for t in topics}
    observed = records.observed_slugs(topics)
    page = Paginator(
        LearningRecord.objects.filter(person=person).order_by("-completed_on", "-id"), PER_PAGE
    ).get_page(request.GET.get("page"))
    for learning in page:
        learning.state, learning.state_words = records.record_state(learning, observed)
        topic = by_slug.get(learning.topic_slug)
        learning.expires_on = expiry_of(learning.completed_on, topic) if topic is not None else None
    registrations = list(Registration.objects.filter(person=person, withdrawn_at__isnull=True))
    for registration in registrations:
        registration.status, registration.status_label = credentials.registration_status(
            registration, today
        )
    return {
        "person": person,
        "name": records.person_name(viewer, person),
        "is_self": viewer.pk == person.pk,
        "cells": records.requirements_shown(viewer, person, today),
        "page": page,
        "qualifications": list(
            Qualification.objects.filter(person=person, withdrawn_at__isnull=True)
        ),
        "registrations": registrations,
        "can_record": viewer.has_perm("learning.record_learning", person),
        "can_verify": viewer.pk != person.pk and viewer.has_perm("learning.verify_records", person),
    }


def _fail(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _too_big(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except (TypeError, ValueError):
        length = 0  # a malformed header: Django's own limits still apply to the body
    return request.method == "POST" and length > MAX_REQUEST_BYTES


# --- My learning and someone's learning ---------------------------------------------------------


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = learning_context(request, user)
    context["asked"] = list(
        LearningRecord.objects.filter(
            assessor=user,
            signed_off_at__isnull=True,
            withdrawn_at__isnull=True,
            person__is_active=True,
        ).select_related("person__profile")[:25]
    )
    # Each person on the list named this assessor; showing their waiting records is a read.
    for asker in {r.person_id: r.person for r in context["asked"]}.values():
        records.read_learning(user, asker, "sign_off_list", request=request)
    context["links"] = [
        (_("Learning sessions near you"), link("learning:sessions")),
        (_("Your learning passport"), link("learning:passport")),
        (_("Peer supervision"), link("learning:supervision")),
        (_("Pathways"), link("learning:pathways")),
        (_("Sessions you teach"), link("learning:teaching")),
    ] + [
        (
            _("Your welcome route in %(circle)s") % {"circle": route.circle.name},
            link("learning:welcome", route.pk),
        )
        for route in open_routes_of(user).select_related("circle")[:5]
    ]
    circles = Circle.objects.filter(pk__in=hat_circle_ids(user, LEARNING_HATS)).order_by("name")
    context["circles"] = [
        {
            "circle": circle,
            # Only the pages this person may open: Teachers is the Learning Lead's alone.
            "links": [
                (words, link(name, circle.pk))
                for words, name, perm in [
                    (_("Training matrix"), "learning:matrix", "learning.view_matrix"),
                    (_("Learning policy"), "learning:policy", "learning.view_policy"),
                    (_("Measures"), "learning:measures", "learning.view_measures"),
                    (_("Welcome routes"), "learning:welcome_list", "learning.start_welcome"),
                    (_("Teachers"), "learning:teachers", "learning.recognise_teacher"),
                    (
                        _("How well sessions work"),
                        "learning:session_evaluation",
                        "learning.view_measures",
                    ),
                ]
                if user.has_perm(perm, circle)
            ],
        }
        for circle in circles
    ]
    return render(request, "learning/home.html", context)


@login_required
@require_GET
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    found = access.get_person_for(request.user, person_id)
    if found.pk == request.user.pk:
        return redirect("learning:home")
    context = learning_context(request, found)
    records.read_learning(
        request.user, found, "page", request=request, records=[r.pk for r in context["page"]]
    )
    return render(request, "learning/person.html", context)


# --- Records ------------------------------------------------------------------------------------


def _record_form(request: HttpRequest, found, topics, data=None, uploads=None) -> RecordForm:
    external = request.user.pk != found.pk and request.user.has_perm(
        "learning.verify_records", found
    )
    return RecordForm(
        data,
        uploads,
        topics=topics,
        assessors=records.assessor_candidates(request.user, found, topics),
        external=external,
        initial={"topic": request.GET.get("topic", ""), "completed_on": timezone.localdate()},
    )


def _saved_message(learning: LearningRecord, topic) -> str:
    if topic.observed and learning.signed_off_at is None:
        if learning.assessor_id:
            return _("Saved. It waits for %(assessor)s to confirm they observed it.") % {
                "assessor": learning.assessor
            }
        return _(
            "Saved. It waits for sign-off by an assessor who holds this competence, and counts "
            "once signed off."
        )
    return _("Your learning is recorded.")


@login_required
@require_http_methods(["GET", "POST"])
def record_new(request: HttpRequest, person_id: int) -> HttpResponse:
    found = access.get_person_for(request.user, person_id, "learning.record_learning")
    topics = records.recordable_topics(found)
    context = {"person": found, "name": records.person_name(request.user, found), "topics": topics}
    if _too_big(request):
        context["form"] = _record_form(request, found, topics)
        context["refused"] = _("The file was too big, so nothing was saved: 5 MB at most.")
        return render(request, "learning/record_new.html", context, status=413)
    if request.method == "POST":
        form = _record_form(request, found, topics, request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            assessor = None
            if data.get("assessor"):
                assessor = User.objects.filter(pk=data["assessor"], is_active=True).first()
            try:
                learning = records.record_learning(
                    request.user,
                    found,
                    topic=data["topic"],
                    completed_on=data["completed_on"],
                    method=data["method"],
                    provider=data["provider"],
                    assessor=assessor,
                    assessor_name=data.get("assessor_name") or "",
                    note=data["note"],
                    evidence=data.get("evidence"),
                    request=request,
                )
            except DomainError as error:
                _fail(form, error)
            else:
                messages.success(request, _saved_message(learning, data["topic"]))
                return redirect("learning:record", learning.pk)
    else:
        form = _record_form(request, found, topics)
    context["form"] = form
    return render(request, "learning/record_new.html", context)


def _may_sign_off(viewer, learning: LearningRecord, waiting: bool) -> bool:
    return (
        waiting
        and viewer.pk != learning.person_id
        and (
            learning.assessor_id == viewer.pk
            or viewer.has_perm("learning.verify_records", learning.person)
        )
    )


def _record_names(viewer, learning: LearningRecord) -> dict[str, str]:
    roles = ("assessor", "facilitator", "recorded_by", "withdrawn_by")
    ids = {role: getattr(learning, role + "_id") for role in roles}
    found = records.names_of(viewer, ids.values())
    hidden = _("A co-op member (name not shared)")
    return {role: found.get(pk, hidden) for role, pk in ids.items() if pk}


@login_required
@require_GET
def record_detail(request: HttpRequest, record_id: int) -> HttpResponse:
    learning = access.get_record_for(request.user, record_id)
    found = learning.person
    records.read_learning(request.user, found, "record", request=request, target=learning)
    topic = records.topic_for(found, learning.topic_slug)
    observed = {topic.slug} if topic is not None and topic.observed else set()
    learning.state, learning.state_words = records.record_state(learning, observed)
    waiting = learning.state == "waiting"
    can_record = request.user.has_perm("learning.record_learning", found)
    context = {
        "record": learning,
        "person": found,
        "name": records.person_name(request.user, found),
        "person_url": person_url(request.user, found),
        "topic": topic,
        "expires_on": expiry_of(learning.completed_on, topic) if topic else None,
        "names": _record_names(request.user, learning),
        "can_withdraw": can_record and learning.withdrawn_at is None,
        "can_add_evidence": can_record and learning.withdrawn_at is None and not learning.evidence,
        "can_sign_off": _may_sign_off(request.user, learning, waiting),
    }
    return render(request, "learning/record.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def record_withdraw(request: HttpRequest, record_id: int) -> HttpResponse:
    learning = access.get_record_for(request.user, record_id, "learning.record_learning")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            records.withdraw_record(
                request.user, learning, form.cleaned_data["reason"], request=request
            )
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(
                request, _("The record is withdrawn. It is kept, and no longer counts.")
            )
            return redirect("learning:record", learning.pk)
    if request.method == "GET":
        records.read_learning(
            request.user, learning.person, "record", request=request, target=learning
        )
    return render(request, "learning/record_withdraw.html", {"record": learning, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def record_sign_off(request: HttpRequest, record_id: int) -> HttpResponse:
    learning = access.get_record_to_sign_off(request.user, record_id)
    viewer = request.user
    if request.method == "POST":
        try:
            records.sign_off_record(viewer, learning, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Signed off. It counts from now."))
        if viewer.has_perm("learning.view_records", learning.person):
            return redirect("learning:record", learning.pk)
        return redirect("learning:home")
    records.read_learning(viewer, learning.person, "sign_off", request=request, target=learning)
    topic = records.topic_for(learning.person, learning.topic_slug)
    waiting = topic is not None and records.is_waiting(
        learning, {topic.slug} if topic.observed else set()
    )
    context = {
        "record": learning,
        "name": learning.person.display_name,
        "topic": topic,
        "waiting": waiting,
        "can_sign_off": _may_sign_off(viewer, learning, waiting),
    }
    return render(request, "learning/record_sign_off.html", context)


@login_required
@require_GET
def record_evidence(request: HttpRequest, record_id: int) -> HttpResponse:
    learning = access.get_record_for(request.user, record_id)
    if learning.withdrawn_at is not None:
        # A withdrawn record may carry someone else's certificate: it is no longer offered.
        raise Http404
    response = evidence_response(learning)
    records.read_learning(
        request.user, learning.person, "evidence", request=request, target=learning
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def record_evidence_add(request: HttpRequest, record_id: int) -> HttpResponse:
    learning = access.get_record_for(request.user, record_id, "learning.record_learning")
    context = {"record": learning}
    if _too_big(request):
        context["form"] = EvidenceForm()
        context["refused"] = _("The file was too big, so nothing was saved: 5 MB at most.")
        return render(request, "learning/record_evidence.html", context, status=413)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            records.attach_evidence(
                request.user, learning, form.cleaned_data["evidence"], request=request
            )
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, _("The evidence is added."))
            return redirect("learning:record", learning.pk)
    context["form"] = form
    return render(request, "learning/record_evidence.html", context)


# --- Qualifications and registrations -----------------------------------------------------------


def _credential_form(request: HttpRequest, form_class, person_id: int, template: str, save):
    found = access.get_person_for(request.user, person_id, "learning.record_learning")
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message = save(found, form.cleaned_data)
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, message)
            return redirect(person_url(request.user, found))
    context = {"person": found, "name": records.person_name(request.user, found), "form": form}
    context["back"] = person_url(request.user, found)
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def qualification_new(request: HttpRequest, person_id: int) -> HttpResponse:
    def save(found, data) -> str:
        credentials.add_qualification(request.user, found, request=request, **data)
        return _("The qualification is added.")

    return _credential_form(
        request, QualificationForm, person_id, "learning/qualification_new.html", save
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_new(request: HttpRequest, person_id: int) -> HttpResponse:
    def save(found, data) -> str:
        added = credentials.add_registration(request.user, found, request=request, **data)
        status, _label = credentials.registration_status(added)
        if status == "expired":
            return _(
                "The registration is added. It has expired: it shows as expired until it is "
                "renewed and added again."
            )
        return _("The registration is added.")

    return _credential_form(
        request, RegistrationForm, person_id, "learning/registration_new.html", save
    )


@login_required
@require_http_methods(["GET", "POST"])
def qualification_withdraw(request: HttpRequest, qualification_id: int) -> HttpResponse:
    found = access.get_qualification_for(request.user, qualification_id, "learning.record_learning")
    back = person_url(request.user, found.person)
    if request.method == "POST":
        try:
            credentials.withdraw_qualification(request.user, found, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The qualification is withdrawn. It is kept."))
        return redirect(back)
    records.read_learning(request.user, found.person, "qualification", request=request)
    return render(
        request, "learning/qualification_withdraw.html", {"qualification": found, "back": back}
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_withdraw(request: HttpRequest, registration_id: int) -> HttpResponse:
    found = access.get_registration_for(request.user, registration_id, "learning.record_learning")
    back = person_url(request.user, found.person)
    if request.method == "POST":
        try:
            credentials.withdraw_registration(request.user, found, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The registration is withdrawn. It is kept."))
        return redirect(back)
    records.read_learning(request.user, found.person, "registration", request=request)
    return render(
        request, "learning/registration_withdraw.html", {"registration": found, "back": back}
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_check(request: HttpRequest, registration_id: int) -> HttpResponse:
    found = access.get_registration_for(request.user, registration_id, "learning.verify_records")
    back = person_url(request.user, found.person)
    form = CheckForm(request.POST or None, initial={"checked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            credentials.check_registration(
                request.user, found, form.cleaned_data["checked_on"], request=request
            )
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, _("The check is recorded."))
            return redirect(back)
    if request.method == "GET":
        records.read_learning(request.user, found.person, "registration", request=request)
    found.status, found.status_label = credentials.registration_status(found)
    context = {
        "registration": found,
        "form": form,
        "back": back,
        "name": records.person_name(request.user, found.person),
    }
    return render(request, "learning/registration_check.html", context)
