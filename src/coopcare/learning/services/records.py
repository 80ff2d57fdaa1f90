"""Writing learning records: the one way a record is made, signed off or withdrawn.

Sessions (``services.sessions``) write their attendees' records through ``create_record`` too,
so every record is checked and audited the same way. Audit events name the record and its
topic, never the note or the evidence.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record as audit
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import LearningRecord, LearningSession, Method, Topic
from coopcare.learning.requirements import counting_records, expiry_of

EARLIEST = datetime.date(1950, 1, 1)


def check_completed_on(completed_on: datetime.date | None) -> datetime.date:
    if completed_on is None:
        raise DomainError(_("Say when you did it."), field="completed_on")
    if completed_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="completed_on")
    if completed_on < EARLIEST:
        raise DomainError(_("Check the date: it is too long ago."), field="completed_on")
    return completed_on


def holds_competence(person, topic: Topic, on: datetime.date) -> bool:
    """``person`` has a counting, in-date record of ``topic`` on ``on`` (an assessor must)."""
    for completed_on in (
        counting_records([person.pk], [topic])
        .filter(completed_on__lte=on)
        .order_by("-completed_on")
        .values_list("completed_on", flat=True)[:1]
    ):
        expires_on = expiry_of(completed_on, topic)
        return expires_on is None or on < expires_on
    return False


def check_assessor(assessor, person, topic: Topic, on: datetime.date) -> None:
    if assessor is None:
        return
    if assessor.pk == person.pk:
        raise DomainError(_("Nobody signs off their own competence."), field="assessor")
    if not holds_competence(assessor, topic, on):
        raise DomainError(
            _("%(assessor)s cannot sign this off: they do not hold %(topic)s in date themselves.")
            % {"assessor": assessor, "topic": topic.name},
            field="assessor",
        )


@transaction.atomic
def create_record(
    actor,
    person,
    *,
    topic: Topic,
    completed_on: datetime.date,
    method: str,
    provider: str = "",
    facilitator=None,
    session: LearningSession | None = None,
    assessor=None,
    assessor_name: str = "",
    note: str = "",
    request=None,
) -> LearningRecord:
    """Record that ``person`` learned ``topic`` on ``completed_on``.

    The person records their own learning; the Coach or Learning Lead of their circle may record
    it for them (``learning.record_learning``). An observed topic counts only once signed off:
    by ``assessor`` (a person holding the competence in date) or, recorded by a Coach or Learning
    Lead, a named external assessor (``assessor_name``).
    """
    if actor is not None and not actor.has_perm("learning.record_learning", person):
        raise NotAllowed(_("Only the person, their Coach or Learning Lead record their learning."))
    completed_on = check_completed_on(completed_on)
    if method not in Method.values:
        raise DomainError(_("Choose how it was learned."), field="method")
    provider, note, assessor_name = provider.strip(), note.strip(), assessor_name.strip()
    if len(provider) > 200:
        raise DomainError(_("Keep the provider to 200 characters."), field="provider")
    if len(note) > 2000:
        raise DomainError(_("Keep the note to 2,000 characters."), field="note")
    signed_off_at = None
    if assessor is not None:
        check_assessor(assessor, person, topic, completed_on)
        signed_off_at = timezone.now()
    elif assessor_name:
        if actor is None or not actor.has_perm("learning.verify_records", person):
            raise NotAllowed(
                _("Only a Coach or Learning Lead records a sign-off by an external assessor.")
            )
        if len(assessor_name) > 200:
            raise DomainError(_("Keep the assessor's name to 200 characters."), field="assessor")
        signed_off_at = timezone.now()
    learning = LearningRecord.objects.create(
        person=person,
        topic_slug=topic.slug,
        topic_name=topic.name,
        completed_on=completed_on,
        method=method,
        provider=provider,
        facilitator=facilitator,
        session=session,
        assessor=assessor,
        assessor_name=assessor_name,
        signed_off_at=signed_off_at,
        note=note,
        recorded_by=actor if actor is not None else person,
    )
    audit(
        "learning.record_created",
        actor=actor,
        target=learning,
        subject=person,
        request=request,
        detail={
            "topic": topic.slug,
            "completed_on": completed_on.isoformat(),
            "method": method,
            "signed_off": signed_off_at is not None,
            "session": session.pk if session is not None else None,
        },
    )
    return learning
