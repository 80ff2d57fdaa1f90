"""Care logs: the record that support happened, agreed by both sides (eccoo §2.9 A).

How a log lives
---------------
* ``open_care_logs`` (a periodic job) opens a *pending* log for each confirmed appointment that
  has ended, with the planned times, and asks the people in the visit to confirm it.
* The people in the visit (*participants*) are every giver who joined and the person getting
  support (the team owner). The owner confirms as the receiver; someone acting for the owner
  confirms for them (recorded as the owner's confirmation, given by the representative). They
  confirm in any order; when every participant has confirmed the current version the log is
  *confirmed*, and from then on it never changes.
* ``adjust_care_log``: a participant changes the actual times or the visit note. The version goes
  up, so earlier confirmations no longer count (they stay, for the record); the adjuster's own
  confirmation of the new version is recorded and the others are asked again.
* ``dispute_care_log``: a participant disagrees. The log waits, and the Coach of the team's local
  circle is told; ``resolve_dispute`` (the Coach) sets the agreed times and everyone confirms
  the new version.
* ``correct_care_log``: a confirmed log is never edited. A correction is a new log pointing at it
  (``corrects``); once the correction is confirmed, the original is *superseded*.
* ``auto_confirm_care_logs`` (a periodic job): where the local circle's visit policy sets
  ``auto_confirm_hours``, a pending log nobody has disputed is confirmed on its own that many
  hours after its current version was written. Off by default.

For money
---------
``visits.services.confirmed_logs.confirmed_care_logs`` is the one interface the money
capability invoices and pays from.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from coopcare.audit.services import record
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.teams.selectors import acting_detail
from coopcare.visits import care_log_selectors as selectors
from coopcare.visits.models import (
    Appointment,
    Attendee,
    CareLog,
    CareLogConfirmation,
    Eaten,
    Mood,
    Task,
    VisitPolicy,
)
from coopcare.visits.services.booking import describe_time

MAX_LENGTH = datetime.timedelta(hours=24)
# How far the actual start may be from the planned one: a late or early visit, not another day.
START_WINDOW = datetime.timedelta(days=1)
MAX_NOTES = 5000
MAX_TEXT = 2000
BATCH = 200
TIME_FIELDS = ("started_at", "ended_at")
TEXT_FIELDS = ("food_and_drink", "follow_up", "notes")
NOTE_FIELDS = ("mood", "tasks", "eaten", *TEXT_FIELDS, "water_in_reach", "pendant_in_reach")
FIELDS = (*TIME_FIELDS, *NOTE_FIELDS)


def url_of(log: CareLog) -> str:
    return reverse("visits:log", args=[log.pk])


def _when(log: CareLog) -> str:
    return describe_time(log.appointment.starts_at, log.appointment.ends_at)


def _lock(log: CareLog) -> CareLog:
    return (
        CareLog.objects.select_for_update(of=("self",))
        .select_related("appointment", "team__owner", "team__local_circle")
        .get(pk=log.pk)
    )


def _audit(action: str, actor, log: CareLog, request=None, changes=None, **detail) -> None:
    if actor is not None:
        detail.update(acting_detail(actor, log.team))
    record(
        action,
        actor=actor,
        target=log,
        subject=log.team.owner,
        request=request,
        changes=changes,
        detail=detail,
    )


# --- Checking who and what ----------------------------------------------------------------------


def _require_sides(actor, log: CareLog) -> list[int]:
    sides = selectors.sides_of(actor, log)
    if not sides:
        raise NotAllowed(
            _(
                "Only the people in the visit — the givers who joined it and the person getting "
                "support, or someone acting for them — confirm or change its care log."
            )
        )
    return sides


def _check_open(log: CareLog) -> None:
    """A log changes only while it is pending."""
    if log.status == CareLog.Status.CONFIRMED:
        raise DomainError(
            _(
                "This care log is confirmed and cannot change. If something in it is wrong, "
                "make a correction."
            )
        )
    if log.status == CareLog.Status.SUPERSEDED:
        raise DomainError(_("This care log was replaced by a correction and cannot change."))
    if log.status == CareLog.Status.DISPUTED:
        raise DomainError(
            _(
                "This care log is disputed: the Coach is helping to settle it. Once they have, "
                "everyone confirms it again."
            )
        )


def _check_times(log: CareLog, start, end) -> None:
    if start is None or end is None:
        raise DomainError(_("Say when support started and ended."), field="started_at")
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise DomainError(_("Times must carry a time zone."), field="started_at")
    if end <= start:
        raise DomainError(_("The visit must end after it started."), field="ended_at")
    if end - start > MAX_LENGTH:
        raise DomainError(_("A visit lasts at most 24 hours."), field="ended_at")
    if abs(start - log.appointment.starts_at) > START_WINDOW:
        raise DomainError(
            _("The start must be within a day of the planned start (%(when)s).")
            % {"when": _when(log)},
            field="started_at",
        )
    if end > timezone.now():
        raise DomainError(_("The end cannot be in the future."), field="ended_at")


def _choice(value, allowed, field: str, message: str) -> str:
    value = value or ""
    if value and value not in allowed:
        raise DomainError(message, field=field)
    return value


def _yes_no(value, field: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise DomainError(_("Answer yes or no, or leave it out."), field=field)
    return value


def _clean(log: CareLog, fields: dict[str, Any]) -> dict[str, Any]:
    """The visit note as it would be after ``fields``, checked."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Not part of a care log: {', '.join(sorted(unknown))}")
    values = {name: getattr(log, name) for name in FIELDS}
    values.update(fields)
    _check_times(log, values["started_at"], values["ended_at"])
    values["mood"] = _choice(values["mood"], Mood.values, "mood", _("Choose a mood from the list."))
    values["eaten"] = _choice(
        values["eaten"], Eaten.values, "eaten", _("Choose how much was eaten from the list.")
    )
    tasks = values["tasks"] or []
    if isinstance(tasks, str) or not all(isinstance(t, str) for t in tasks):
        raise DomainError(_("List what was done."), field="tasks")
    unknown_tasks = set(tasks) - set(Task.values)
    if unknown_tasks:
        raise DomainError(
            _("Not something on the list of what was done: %(tasks)s.")
            % {"tasks": ", ".join(sorted(unknown_tasks))},
            field="tasks",
        )
    values["tasks"] = [t for t in Task.values if t in set(tasks)]
    for name in TEXT_FIELDS:
        values[name] = (values[name] or "").strip()
        limit = MAX_NOTES if name == "notes" else MAX_TEXT
        if len(values[name]) > limit:
            raise DomainError(
                _("Keep this to %(limit)s characters.") % {"limit": limit}, field=name
            )
    for name in ("water_in_reach", "pendant_in_reach"):
        values[name] = _yes_no(values[name], name)
    return values


def _apply(log: CareLog, fields: dict[str, Any]) -> tuple[dict, list[str]]:
    """Set the checked ``fields`` on ``log``. Returns the audit ``changes`` (times and choices,
    before and after) and the names of free-text fields that changed (their words stay out of
    the audit log: they are care records, kept in the log's own history)."""
    values = _clean(log, fields)
    changes, texts = {}, []
    for name, value in values.items():
        before = getattr(log, name)
        if before == value:
            continue
        setattr(log, name, value)
        if name in TEXT_FIELDS:
            texts.append(name)
        elif name in TIME_FIELDS:
            changes[name] = [before.isoformat() if before else None, value.isoformat()]
        else:
            changes[name] = [before, value]
    return changes, texts


def _record_confirmations(log: CareLog, actor, sides: list[int]) -> list[int]:
    done = selectors.confirmed_ids(log)
    new = [person_id for person_id in sides if person_id not in done]
    CareLogConfirmation.objects.bulk_create(
        [
            CareLogConfirmation(
                care_log=log, person_id=person_id, confirmed_by=actor, version=log.version
            )
            for person_id in new
        ]
    )
    return new


def _mark_confirmed(log: CareLog, now, *, auto: bool = False) -> None:
    log.status = CareLog.Status.CONFIRMED
    log.confirmed_at = now
    log.auto_confirmed = auto
    log.save(update_fields=["status", "confirmed_at", "auto_confirmed"])
    if log.corrects_id:
        original = CareLog.objects.select_for_update(of=("self",)).get(pk=log.corrects_id)
        original.status = CareLog.Status.SUPERSEDED
        original.save(update_fields=["status"])
        record(
            "visits.care_log_superseded",
            target=original,
            subject=log.team.owner,
            detail={"by": log.pk},
        )


def _settle(log: CareLog) -> bool:
    """Confirm the log once every participant has confirmed its current version."""
    if not set(selectors.participant_ids(log)) <= selectors.confirmed_ids(log):
        return False
    _mark_confirmed(log, timezone.now())
    return True


def _ask_to_confirm(log: CareLog, title: str, body: str = "", skip: tuple = ()) -> None:
    """Tell everyone in the visit who has not confirmed this version (and anyone acting for
    the owner, while the owner's side has not)."""
    done = selectors.confirmed_ids(log)
    people = {}
    if log.team.owner_id not in done:
        for person in selectors.owner_side_people([log.team])[log.team.pk]:
            people[person.pk] = person
    for attendee in selectors.joined_givers(log.appointment_id).select_related("person"):
        if attendee.person_id not in done:
            people.setdefault(attendee.person_id, attendee.person)
    for person in people.values():
        if person.pk not in skip:
            notify(person, "visits.care_log_to_confirm", title, body, url_of(log))


# --- Opening logs when visits end ---------------------------------------------------------------


def open_care_logs(now: datetime.datetime | None = None) -> int:
    """Open a pending log for every confirmed appointment that has ended and has none yet.

    Idempotent: each appointment is marked (``log_opened_at``) in the same transaction that
    opens its log, and the rows are locked while a batch is worked on, so two runs never open
    two logs. Returns how many logs were opened.
    """
    now = now or timezone.now()
    opened = 0
    while True:
        with transaction.atomic():
            batch = list(
                Appointment.objects.select_for_update(of=("self",))
                .filter(
                    status=Appointment.Status.CONFIRMED,
                    ends_at__lte=now,
                    log_opened_at__isnull=True,
                )
                .select_related("team__owner")
                .prefetch_related(
                    Prefetch(
                        "attendees",
                        queryset=Attendee.objects.filter(
                            role=Attendee.Role.GIVER, response=Attendee.Response.JOINED
                        ).select_related("person"),
                        to_attr="joined",
                    )
                )
                .order_by("ends_at", "id")[:BATCH]
            )
            if not batch:
                return opened
            opened += _open_batch(batch, now)


def _open_batch(batch: list[Appointment], now: datetime.datetime) -> int:
    ids = [a.pk for a in batch]
    # A log made some other way (a seed, an import) is kept; only the marker is set.
    have = set(
        CareLog.objects.filter(appointment_id__in=ids, corrects__isnull=True).values_list(
            "appointment_id", flat=True
        )
    )
    fresh = [a for a in batch if a.pk not in have]
    logs = bulk_create_with_history(
        [
            CareLog(
                appointment=a,
                team=a.team,
                started_at=a.starts_at,
                ended_at=a.ends_at,
                created_at=now,
            )
            for a in fresh
        ],
        CareLog,
    )
    Appointment.objects.filter(pk__in=ids).update(log_opened_at=now)
    owner_sides = selectors.owner_side_people({a.team_id: a.team for a in fresh}.values())
    by_id = {a.pk: a for a in fresh}
    for log in logs:
        appointment = by_id[log.appointment_id]
        title = _("Please confirm the care log: %(title)s, %(when)s") % {
            "title": appointment.title,
            "when": describe_time(appointment.starts_at, appointment.ends_at),
        }
        body = _("Check the times and the visit note, then confirm, adjust or say you disagree.")
        people = {p.pk: p for p in owner_sides[appointment.team_id]}
        for attendee in appointment.joined:
            people.setdefault(attendee.person_id, attendee.person)
        for person in people.values():
            notify(person, "visits.care_log_to_confirm", title, body, url_of(log))
    return len(logs)


# --- Confirming, adjusting, disputing -----------------------------------------------------------


@transaction.atomic
def confirm_care_log(actor, log: CareLog, request=None, *, version: int | None = None) -> CareLog:
    """``actor`` says "yes, this happened as written" for their side of the visit.

    Pass the ``version`` the person read: if someone adjusted the log since, nothing is
    confirmed and they are asked to read it again.
    """
    log = _lock(log)
    sides = _require_sides(actor, log)
    _check_open(log)
    if version is not None and version != log.version:
        raise DomainError(
            _("Someone changed this care log since you opened it. Read it again, then confirm."),
            field="version",
        )
    new = _record_confirmations(log, actor, sides)
    if not new:
        raise DomainError(_("You have already confirmed this version of the care log."))
    _audit("visits.care_log_confirmed", actor, log, request, version=log.version, sides=new)
    _settle(log)
    return log


@transaction.atomic
def adjust_care_log(actor, log: CareLog, *, request=None, **fields) -> CareLog:
    """A participant changes the actual times or the visit note: a new version, which they
    confirm by making it; everyone else is asked again."""
    log = _lock(log)
    sides = _require_sides(actor, log)
    _check_open(log)
    changes, texts = _apply(log, fields)
    if not changes and not texts:
        raise DomainError(_("Nothing was changed. If the care log is right, confirm it."))
    log.version += 1
    log.adjusted_by = actor
    log.adjusted_at = timezone.now()
    log.save()
    _record_confirmations(log, actor, sides)
    _audit(
        "visits.care_log_adjusted",
        actor,
        log,
        request,
        changes=changes,
        version=log.version,
        notes_changed=texts,
    )
    if not _settle(log):
        _ask_to_confirm(
            log,
            _("%(person)s changed the care log: %(title)s, %(when)s. Please confirm it again.")
            % {"person": actor, "title": log.appointment.title, "when": _when(log)},
            skip=(actor.pk,),
        )
    return log


@transaction.atomic
def dispute_care_log(actor, log: CareLog, reason: str, request=None) -> CareLog:
    """A participant disagrees with the log: it waits for the Coach of the local circle."""
    log = _lock(log)
    _require_sides(actor, log)
    _check_open(log)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say what you disagree with."), field="reason")
    if len(reason) > MAX_TEXT:
        raise DomainError(
            _("Keep this to %(limit)s characters.") % {"limit": MAX_TEXT}, field="reason"
        )
    log.status = CareLog.Status.DISPUTED
    log.disputed_by = actor
    log.disputed_at = timezone.now()
    log.dispute_reason = reason
    log.save(update_fields=["status", "disputed_by", "disputed_at", "dispute_reason"])
    _audit("visits.care_log_disputed", actor, log, request, version=log.version)
    what = {"title": log.appointment.title, "when": _when(log), "team": log.team.name}
    # The reason stays on the page: notifications may be emailed.
    for person in selectors.settlers_of(log.team):
        notify(
            person,
            "visits.care_log_disputed",
            _("A care log in %(team)s needs your help: %(title)s, %(when)s") % what,
            _("The people in the visit disagree about what happened. Open the log to read why."),
            url_of(log),
        )
    people = {p.pk: p for p in selectors.owner_side_people([log.team])[log.team.pk]}
    for attendee in selectors.joined_givers(log.appointment_id).select_related("person"):
        people.setdefault(attendee.person_id, attendee.person)
    for person in people.values():
        if person.pk != actor.pk:
            notify(
                person,
                "visits.care_log_disputed",
                _("%(person)s disagrees with the care log: %(title)s, %(when)s")
                % {"person": actor, **what},
                _("The Coach of the local circle will help you agree on what happened."),
                url_of(log),
            )
    return log


@transaction.atomic
def resolve_dispute(
    actor,
    log: CareLog,
    outcome_note: str,
    started_at: datetime.datetime | None = None,
    ended_at: datetime.datetime | None = None,
    request=None,
) -> CareLog:
    """The Coach settles a dispute: the agreed times (if they change), a note of what was
    agreed, and a new version for everyone in the visit to confirm."""
    log = _lock(log)
    if not selectors.settles_disputes(actor, log.team):
        raise NotAllowed(
            _("Only the Coach of the team's local circle settles a disputed care log.")
        )
    if log.status != CareLog.Status.DISPUTED:
        raise DomainError(_("This care log is not disputed."))
    note = (outcome_note or "").strip()
    if not note:
        raise DomainError(_("Write down what was agreed."), field="outcome_note")
    if len(note) > MAX_TEXT:
        raise DomainError(
            _("Keep this to %(limit)s characters.") % {"limit": MAX_TEXT}, field="outcome_note"
        )
    times = {"started_at": started_at, "ended_at": ended_at}
    changes, _texts = _apply(log, {k: v for k, v in times.items() if v is not None})
    log.version += 1
    log.status = CareLog.Status.PENDING
    log.adjusted_by = actor
    log.adjusted_at = timezone.now()
    log.save()
    _audit(
        selectors.RESOLVED,
        actor,
        log,
        request,
        changes=changes,
        version=log.version,
        outcome_note=note,
    )
    _ask_to_confirm(
        log,
        _("The Coach has settled the care log: %(title)s, %(when)s. Please confirm it again.")
        % {"title": log.appointment.title, "when": _when(log)},
        _("Open the log to read what was agreed."),
    )
    return log


@transaction.atomic
def correct_care_log(actor, log: CareLog, *, reason: str = "", request=None, **fields) -> CareLog:
    """A confirmed log is never changed: a participant makes a new, linked log instead, which
    everyone confirms. The original stands until they have, then it is superseded."""
    log = _lock(log)
    sides = _require_sides(actor, log)
    if log.status == CareLog.Status.SUPERSEDED:
        raise DomainError(
            _("This care log was already replaced by a correction: correct that one instead.")
        )
    if log.status != CareLog.Status.CONFIRMED:
        raise DomainError(
            _("Only a confirmed care log is corrected. Until then, adjust it instead.")
        )
    if selectors.open_correction(log) is not None:
        raise DomainError(_("A correction of this care log is already waiting for confirmation."))
    reason = (reason or "").strip()
    if len(reason) > MAX_TEXT:
        raise DomainError(
            _("Keep this to %(limit)s characters.") % {"limit": MAX_TEXT}, field="reason"
        )
    correction = CareLog(
        appointment=log.appointment,
        team=log.team,
        corrects=log,
        **{name: getattr(log, name) for name in FIELDS},
    )
    changes, texts = _apply(correction, fields)
    if not changes and not texts:
        raise DomainError(_("Nothing was changed, so there is nothing to correct."))
    correction.adjusted_by = actor
    correction.adjusted_at = timezone.now()
    correction.save()
    _record_confirmations(correction, actor, sides)
    _audit(
        "visits.care_log_corrected",
        actor,
        correction,
        request,
        changes=changes,
        corrects=log.pk,
        notes_changed=texts,
        reason=reason,
    )
    if not _settle(correction):
        _ask_to_confirm(
            correction,
            _("%(person)s corrected the care log: %(title)s, %(when)s. Please confirm it.")
            % {"person": actor, "title": log.appointment.title, "when": _when(log)},
            skip=(actor.pk,),
        )
    return correction


# --- Confirming on its own ----------------------------------------------------------------------


def auto_confirm_care_logs(now: datetime.datetime | None = None) -> int:
    """Where a circle's visit policy says so, confirm pending logs nobody has disputed once
    their current version is ``auto_confirm_hours`` old. Returns how many were confirmed.

    A log that was ever disputed is left for people to confirm: after a disagreement, silence is
    not agreement.
    """
    now = now or timezone.now()
    confirmed = 0
    for policy in VisitPolicy.objects.filter(auto_confirm_hours__isnull=False):
        cutoff = now - datetime.timedelta(hours=policy.auto_confirm_hours)
        due = (
            CareLog.objects.filter(
                team__local_circle_id=policy.circle_id,
                status=CareLog.Status.PENDING,
                disputed_at__isnull=True,
            )
            .alias(written=Coalesce("adjusted_at", "created_at"))
            .filter(written__lte=cutoff)
            .values_list("pk", flat=True)
        )
        for pk in list(due):
            confirmed += _auto_confirm(pk, cutoff, now, policy.auto_confirm_hours)
    return confirmed


@transaction.atomic
def _auto_confirm(pk: int, cutoff, now, hours: int) -> int:
    log = _lock(CareLog(pk=pk))
    written = log.adjusted_at or log.created_at
    # Someone may have confirmed, adjusted or disputed it since the list was read.
    if log.status != CareLog.Status.PENDING or log.disputed_at or written > cutoff:
        return 0
    _mark_confirmed(log, now, auto=True)
    _audit("visits.care_log_auto_confirmed", None, log, version=log.version, after_hours=hours)
    return 1
