"""Pages for learning together: finding a session nearby, offering one, booking, running it,
feedback, and the teachers of a circle.

HTTP only: ``access`` decides who reaches what, ``services.sessions`` and ``services.teachers``
make every change, ``sessions_selectors`` reads.
"""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Avg
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coopcare.errors import DomainError, NotAllowed
from coopcare.learning import access
from coopcare.learning import sessions_selectors as selectors
from coopcare.learning.forms_sessions import (
    AttendanceForm,
    CancelForm,
    FeedbackForm,
    RecogniseForm,
    SearchForm,
    SessionForm,
    add_error,
)
from coopcare.learning.models import LearningSession, Place, SessionFeedback, TeacherRecognition
from coopcare.learning.services import sessions as services
from coopcare.learning.services import teachers as teacher_services

PER_PAGE = 20


def _detail(session) -> HttpResponse:
    return redirect("learning:session", session_id=session.pk)


@login_required
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "learning.offer_session")
    topics = selectors.topic_choices(request.user)
    search = SearchForm(request.GET, topics=topics)
    terms = search.cleaned_data if search.is_valid() else {}
    sessions = selectors.upcoming_sessions(
        request.user,
        topic=terms.get("topic", ""),
        kind=terms.get("kind", ""),
        q=terms.get("q", ""),
    )
    page = Paginator(sessions, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "sessions": selectors.decorate(page.object_list, request.user),
        "search": search,
        "searching": any(terms.values()),
        "query": urlencode({k: v for k, v in terms.items() if v}),
    }
    return render(request, "learning/sessions.html", context)


def _session_form(request: HttpRequest, offerer, data=None, initial=None, session=None):
    teams = list(selectors.offer_teams(offerer))
    circles = list(selectors.offer_circles(offerer))
    if session is not None:
        # Keep the session's own team and circle choosable even if the offerer has left them.
        if session.team_id and session.team_id not in {t.pk for t in teams}:
            teams.append(session.team)
        if session.circle_id not in {c.pk for c in circles}:
            circles.append(session.circle)
    # Only people whose names the person choosing may see are offered (the Learning Lead may
    # be changing someone else's session); a current co-facilitator stays, named if visible.
    people = list(selectors.co_facilitator_choices(offerer, viewer=request.user))
    labels = {}
    if session is not None:
        known = {p.pk for p in people}
        kept = [
            p
            for p in session.facilitators.all()
            if p.pk not in known and p.pk != session.offered_by_id
        ]
        named = selectors.visible_names(request.user, {p.pk for p in kept})
        labels = {p.pk: selectors.HIDDEN_NAME for p in kept if p.pk not in named}
        people += kept
    topics = selectors.topic_choices(offerer, [c.pk for c in circles])
    return SessionForm(
        data,
        initial=initial,
        topics=topics,
        teams=teams,
        circles=circles,
        people=people,
        labels=labels,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "learning.offer_session")
    if request.method == "POST":
        form = _session_form(request, request.user, request.POST)
        if form.is_valid():
            try:
                session = services.offer_session(request.user, request=request, **form.values())
            except DomainError as error:
                add_error(form, error)
            else:
                messages.success(request, _("Your session is offered. Thank you for teaching."))
                return _detail(session)
    else:
        form = _session_form(request, request.user)
    return render(request, "learning/session_form.html", {"form": form, "session": None})


@login_required
@require_GET
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_session_for(request.user, session_id)
    session = selectors.decorate([selectors.session_for_page(session)], request.user)[0]
    now = timezone.now()
    can_manage = request.user.has_perm("learning.manage_session", session)
    place = session.my_place
    context = {
        "session": session,
        "can_manage": can_manage,
        "is_facilitator": selectors.is_facilitator(request.user, session),
        "is_open": session.status == LearningSession.Status.OPEN,
        "started": session.starts_at <= now,
        "ended": session.ends_at <= now,
        "position": getattr(place, "position", None),
        "may_rate": place is not None
        and place.status == Place.Status.ATTENDED
        and session.status == LearningSession.Status.COMPLETED
        and not SessionFeedback.objects.filter(session=session, person=request.user).exists(),
    }
    if can_manage:
        feedback = SessionFeedback.objects.filter(session=session)
        context.update(
            places=list(selectors.places_of(session).exclude(status=Place.Status.CANCELLED)),
            feedback=list(feedback.only("rating", "comment", "created_at")),
            average=feedback.aggregate(a=Avg("rating"))["a"],
            records=selectors.records_by_topic([session.pk]).get(session.pk, []),
        )
    return render(request, "learning/session.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_session_for(request.user, session_id, "learning.manage_session")
    if request.method == "POST":
        form = _session_form(request, session.offered_by, request.POST, session=session)
        if form.is_valid():
            try:
                services.edit_session(request.user, session, request=request, **form.values())
            except DomainError as error:
                add_error(form, error)
            else:
                messages.success(request, _("The session is changed."))
                return _detail(session)
    else:
        initial = SessionForm.initial_for(session)
        form = _session_form(request, session.offered_by, initial=initial, session=session)
    return render(request, "learning/session_form.html", {"form": form, "session": session})


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_session_for(request.user, session_id, "learning.manage_session")
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_session(
                request.user, session, form.cleaned_data["reason"], request=request
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The session is cancelled and everyone booked is told."))
            return _detail(session)
    return render(request, "learning/session_cancel.html", {"session": session, "form": form})


@login_required
@require_POST
def session_book(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_session_for(request.user, session_id)
    try:
        place = services.book_place(request.user, session, request=request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if place.status == Place.Status.BOOKED:
            messages.success(request, _("You have a place."))
        else:
            messages.success(
                request,
                _("It is full, so you are on the waiting list. You are told if a place frees."),
            )
    return _detail(session)


@login_required
@require_POST
def session_leave(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_session_for(request.user, session_id)
    try:
        services.leave_place(request.user, session, request=request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have given up your place."))
    return _detail(session)


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_session_for(request.user, session_id, "learning.manage_session")
    places = list(selectors.places_of(session, Place.HOLDING))
    form = AttendanceForm(request.POST or None, places=places)
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_attendance(request.user, session, form.marks(), request=request)
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Attendance is saved."))
            return _detail(session)
    context = {
        "session": session,
        "form": form,
        "started": session.starts_at <= timezone.now(),
    }
    return render(request, "learning/session_attendance.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_complete(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_session_for(request.user, session_id, "learning.manage_session")
    if request.method == "POST":
        try:
            services.complete_session(request.user, session, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The session is complete: everyone who came has it recorded.")
            )
        return _detail(session)
    session = selectors.decorate([selectors.session_for_page(session)], request.user)[0]
    came = selectors.places_of(session, [Place.Status.ATTENDED]).count()
    unmarked = selectors.places_of(session, [Place.Status.BOOKED]).count()
    context = {
        "session": session,
        "came": came,
        "unmarked": unmarked,
        "ended": session.ends_at <= timezone.now(),
    }
    return render(request, "learning/session_complete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_feedback(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_session_for(request.user, session_id)
    if not selectors.attended(request.user, session):
        messages.error(request, _("Only people who came to a session rate it."))
        return _detail(session)
    given = SessionFeedback.objects.filter(session=session, person=request.user).first()
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and given is None and form.is_valid():
        try:
            teacher_services.give_feedback(
                request.user,
                session,
                form.cleaned_data["rating"],
                form.cleaned_data["comment"],
                request=request,
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Thank you: the facilitators will read it."))
            return _detail(session)
    context = {"session": session, "form": form, "given": given}
    return render(request, "learning/session_feedback.html", context)


@login_required
@require_GET
def teaching(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "learning.offer_session")
    page = Paginator(selectors.teaching_sessions(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    sessions = selectors.decorate(page.object_list, request.user)
    ids = [s.pk for s in sessions]
    comments = selectors.comments_for(ids)
    records = selectors.records_by_topic(ids)
    for session in sessions:
        session.comments = comments.get(session.pk, [])
        session.records_written = records.get(session.pk, [])
    recognitions = TeacherRecognition.objects.filter(
        person=request.user, ended_on__isnull=True
    ).select_related("circle")
    context = {"page": page, "sessions": sessions, "recognitions": recognitions}
    return render(request, "learning/teaching.html", context)


@login_required
@require_GET
def teachers(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle = access.get_circle_for(request.user, circle_id, "learning.recognise_teacher")
    page = Paginator(selectors.teachers_of(circle), PER_PAGE).get_page(request.GET.get("page"))
    people = list(page.object_list)
    classes = selectors.member_classes([p.pk for p in people])
    recognitions = selectors.recognitions_of([p.pk for p in people], [circle.pk])
    for person in people:
        person.classes = classes.get(person.pk, [])
        person.recognition = recognitions.get((person.pk, circle.pk))
    context = {"circle": circle, "page": page, "people": people}
    return render(request, "learning/teachers.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def teacher_recognise(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle = access.get_circle_for(request.user, circle_id, "learning.recognise_teacher")
    people = list(selectors.teachers_of(circle)[:500])
    initial = {"person": request.GET.get("person")}
    form = RecogniseForm(request.POST or None, initial=initial, people=people)
    if request.method == "POST" and form.is_valid():
        person = form.people.get(form.cleaned_data["person"])
        try:
            teacher_services.recognise_teacher(
                request.user,
                circle,
                person,
                form.cleaned_data["level"],
                form.cleaned_data["note"],
                request=request,
            )
        except DomainError as error:
            add_error(form, error)
        else:
            messages.success(request, _("%(person)s is recognised.") % {"person": person})
            return redirect("learning:teachers", circle_id=circle.pk)
    return render(
        request, "learning/session_teacher_recognise.html", {"circle": circle, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def teacher_end(request: HttpRequest, recognition_id: int) -> HttpResponse:
    recognition = access.get_recognition_for(request.user, recognition_id)
    if request.method == "POST":
        try:
            teacher_services.end_recognition(request.user, recognition, request=request)
        except (DomainError, NotAllowed) as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The recognition has ended."))
        return redirect("learning:teachers", circle_id=recognition.circle_id)
    return render(request, "learning/session_teacher_end.html", {"recognition": recognition})


@login_required
@require_GET
def session_evaluation(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle = access.get_circle_for(request.user, circle_id, "learning.view_measures")
    today = timezone.localdate()
    since = timezone.now() - datetime.timedelta(days=selectors.EVALUATION_DAYS)
    is_lead = request.user.has_perm("learning.recognise_teacher", circle)
    context = {
        "circle": circle,
        "kinds": selectors.figures_by_kind(circle, since),
        "topics": selectors.figures_by_topic(circle, since, today),
        "is_lead": is_lead,
    }
    if is_lead:
        context["page"] = Paginator(selectors.feedback_in(circle), PER_PAGE).get_page(
            request.GET.get("page")
        )
    return render(request, "learning/session_evaluation.html", context)
