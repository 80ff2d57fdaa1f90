"""Qualifications and professional registrations: added by the person or their Coach or
Learning Lead, checked on the regulator's register by the Coach or Learning Lead, withdrawn
(kept) when wrong. Never deleted.

A registration past its expiry date is accepted — the Coach needs to see it to chase it — and is
shown as expired everywhere (``registration_status``). Audit events carry no free text.
"""

import datetime
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record as audit
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import Qualification, Registration, RegulatoryBody
from coopcare.learning.requirements import DUE_WITHIN_DAYS, STATUS_LABELS, Status
from coopcare.learning.services.records import EARLIEST

MAX_TEXT = 200
MAX_LEVEL = 40
MAX_NUMBER = 60
# Letters, digits and the separators regulators print (spaces, hyphens, slashes, dots).
NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./-]*$")


def _may_add(actor, person) -> None:
    if not actor.has_perm("learning.record_learning", person):
        raise NotAllowed(
            _("Only the person, their Coach or Learning Lead keep their qualifications.")
        )


def _text(value: str, field: str, limit: int, *, required: bool = False, what: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_("Give the %(what)s.") % {"what": what}, field=field)
    if len(value) > limit:
        raise DomainError(
            _("Keep it to %(n)d characters.") % {"n": limit},
            field=field,
        )
    return value


# --- Qualifications -----------------------------------------------------------------------------


@transaction.atomic
def add_qualification(
    actor,
    person,
    *,
    title: str,
    achieved_on: datetime.date | None,
    accredited: bool = False,
    level: str = "",
    awarding_body: str = "",
    request=None,
) -> Qualification:
    _may_add(actor, person)
    title = _text(title, "title", MAX_TEXT, required=True, what=_("name of the qualification"))
    level = _text(level, "level", MAX_LEVEL)
    awarding_body = _text(awarding_body, "awarding_body", MAX_TEXT)
    if accredited and not awarding_body:
        raise DomainError(
            _("Name the awarding body of an accredited qualification."), field="awarding_body"
        )
    if achieved_on is None:
        raise DomainError(_("Say when it was achieved."), field="achieved_on")
    if achieved_on > timezone.localdate():
        raise DomainError(_("The date achieved cannot be in the future."), field="achieved_on")
    if achieved_on < EARLIEST:
        raise DomainError(_("Check the date: it is too long ago."), field="achieved_on")
    qualification = Qualification.objects.create(
        person=person,
        title=title,
        accredited=bool(accredited),
        level=level,
        awarding_body=awarding_body,
        achieved_on=achieved_on,
        recorded_by=actor,
    )
    audit(
        "learning.qualification_added",
        actor=actor,
        target=qualification,
        subject=person,
        request=request,
        detail={"accredited": qualification.accredited, "achieved_on": achieved_on.isoformat()},
    )
    return qualification


@transaction.atomic
def withdraw_qualification(actor, qualification: Qualification, request=None) -> Qualification:
    qualification = (
        Qualification.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=qualification.pk)
    )
    _may_add(actor, qualification.person)
    if qualification.withdrawn_at is not None:
        raise DomainError(_("This qualification has already been withdrawn."))
    qualification.withdrawn_at = timezone.now()
    qualification.save(update_fields=["withdrawn_at"])
    audit(
        "learning.qualification_withdrawn",
        actor=actor,
        target=qualification,
        subject=qualification.person,
        request=request,
    )
    return qualification


# --- Registrations ------------------------------------------------------------------------------


def registration_status(
    registration: Registration, today: datetime.date | None = None
) -> tuple[Status, str]:
    """In date, due within 60 days, or expired (on its expiry date), as the matrix says it."""
    today = today or timezone.localdate()
    if today >= registration.expires_on:
        status = Status.EXPIRED
    elif (registration.expires_on - today).days <= DUE_WITHIN_DAYS:
        status = Status.DUE
    else:
        status = Status.VALID
    return status, str(STATUS_LABELS[status])


def clean_number(number: str) -> str:
    number = " ".join((number or "").split())
    if not number:
        raise DomainError(_("Give the registration number."), field="number")
    if len(number) > MAX_NUMBER:
        raise DomainError(
            _("A registration number is at most %(n)d characters.") % {"n": MAX_NUMBER},
            field="number",
        )
    if not NUMBER.match(number):
        raise DomainError(
            _("Use the number as the register prints it: letters, digits, spaces and - / ."),
            field="number",
        )
    return number


@transaction.atomic
def add_registration(
    actor,
    person,
    *,
    body: str,
    number: str,
    expires_on: datetime.date | None,
    body_name: str = "",
    request=None,
) -> Registration:
    """Add a professional registration. An expiry date in the past is kept (and shown as
    expired): the Coach must see a lapsed registration to act on it."""
    _may_add(actor, person)
    if body not in RegulatoryBody.values:
        raise DomainError(_("Choose the regulatory body."), field="body")
    body_name = _text(body_name, "body_name", MAX_TEXT)
    if body == RegulatoryBody.OTHER and not body_name:
        raise DomainError(_("Name the regulatory body."), field="body_name")
    if body != RegulatoryBody.OTHER:
        body_name = ""
    number = clean_number(number)
    if expires_on is None:
        raise DomainError(_("Give the date the registration expires."), field="expires_on")
    if expires_on < EARLIEST:
        raise DomainError(_("Check the date: it is too long ago."), field="expires_on")
    registration = Registration.objects.create(
        person=person,
        body=body,
        body_name=body_name,
        number=number,
        expires_on=expires_on,
        recorded_by=actor,
    )
    audit(
        "learning.registration_added",
        actor=actor,
        target=registration,
        subject=person,
        request=request,
        detail={
            "body": body,
            "expires_on": expires_on.isoformat(),
            "expired": registration_status(registration)[0] == Status.EXPIRED,
        },
    )
    return registration


@transaction.atomic
def check_registration(
    actor, registration: Registration, checked_on: datetime.date | None = None, request=None
) -> Registration:
    """The Coach or Learning Lead saw the registration on the regulator's register."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=registration.pk)
    )
    if not actor.has_perm("learning.verify_records", registration.person):
        raise NotAllowed(_("Only the Coach or Learning Lead checks a registration."))
    if actor.pk == registration.person_id:
        raise NotAllowed(_("Someone else checks your own registration."))
    if registration.withdrawn_at is not None:
        raise DomainError(_("This registration was withdrawn."))
    checked_on = checked_on or timezone.localdate()
    if checked_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="checked_on")
    if checked_on < EARLIEST:
        raise DomainError(_("Check the date: it is too long ago."), field="checked_on")
    registration.checked_by = actor
    registration.checked_on = checked_on
    registration.save(update_fields=["checked_by", "checked_on"])
    audit(
        "learning.registration_checked",
        actor=actor,
        target=registration,
        subject=registration.person,
        request=request,
        detail={"checked_on": checked_on.isoformat()},
    )
    return registration


@transaction.atomic
def withdraw_registration(actor, registration: Registration, request=None) -> Registration:
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=registration.pk)
    )
    _may_add(actor, registration.person)
    if registration.withdrawn_at is not None:
        raise DomainError(_("This registration has already been withdrawn."))
    registration.withdrawn_at = timezone.now()
    registration.save(update_fields=["withdrawn_at"])
    audit(
        "learning.registration_withdrawn",
        actor=actor,
        target=registration,
        subject=registration.person,
        request=request,
    )
    return registration
