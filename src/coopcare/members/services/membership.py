"""Becoming a member and stopping being one: apply, admit or decline, withdraw, end.

Pages and the API both call these, so each one checks the actor's right itself, validates, changes
state, writes its audit event and sends its notifications in one transaction. A rolled-back
change therefore leaves no audit event and emails nobody (``notify`` sends on commit).
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare import permissions
from coopcare.audit.services import record, record_read
from coopcare.circles.models import Hat
from coopcare.errors import DomainError, NotAllowed
from coopcare.members.models import (
    MemberClass,
    Membership,
    MembershipApplication,
    WorkerKind,
)
from coopcare.members.questions import MAX_ANSWER_LENGTH, questions_for
from coopcare.members.selectors import active_members
from coopcare.notifications.services import notify

User = get_user_model()
Status = MembershipApplication.Status
EndReason = Membership.EndReason
BASIS_MAX = Membership._meta.get_field("basis").max_length or 200


def _admitters(excluding: Any) -> QuerySet:
    """Current members wearing the admitting hat: the people who decide applications."""
    holders = Hat.objects.current().filter(hat_type__slug=permissions.ADMITTING_HAT)
    return active_members().filter(pk__in=holders.values("holder")).exclude(pk=excluding.pk)


def _clean_answers(member_class: str, answers: dict[str, Any]) -> dict[str, str]:
    expected = questions_for(member_class)
    unknown = set(answers) - {q.key for q in expected}
    if unknown:
        raise DomainError(_("Those answers do not match the questions for this member class."))
    cleaned: dict[str, str] = {}
    for question in expected:
        text = str(answers.get(question.key) or "").strip()
        if not text:
            raise DomainError(_("Please answer this question."), field=question.key)
        if len(text) > MAX_ANSWER_LENGTH:
            raise DomainError(
                _("Please keep your answer to %(n)d characters or fewer.")
                % {"n": MAX_ANSWER_LENGTH},
                field=question.key,
            )
        cleaned[question.key] = text
    return cleaned


def apply_for_membership(
    person: Any,
    member_class: str,
    worker_kind: str,
    answers: dict[str, Any],
    accepted_commitment: bool,
    request: HttpRequest | None = None,
) -> MembershipApplication:
    """Send an application to the people who admit members."""
    if not getattr(person, "is_authenticated", False) or not person.is_active:
        raise NotAllowed(_("Please sign in to apply."))
    if member_class not in MemberClass.values:
        raise DomainError(_("Choose a member class."), field="member_class")
    worker_kind = worker_kind or ""
    if member_class == MemberClass.WORKER and worker_kind not in WorkerKind.values:
        raise DomainError(_("Choose the kind of work you do."), field="worker_kind")
    if member_class != MemberClass.WORKER and worker_kind:
        raise DomainError(_("Only worker members choose a kind of work."), field="worker_kind")
    cleaned = _clean_answers(member_class, answers or {})
    if accepted_commitment is not True:
        raise DomainError(
            _("You need to agree to the Members' Commitment to apply."), field="accept_commitment"
        )
    if MembershipApplication.objects.filter(applicant=person, status=Status.SUBMITTED).exists():
        raise DomainError(
            _(
                "You already have an application waiting for a decision. You can see it, or "
                "withdraw it, on your membership page."
            )
        )
    if Membership.objects.active().filter(person=person, member_class=member_class).exists():
        raise DomainError(_("You are already a member of this class."), field="member_class")

    with transaction.atomic():
        try:
            # The savepoint lets a racing second submission fail on the unique constraint
            # without breaking the outer transaction.
            with transaction.atomic():
                application = MembershipApplication.objects.create(
                    applicant=person,
                    member_class=member_class,
                    worker_kind=worker_kind,
                    answers=cleaned,
                    accepted_commitment_at=timezone.now(),
                )
        except IntegrityError as error:
            raise DomainError(
                _("You already have an application waiting for a decision.")
            ) from error
        record(
            "membership.applied",
            actor=person,
            target=application,
            subject=person,
            request=request,
            detail={"member_class": member_class, "worker_kind": worker_kind},
        )
        url = reverse("membership:application", args=[application.pk])
        title = _("New membership application: %(person)s (%(class)s)") % {
            "person": person.display_name,
            "class": application.get_member_class_display(),
        }
        for admitter in _admitters(excluding=person):
            notify(
                admitter,
                "membership.applied",
                title,
                body=_("Please read the application and admit or decline it."),
                url=url,
            )
    return application


def _lock_open(application: MembershipApplication) -> MembershipApplication:
    locked = MembershipApplication.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if locked.status != Status.SUBMITTED:
        raise DomainError(
            _("This application is no longer open: it is %(status)s.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def _decide(
    actor: Any,
    application: MembershipApplication,
    reason: str,
    status: str,
    request: HttpRequest | None,
) -> MembershipApplication:
    if not actor.has_perm("members.decide_application", application):
        raise NotAllowed(_("Only a member wearing the admitting hat may decide applications."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Give a reason for the decision; the applicant will read it."), field="reason"
        )
    with transaction.atomic():
        locked = _lock_open(application)
        locked.status = status
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.decision_reason = reason
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        detail: dict[str, Any] = {"reason": reason}
        if status == Status.ADMITTED:
            if (
                Membership.objects.active()
                .filter(person_id=locked.applicant_id, member_class=locked.member_class)
                .exists()
            ):
                raise DomainError(_("The applicant is already a member of this class."))
            basis = _("Admitted on application: %(reason)s") % {"reason": reason}
            membership = Membership.objects.create(
                person_id=locked.applicant_id,
                member_class=locked.member_class,
                worker_kind=locked.worker_kind,
                application=locked,
                basis=basis if len(basis) <= BASIS_MAX else basis[: BASIS_MAX - 1] + "…",
            )
            detail["membership_id"] = membership.pk
        applicant = locked.applicant
        record(
            f"membership.{status}",
            actor=actor,
            target=locked,
            subject=applicant,
            request=request,
            changes={"status": [Status.SUBMITTED, status]},
            detail=detail,
        )
        if status == Status.ADMITTED:
            title = _("Welcome: you are now a member of the co-op")
        else:
            title = _("Your membership application was declined")
        notify(
            applicant,
            "membership.decided",
            title,
            body=_("The reason given: %(reason)s") % {"reason": reason},
            url=reverse("membership:status"),
        )
    application.refresh_from_db()
    return application


def admit_application(
    actor: Any,
    application: MembershipApplication,
    reason: str,
    request: HttpRequest | None = None,
) -> MembershipApplication:
    """Admit the applicant: the application is closed and their membership starts now."""
    return _decide(actor, application, reason, Status.ADMITTED, request)


def decline_application(
    actor: Any,
    application: MembershipApplication,
    reason: str,
    request: HttpRequest | None = None,
) -> MembershipApplication:
    """Decline the application, with a reason the applicant is told."""
    return _decide(actor, application, reason, Status.DECLINED, request)


def withdraw_application(
    actor: Any, application: MembershipApplication, request: HttpRequest | None = None
) -> MembershipApplication:
    """The applicant takes back their open application; they may apply again later."""
    if not actor.has_perm("members.withdraw_application", application):
        raise NotAllowed(_("Only the applicant may withdraw an application."))
    with transaction.atomic():
        locked = _lock_open(application)
        locked.status = Status.WITHDRAWN
        locked.save(update_fields=["status"])
        record(
            "membership.withdrawn",
            actor=actor,
            target=locked,
            subject=actor,
            request=request,
            changes={"status": [Status.SUBMITTED, Status.WITHDRAWN]},
        )
    application.refresh_from_db()
    return application


def record_application_read(
    actor: Any, application: MembershipApplication, request: HttpRequest | None = None
) -> None:
    """Log that someone other than the applicant read their answers (the access log)."""
    if actor.pk != application.applicant_id:
        record_read(
            "membership.application_viewed",
            actor=actor,
            target=application,
            subject=application.applicant,
            request=request,
        )


def _may_end(actor: Any, membership: Membership, reason: str) -> bool:
    if actor is None:  # the scheduled check, acting for the co-op's rules
        return True
    if reason == EndReason.RESIGNED and actor.pk == membership.person_id:
        return True
    return bool(permissions.is_superuser.test(actor) or permissions.can_admit.test(actor))


def end_membership(
    actor: Any,
    membership: Membership,
    reason: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> Membership:
    """End a membership whose reason has gone. ``actor`` is None when the co-op's rules do it."""
    if reason not in EndReason.values:
        raise DomainError(_("Choose why the membership ends."), field="reason")
    if not _may_end(actor, membership, reason):
        raise NotAllowed(_("You may not end this membership."))
    note = (note or "").strip()
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("person")
            .get(pk=membership.pk)
        )
        if locked.ended_at is not None:
            raise DomainError(_("This membership has already ended."))
        locked.ended_at = timezone.now()
        locked.end_reason = reason
        locked.end_note = note
        locked.save(update_fields=["ended_at", "end_reason", "end_note"])
        record(
            "membership.ended",
            actor=actor,
            target=locked,
            subject=locked.person,
            request=request,
            detail={"reason": reason, "note": note},
        )
        body = str(locked.get_end_reason_display())
        if note:
            body = f"{body}. {note}"
        notify(
            locked.person,
            "membership.ended",
            _("Your %(class)s membership has ended")
            % {"class": locked.get_member_class_display().lower()},
            body=body,
            url=reverse("membership:status"),
        )
    membership.refresh_from_db()
    return membership


def resign_membership(
    actor: Any, membership: Membership, request: HttpRequest | None = None
) -> Membership:
    """A member chooses to stop being a member of one class."""
    if actor is None or actor.pk != membership.person_id:
        raise NotAllowed(_("Only the member may resign their own membership."))
    return end_membership(actor, membership, EndReason.RESIGNED, request=request)
