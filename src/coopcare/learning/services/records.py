"""Writing learning records: the one way a record is made, signed off or withdrawn.

Sessions (``services.sessions``) write their attendees' records through ``create_record`` too,
so every record is checked and audited the same way. Audit events name the record and its
topic, never the note, the reason or the evidence: the audit log is read by other people than
the person's Coach.

Observed competence counts only once someone who holds it in date has signed it off. A person
cannot sign off themself, and naming an assessor is not a sign-off: when a person records their
own observed competence and names an assessor, the record waits until that assessor confirms it
(``sign_off_record``). The Coach or Learning Lead, the assessor themself and a completed session
sign off as they record.
"""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record as audit
from coopcare.audit.services import record_read
from coopcare.circles.models import Circle
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning import evidence as evidence_files
from coopcare.learning.models import LearningRecord, LearningSession, Method, Policy, Topic
from coopcare.learning.requirements import (
    counting_records,
    expiry_of,
    people_q,
    policy_for,
    requirements_of,
)
from coopcare.learning.selectors import circle_ids_of, holds_learning_hat_for
from coopcare.members.models import Section
from coopcare.members.privacy import annotate_visibility, can_see_section
from coopcare.notifications.services import notify

User = get_user_model()

EARLIEST = datetime.date(1950, 1, 1)
MAX_REASON = 300
SIGN_OFF_ASKED = "learning.sign_off_asked"


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


# --- Which topics a person records --------------------------------------------------------------


def recordable_topics(person) -> list[Topic]:
    """The current topics of the policies of ``person``'s circles, one per slug.

    Where circles disagree, the stricter topic stands for the slug: one that must be observed
    wins, so a competence one circle wants observed is never recorded as plain learning.
    """
    ids = circle_ids_of(person)
    if not ids:
        return []
    have = set(Policy.objects.filter(circle_id__in=ids).values_list("circle_id", flat=True))
    for circle in Circle.objects.filter(pk__in=ids - have):
        policy_for(circle)
    chosen: dict[str, Topic] = {}
    for topic in Topic.objects.filter(policy__circle_id__in=ids, retired_at__isnull=True).order_by(
        "order", "name", "id"
    ):
        held = chosen.get(topic.slug)
        if held is None or (topic.observed and not held.observed):
            chosen[topic.slug] = topic
    return sorted(chosen.values(), key=lambda t: (t.order, t.name, t.pk))


def topic_for(person, slug: str) -> Topic | None:
    """The topic ``slug`` stands for in ``person``'s circles (see ``recordable_topics``)."""
    return next((t for t in recordable_topics(person) if t.slug == slug), None)


def assessor_candidates(viewer, person, topics, today: datetime.date | None = None) -> list:
    """(id, label) of the people in ``person``'s circles who hold an observed topic in date
    today and whose name ``viewer`` may see, with what they can sign off. A fixed number of
    queries, however many people the circles have."""
    observed = {t.slug: t for t in topics if t.observed}
    ids = circle_ids_of(person)
    if not observed or not ids:
        return []
    today = today or timezone.localdate()
    people = Q()
    for circle in Circle.objects.filter(pk__in=ids):
        people |= people_q(circle)
    pool = User.objects.filter(people).exclude(pk=person.pk).values("pk")
    holds: dict[int, list[str]] = {}
    for row in (
        counting_records(pool, observed.values())
        .values("person_id", "topic_slug")
        .annotate(last=Max("completed_on"))
    ):
        topic = observed[row["topic_slug"]]
        expires_on = expiry_of(row["last"], topic)
        if expires_on is None or today < expires_on:
            holds.setdefault(row["person_id"], []).append(topic.name)
    found = annotate_visibility(
        User.objects.filter(pk__in=holds, is_active=True).select_related("profile"),
        viewer,
        [Section.NAME],
    )
    named = sorted((str(p), p.pk) for p in found if p.can_see_name)
    return [(pk, f"{name} — {', '.join(sorted(holds[pk]))}") for name, pk in named]


def chosen_assessor(viewer, person, topics, assessor_id: int):
    """The assessor ``viewer`` chose by id, if they are among ``assessor_candidates`` (what the
    form offers). Anyone else is refused without a word about them: not their name, nor whether
    they exist or hold a competence."""
    if assessor_id not in {pk for pk, _label in assessor_candidates(viewer, person, topics)}:
        raise DomainError(
            _("Choose the assessor from the list of people who can sign this off."),
            field="assessor",
        )
    return User.objects.get(pk=assessor_id)


def observed_slugs(topics) -> set[str]:
    return {t.slug for t in topics if t.observed}


def is_waiting(learning: LearningRecord, observed: set[str]) -> bool:
    """An observed competence not signed off yet: kept, but it does not count."""
    return (
        learning.withdrawn_at is None
        and learning.signed_off_at is None
        and learning.topic_slug in observed
    )


# --- Recording ----------------------------------------------------------------------------------


def _ask_assessor(learning: LearningRecord) -> None:
    notify(
        learning.assessor,
        SIGN_OFF_ASKED,
        _("You are asked to sign off observed competence"),
        body=_("%(person)s asks you to confirm that you observed them: %(topic)s.")
        % {"person": learning.person, "topic": learning.topic_name},
        url=reverse("learning:record_sign_off", args=[learning.pk]),
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
    Lead, a named external assessor (``assessor_name``). When the person records it themself and
    names an assessor, the record waits for that assessor to confirm it (``sign_off_record``).
    ``actor`` None is the platform itself (a completed session).
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
    asks_assessor = False
    if assessor is not None:
        check_assessor(assessor, person, topic, completed_on)
        # Naming someone is not their signature: a person's own claim waits for the assessor.
        asks_assessor = actor is not None and actor.pk == person.pk
        signed_off_at = None if asks_assessor else timezone.now()
    elif assessor_name:
        # A Coach's own competence is signed off by someone else, like everyone's.
        if (
            actor is None
            or actor.pk == person.pk
            or not actor.has_perm("learning.verify_records", person)
        ):
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
        # A completed session records through here with no actor: its facilitator recorded it.
        recorded_by=actor if actor is not None else (facilitator or person),
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
            "assessor": assessor.pk if assessor is not None else None,
            "external_assessor": bool(assessor_name),
            "session": session.pk if session is not None else None,
        },
    )
    if asks_assessor:
        _ask_assessor(learning)
    return learning


def _store_evidence(learning: LearningRecord, checked, stored: list[str]) -> None:
    """Keep the file under a random token; the uploader's name is kept only as a field."""
    learning.evidence_token = secrets.token_urlsafe(24)
    learning.evidence_name = checked.name
    learning.evidence_type = checked.content_type
    learning.evidence.save(learning.evidence_token, ContentFile(checked.data), save=False)
    stored.append(learning.evidence.name)
    learning.save(update_fields=["evidence", "evidence_token", "evidence_name", "evidence_type"])


def _forget(names: list[str]) -> None:
    """Remove files written for a change that did not happen."""
    storage = LearningRecord._meta.get_field("evidence").storage
    for name in names:
        storage.delete(name)


def record_learning(actor, person, *, evidence=None, request=None, **fields) -> LearningRecord:
    """``create_record`` with an optional evidence file, all or nothing."""
    checked = evidence_files.check_evidence(evidence) if evidence else None
    stored: list[str] = []
    try:
        with transaction.atomic():
            learning = create_record(actor, person, request=request, **fields)
            if checked is not None:
                _store_evidence(learning, checked, stored)
    except BaseException:
        _forget(stored)
        raise
    return learning


def attach_evidence(actor, learning: LearningRecord, upload, request=None) -> LearningRecord:
    """Add the evidence file to a record that has none (the person, their Coach or Lead)."""
    if not upload:
        raise DomainError(_("Choose a file."), field=evidence_files.FIELD)
    checked = evidence_files.check_evidence(upload)
    stored: list[str] = []
    try:
        with transaction.atomic():
            learning = (
                LearningRecord.objects.select_for_update(of=("self",))
                .select_related("person")
                .get(pk=learning.pk)
            )
            if not actor.has_perm("learning.record_learning", learning.person):
                raise NotAllowed(_("Only the person, their Coach or Learning Lead add evidence."))
            if learning.withdrawn_at is not None:
                raise DomainError(_("This record was withdrawn, so evidence cannot be added."))
            if learning.evidence:
                raise DomainError(
                    _("This record already has its evidence."), field=evidence_files.FIELD
                )
            _store_evidence(learning, checked, stored)
            audit(
                "learning.evidence_added",
                actor=actor,
                target=learning,
                subject=learning.person,
                request=request,
                detail={"topic": learning.topic_slug, "content_type": checked.content_type},
            )
    except BaseException:
        _forget(stored)
        raise
    return learning


# --- Signing off and withdrawing ----------------------------------------------------------------


@transaction.atomic
def sign_off_record(actor, learning: LearningRecord, request=None) -> LearningRecord:
    """``actor`` confirms they observed the person's competence.

    The assessor the person named, or the Coach or Learning Lead of the person's circle, signs
    off — and only while holding the competence in date on the day it was observed, and never
    for themself.
    """
    learning = (
        LearningRecord.objects.select_for_update(of=("self",))
        .select_related("person__profile")
        .get(pk=learning.pk)
    )
    person = learning.person
    if actor.pk == person.pk:
        raise NotAllowed(_("Nobody signs off their own competence."))
    named = learning.assessor_id == actor.pk
    if not named and not actor.has_perm("learning.verify_records", person):
        raise NotAllowed(
            _("Only the assessor who was asked, or the Coach or Learning Lead, signs this off.")
        )
    if learning.withdrawn_at is not None:
        raise DomainError(_("This record was withdrawn, so it cannot be signed off."))
    if learning.signed_off_at is not None:
        raise DomainError(_("This record is already signed off."))
    topic = topic_for(person, learning.topic_slug)
    if topic is None or not topic.observed:
        raise DomainError(_("This learning does not need an assessor to sign it off."))
    if not holds_competence(actor, topic, learning.completed_on):
        raise DomainError(
            _("You cannot sign this off: you did not hold %(topic)s in date on that day.")
            % {"topic": topic.name}
        )
    learning.assessor = actor
    learning.signed_off_at = timezone.now()
    learning.save(update_fields=["assessor", "signed_off_at"])
    audit(
        "learning.record_signed_off",
        actor=actor,
        target=learning,
        subject=person,
        request=request,
        detail={"topic": learning.topic_slug, "completed_on": learning.completed_on.isoformat()},
    )
    notify(
        person,
        "learning.record_signed_off",
        _("Your competence is signed off: %(topic)s") % {"topic": learning.topic_name},
        body=_("%(assessor)s confirmed they observed you.") % {"assessor": actor},
        url=reverse("learning:record", args=[learning.pk]),
    )
    return learning


@transaction.atomic
def withdraw_record(actor, learning: LearningRecord, reason: str, request=None) -> LearningRecord:
    """Take back a mistaken record: it is kept, marked withdrawn, and no longer counts."""
    learning = (
        LearningRecord.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=learning.pk)
    )
    if not actor.has_perm("learning.record_learning", learning.person):
        raise NotAllowed(_("Only the person, their Coach or Learning Lead withdraw a record."))
    if learning.withdrawn_at is not None:
        raise DomainError(_("This record has already been withdrawn."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why it is withdrawn."), field="reason")
    if len(reason) > MAX_REASON:
        raise DomainError(
            _("Keep the reason to %(n)d characters.") % {"n": MAX_REASON}, field="reason"
        )
    learning.withdrawn_at = timezone.now()
    learning.withdrawn_by = actor
    learning.withdrawn_reason = reason
    learning.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    audit(
        "learning.record_withdrawn",
        actor=actor,
        target=learning,
        subject=learning.person,
        request=request,
        detail={"topic": learning.topic_slug, "was_signed_off": learning.is_signed_off},
    )
    return learning


# --- Reading ------------------------------------------------------------------------------------


def person_name(viewer, person) -> str:
    """How ``viewer`` names ``person`` on their learning: the Coach and Learning Lead always
    know whose learning it is; others by the person's choice for their name."""
    if (
        viewer.pk == person.pk
        or holds_learning_hat_for(viewer, person)
        or can_see_section(viewer, person, Section.NAME)
    ):
        return person.display_name
    return _("this person")


def names_of(viewer, ids) -> dict[int, str]:
    """Names of the people with ``ids`` whose name ``viewer`` may see, in one query (people
    whose name is not shared with the viewer are left out)."""
    ids = {pk for pk in ids if pk}
    if not ids:
        return {}
    people = annotate_visibility(
        User.objects.filter(pk__in=ids).select_related("profile"), viewer, [Section.NAME]
    )
    return {p.pk: str(p) for p in people if p.can_see_name}


def requirements_shown(viewer, person, today: datetime.date | None = None) -> list:
    """``person``'s requirement cells as ``viewer`` may see them.

    Needs-driven topics (``triggered``: dementia, autism, positive behaviour support…) follow
    from the health of the people a worker supports. The person, their Coach and Learning Lead
    see them; someone who sees the learning only through the person's privacy choice does not.
    """
    cells = requirements_of(person, today)
    if viewer.pk == person.pk or holds_learning_hat_for(viewer, person):
        return cells
    return [cell for cell in cells if not cell.topic.triggered]


def record_state(learning: LearningRecord, observed: set[str]) -> tuple[str, str]:
    """(key, words) for a record: withdrawn, waiting for sign-off, or counting."""
    if learning.withdrawn_at is not None:
        return "withdrawn", _("Withdrawn: does not count")
    if is_waiting(learning, observed):
        return "waiting", _("Waiting for sign-off: does not count yet")
    if learning.signed_off_at is not None:
        return "signed_off", _("Signed off")
    return "counts", _("Counts")


# --- The access log -----------------------------------------------------------------------------


def read_learning(viewer, person, what: str, request=None, target=None, **detail) -> None:
    """Log that ``viewer`` read ``person``'s learning (``what``: page, record, evidence, …).

    Reading one's own learning is not logged: the log is about who else looked.
    """
    if viewer is None or viewer.pk == person.pk:
        return
    record_read(
        "learning.records_viewed",
        actor=viewer,
        target=target,
        subject=person,
        request=request,
        # The privacy page counts reads by section, as it does for profile reads.
        detail={"sections": [Section.LEARNING.value], "what": what, **detail},
    )
