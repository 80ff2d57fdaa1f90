"""Teachers: what the people who came say about a session, and recognition.

Attendees rate a completed session once, from 1 to 5; its facilitators read the ratings and
comments without names. The circle's Learning Lead names someone an Associate Teacher or a
Teacher, and ends a recognition. Anyone may teach without it; it says the circle vouches for
them, and shows next to their name on the sessions they facilitate."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record as audit
from coopcare.circles.models import Circle
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import (
    LearningSession,
    Place,
    SessionFeedback,
    TeacherLevel,
    TeacherRecognition,
)
from coopcare.learning.selectors import circle_ids_of
from coopcare.notifications.services import notify

MAX_NOTE = 300
MAX_COMMENT = 2000


def _require_lead(actor, circle: Circle) -> None:
    if not actor.has_perm("learning.recognise_teacher", circle):
        raise NotAllowed(_("Only the circle's Learning Lead recognises teachers."))


def _belongs(person, circle: Circle) -> bool:
    if circle.pk in circle_ids_of(person):
        return True
    return LearningSession.objects.filter(circle=circle, facilitators=person).exists()


@transaction.atomic
def recognise_teacher(
    actor, circle: Circle, person, level: str, note: str = "", request=None
) -> TeacherRecognition:
    """Recognise ``person`` at ``level`` in ``circle``; a different current level is replaced
    (an Associate Teacher becoming a Teacher)."""
    _require_lead(actor, circle)
    if level not in TeacherLevel.values:
        raise DomainError(_("Choose Associate Teacher or Teacher."), field="level")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DomainError(_("Keep the note to 300 characters."), field="note")
    if person is None or not person.is_active or not _belongs(person, circle):
        raise DomainError(
            _("Choose someone who takes part in %(circle)s or has taught there.")
            % {"circle": circle.name},
            field="person",
        )
    current = (
        TeacherRecognition.objects.select_for_update(of=("self",))
        .filter(person=person, circle=circle, ended_on__isnull=True)
        .first()
    )
    if current is not None and current.level == level:
        raise DomainError(
            _("%(person)s is already recognised as %(level)s.")
            % {"person": person, "level": current.get_level_display()},
            field="level",
        )
    today = timezone.localdate()
    if current is not None:
        current.ended_on = today
        current.save(update_fields=["ended_on"])
    recognition = TeacherRecognition.objects.create(
        person=person,
        circle=circle,
        level=level,
        note=note,
        recognised_by=actor,
        recognised_on=today,
    )
    audit(
        "learning.teacher_recognised",
        actor=actor,
        target=recognition,
        subject=person,
        request=request,
        detail={"circle": circle.pk, "level": level, "replaces": getattr(current, "pk", None)},
    )
    notify(
        person,
        "learning.teacher_recognised",
        _("You are recognised as %(level)s in %(circle)s")
        % {"level": recognition.get_level_display(), "circle": circle.name},
        body=_("Thank you for what you teach. It shows next to your name on your sessions."),
        url=reverse("learning:teaching"),
    )
    return recognition


@transaction.atomic
def end_recognition(actor, recognition: TeacherRecognition, request=None) -> TeacherRecognition:
    recognition = (
        TeacherRecognition.objects.select_for_update(of=("self",))
        .select_related("circle", "person")
        .get(pk=recognition.pk)
    )
    _require_lead(actor, recognition.circle)
    if recognition.ended_on is not None:
        raise DomainError(_("This recognition has already ended."))
    recognition.ended_on = timezone.localdate()
    recognition.save(update_fields=["ended_on"])
    audit(
        "learning.teacher_recognition_ended",
        actor=actor,
        target=recognition,
        subject=recognition.person,
        request=request,
    )
    notify(
        recognition.person,
        "learning.teacher_recognised",
        _("Your recognition as %(level)s in %(circle)s has ended")
        % {"level": recognition.get_level_display(), "circle": recognition.circle.name},
        body=_("You can still offer sessions: everyone may teach."),
        url=reverse("learning:teaching"),
    )
    return recognition


# --- Feedback -----------------------------------------------------------------------------------


@transaction.atomic
def give_feedback(
    actor, session: LearningSession, rating, comment: str = "", request=None
) -> SessionFeedback:
    """An attendee rates a completed session from 1 to 5, once, with an optional comment."""
    session = LearningSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
    if not Place.objects.filter(
        session=session, person=actor, status=Place.Status.ATTENDED
    ).exists():
        raise NotAllowed(_("Only people who came to a session rate it."))
    if session.status != LearningSession.Status.COMPLETED:
        raise DomainError(_("Rate it once the facilitator has completed it."))
    if SessionFeedback.objects.filter(session=session, person=actor).exists():
        raise DomainError(_("You have already rated this session. Thank you."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise DomainError(_("Choose a rating from 1 to 5."), field="rating")
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise DomainError(_("Keep the comment to 2,000 characters."), field="comment")
    feedback = SessionFeedback.objects.create(
        session=session, person=actor, rating=rating, comment=comment
    )
    audit(
        "learning.feedback_given",
        actor=actor,
        target=session,
        request=request,
        detail={"rating": rating},
    )
    for person in session.facilitators.all():
        notify(
            person,
            "learning.session_feedback",
            _("New feedback on “%(title)s”") % {"title": session.title},
            body=_("Someone who came rated it %(rating)s out of 5.") % {"rating": rating},
            url=reverse("learning:teaching"),
        )
    return feedback
