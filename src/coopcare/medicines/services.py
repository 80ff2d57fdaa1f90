"""Keeping the medicines list, recording doses, and alerting about missed time-critical doses.

The MAR Holder or the owner's side keeps the list; nothing on it is ever deleted (a medicine is
stopped, and django-simple-history keeps every earlier version). A dose is recorded once, by a
giver at a visit with medicines support that covers it or by the MAR Holder; a second record of
the same dose is refused, so the chart never holds two answers to "was it given?".
"""

import datetime
import re
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.audit.services import diff, record
from coopcare.errors import DomainError, NotAllowed
from coopcare.medicines import selectors
from coopcare.medicines.models import DoseRecord, Medicine, MissedDoseAlert
from coopcare.notifications.services import notify
from coopcare.teams.models import MemberKind, Team
from coopcare.teams.selectors import acting_detail, owner_side
from coopcare.visits.models import Attendee
from coopcare.visits.selectors import givers_of, membership_of

MIN_WINDOW, MAX_WINDOW = 5, selectors.MAX_WINDOW
MAX_NAME, MAX_DOSE, MAX_INSTRUCTIONS, MAX_REASON = 150, 100, 2000, 300
MAX_TIMES = 24
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
MEDICINES = "medicines"
FIELDS = ["name", "dose", "times", "time_critical", "window_minutes", "instructions"]
FIELDS += ["starts_on", "stops_on"]


def chart_url(team: Team, day: datetime.date) -> str:
    return f"{reverse('medicines:chart', args=[team.pk])}?day={day.isoformat()}"


def _audit(action: str, actor, target, team: Team, request=None, **detail) -> None:
    detail.update(acting_detail(actor, team))
    record(action, actor=actor, target=target, subject=team.owner, request=request, detail=detail)


# --- Checking a medicine ------------------------------------------------------------------------


def clean_times(values: Iterable[str] | str) -> list[str]:
    """ "HH:MM" times, in order, each once; "8:00" is read as "08:00"."""
    if isinstance(values, str):
        values = re.split(r"[\s,;]+", values)
    times = []
    for raw in values:
        value = str(raw).strip()
        if not value:
            continue
        match = TIME.match(value)
        if match is None:
            raise DomainError(
                _("“%(value)s” is not a time: write times like 08:00 or 18:30.") % {"value": value},
                field="times",
            )
        value = f"{int(match[1]):02d}:{match[2]}"
        if value in times:
            raise DomainError(
                _("%(value)s is there twice: give each time once.") % {"value": value},
                field="times",
            )
        times.append(value)
    if not times:
        raise DomainError(_("Give at least one time each day, like 08:00."), field="times")
    if len(times) > MAX_TIMES:
        raise DomainError(_("Give at most 24 times a day."), field="times")
    return sorted(times)


def _text(value: str, field: str, limit: int, required: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(required, field=field)
    if len(value) > limit:
        raise DomainError(_("Keep this to %(n)d characters or fewer.") % {"n": limit}, field=field)
    return value


def clean_medicine(fields: dict) -> dict:
    """Check and tidy the fields of a medicine; raise ``DomainError`` naming the field at fault."""
    cleaned = dict(fields)
    if "name" in fields:
        cleaned["name"] = _text(
            fields["name"], "name", MAX_NAME, _("Say which medicine, like “Metformin”.")
        )
    if "dose" in fields:
        cleaned["dose"] = _text(
            fields["dose"], "dose", MAX_DOSE, _("Say how much, like “2 tablets” or “5 ml”.")
        )
    if "times" in fields:
        cleaned["times"] = clean_times(fields["times"] or [])
    if "window_minutes" in fields:
        window = fields["window_minutes"]
        if window is None or not MIN_WINDOW <= int(window) <= MAX_WINDOW:
            raise DomainError(
                _("How late a dose may be: between 5 and 240 minutes."), field="window_minutes"
            )
        cleaned["window_minutes"] = int(window)
    if "instructions" in fields:
        cleaned["instructions"] = _text(fields["instructions"], "instructions", MAX_INSTRUCTIONS)
    if "time_critical" in fields:
        cleaned["time_critical"] = bool(fields["time_critical"])
    if "starts_on" in fields and fields["starts_on"] is None:
        raise DomainError(_("Say from which day it is given."), field="starts_on")
    return cleaned


def _check_dates(starts_on: datetime.date, stops_on: datetime.date | None) -> None:
    if stops_on is not None and stops_on < starts_on:
        raise DomainError(_("The last day cannot be before the first."), field="stops_on")


def _check_manager(actor, team: Team) -> None:
    if not actor.has_perm("medicines.manage_mar", team):
        raise NotAllowed(
            _("Only the MAR Holder, the owner or someone acting for them keeps the medicines list.")
        )


# --- Keeping the list ---------------------------------------------------------------------------


@transaction.atomic
def create_medicine(
    actor,
    team: Team,
    *,
    name: str,
    dose: str,
    times: Iterable[str] | str,
    time_critical: bool = False,
    window_minutes: int = 30,
    instructions: str = "",
    starts_on: datetime.date | None = None,
    stops_on: datetime.date | None = None,
    request=None,
) -> Medicine:
    """Add a medicine to the person's list."""
    _check_manager(actor, team)
    fields = clean_medicine(
        {
            "name": name,
            "dose": dose,
            "times": times,
            "time_critical": time_critical,
            "window_minutes": window_minutes,
            "instructions": instructions,
            "starts_on": starts_on or timezone.localdate(),
        }
    )
    _check_dates(fields["starts_on"], stops_on)
    medicine = Medicine.objects.create(team=team, stops_on=stops_on, created_by=actor, **fields)
    _audit(
        "medicines.medicine_added",
        actor,
        medicine,
        team,
        request,
        times=medicine.times,
        time_critical=medicine.time_critical,
    )
    return medicine


def _lock(medicine: Medicine) -> Medicine:
    return (
        Medicine.objects.select_for_update(of=("self",))
        .select_related("team__owner")
        .get(pk=medicine.pk)
    )


def _state(medicine: Medicine) -> dict:
    state = {name: getattr(medicine, name) for name in FIELDS}
    for name in ("starts_on", "stops_on"):
        state[name] = state[name].isoformat() if state[name] else None
    return state


@transaction.atomic
def update_medicine(actor, medicine: Medicine, request=None, **changes) -> Medicine:
    """Change a medicine on the list (any of ``FIELDS``); a stopped one is added again instead.

    Doses already recorded keep their record; a changed time only changes the doses still to
    come (the chart keeps showing the records of the old times).
    """
    _check_manager(actor, medicine.team)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise DomainError(_("These cannot be changed: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    medicine = _lock(medicine)
    if selectors.is_stopped(medicine):
        raise DomainError(
            _("This medicine was stopped on %(day)s. Add it again if it starts again.")
            % {"day": date_format(medicine.stops_on, "j F Y")}
        )
    changes = clean_medicine(changes)
    before = _state(medicine)
    for name, value in changes.items():
        setattr(medicine, name, value)
    _check_dates(medicine.starts_on, medicine.stops_on)
    changed = diff(before, _state(medicine))
    if not changed:
        return medicine
    medicine.save(update_fields=list(changed))
    record(
        "medicines.medicine_changed",
        actor=actor,
        target=medicine,
        subject=medicine.team.owner,
        request=request,
        changes=changed,
        detail=acting_detail(actor, medicine.team),
    )
    return medicine


@transaction.atomic
def stop_medicine(
    actor, medicine: Medicine, stops_on: datetime.date | None = None, request=None
) -> Medicine:
    """Stop a medicine: ``stops_on`` (today by default) is the last day a dose is due.

    Nothing is deleted: the medicine moves to the stopped list with its records.
    """
    _check_manager(actor, medicine.team)
    medicine = _lock(medicine)
    today = timezone.localdate()
    if selectors.is_stopped(medicine, today):
        raise DomainError(
            _("This medicine was already stopped on %(day)s.")
            % {"day": date_format(medicine.stops_on, "j F Y")}
        )
    stops_on = stops_on or today
    if stops_on < medicine.starts_on:
        raise DomainError(
            _("It starts on %(day)s, so it cannot stop before then.")
            % {"day": date_format(medicine.starts_on, "j F Y")},
            field="stops_on",
        )
    before = medicine.stops_on
    medicine.stops_on = stops_on
    medicine.save(update_fields=["stops_on"])
    _audit(
        "medicines.medicine_stopped",
        actor,
        medicine,
        medicine.team,
        request,
        stops_on=stops_on.isoformat(),
        before=before.isoformat() if before else None,
    )
    return medicine


# --- Recording a dose ---------------------------------------------------------------------------


def _check_recorder(actor, medicine: Medicine, appointment) -> None:
    """Who may record a dose of ``medicine``, at ``appointment`` or without one (403 if not)."""
    team = medicine.team
    member = membership_of(team, actor)
    if member is not None and member.kind == MemberKind.VOLUNTEER:
        raise NotAllowed(_("Volunteers never give or record medicines."))
    holder = selectors.wears_mar_holder_hat(actor, team)
    if appointment is None:
        if not holder:
            raise NotAllowed(
                _(
                    "Only a giver at a visit with help with medicines, or the MAR Holder, records "
                    "a dose. Record it from the visit you gave it at."
                )
            )
        return
    if appointment.team_id != team.pk:
        raise DomainError(_("That appointment is not one of this team's."), field="appointment")
    if holder:
        return
    joined = any(
        a.person_id == actor.pk and a.response == Attendee.Response.JOINED
        for a in givers_of(appointment)
    )
    if member is None or not joined or not actor.has_perm("medicines.record_dose", appointment):
        raise NotAllowed(
            _("Only a giver who has joined this visit, or the MAR Holder, records its doses.")
        )


def _check_appointment_covers(appointment, medicine: Medicine, due_at: datetime.datetime) -> None:
    if appointment.is_cancelled:
        raise DomainError(_("That appointment was cancelled."), field="appointment")
    if MEDICINES not in (appointment.support_kinds or []):
        raise DomainError(
            _("That visit does not include help with medicines."), field="appointment"
        )
    window = datetime.timedelta(minutes=medicine.window_minutes)
    if not appointment.starts_at - window <= due_at <= appointment.ends_at + window:
        raise DomainError(
            _("This dose is not due during that visit, so it cannot be recorded there."),
            field="due_at",
        )


def _already_recorded(actor, existing: DoseRecord) -> DomainError:
    who = existing.recorded_by
    name = str(who) if who.pk in selectors.visible_names(actor, {who.pk}) else _("someone")
    if who.pk == actor.pk:
        name = _("you")
    return DomainError(
        _("This dose was already recorded by %(who)s at %(time)s.")
        % {"who": name, "time": f"{timezone.localtime(existing.recorded_at):%H:%M}"},
        field="due_at",
    )


def _existing(medicine: Medicine, due_at: datetime.datetime) -> DoseRecord | None:
    return (
        DoseRecord.objects.filter(medicine=medicine, due_at=due_at)
        .select_related("recorded_by__profile")
        .first()
    )


@transaction.atomic
def record_dose(
    actor,
    medicine: Medicine,
    due_at: datetime.datetime,
    outcome: str,
    reason: str = "",
    appointment=None,
    request=None,
) -> DoseRecord:
    """Record what happened to one due dose: given, refused, or not given (with the reason).

    A dose is recorded once; a mistake is not corrected here (see docs/medicines.md) — that is a
    matter for the MAR Holder and the care notes, so the record of who said what stands.
    """
    _check_recorder(actor, medicine, appointment)
    if outcome not in DoseRecord.Outcome.values:
        raise DomainError(_("Choose given, refused or not given."), field="outcome")
    reason = _text(reason, "reason", MAX_REASON)
    if outcome != DoseRecord.Outcome.GIVEN and not reason:
        raise DomainError(_("Say why the dose was refused or not given."), field="reason")
    if due_at is None or timezone.is_naive(due_at):
        raise DomainError(_("Say which dose, with its time zone."), field="due_at")
    if not selectors.is_due_time(medicine, due_at):
        raise DomainError(_("This medicine has no dose due then."), field="due_at")
    if appointment is not None:
        _check_appointment_covers(appointment, medicine, due_at)
    opens = due_at - datetime.timedelta(minutes=medicine.window_minutes)
    if timezone.now() < opens:
        raise DomainError(
            _("This dose is not due yet: record it from %(time)s.")
            % {"time": f"{timezone.localtime(opens):%H:%M}"},
            field="due_at",
        )
    existing = _existing(medicine, due_at)
    if existing is not None:
        raise _already_recorded(actor, existing)
    try:
        with transaction.atomic():
            dose = DoseRecord.objects.create(
                medicine=medicine,
                due_at=due_at,
                appointment=appointment,
                outcome=outcome,
                reason=reason,
                recorded_by=actor,
            )
    except IntegrityError:
        # Someone recorded the same dose a moment ago (the unique constraint).
        existing = _existing(medicine, due_at)
        if existing is None:
            raise
        raise _already_recorded(actor, existing) from None
    _audit(
        "medicines.dose_recorded",
        actor,
        dose,
        medicine.team,
        request,
        medicine=medicine.pk,
        due_at=due_at.isoformat(),
        outcome=outcome,
        appointment=appointment.pk if appointment is not None else None,
    )
    return dose


# --- Missed time-critical doses -----------------------------------------------------------------


def _missed(now: datetime.datetime) -> list[selectors.Dose]:
    """Time-critical doses due in the last 24 hours whose window has closed with no record and
    no alert yet. Three queries, however many teams."""
    since = now - datetime.timedelta(hours=24)
    days = selectors.days_between(since, now)
    medicines = list(
        selectors.active_between(
            Medicine.objects.filter(time_critical=True).exclude(team__status=Team.Status.CLOSED),
            days[0],
            days[-1],
        ).select_related("team__owner")
    )
    ids = [m.pk for m in medicines]
    utc = selectors.UTC
    seen = {
        (medicine_id, due.astimezone(utc))
        for model in (DoseRecord, MissedDoseAlert)
        for medicine_id, due in model.objects.filter(
            medicine_id__in=ids, due_at__gte=since, due_at__lt=now
        ).values_list("medicine_id", "due_at")
    }
    missed = []
    for medicine in medicines:
        for day in days:
            for due in selectors.due_times(medicine, day):
                dose = selectors.Dose(medicine, due, None)
                # A dose due before the medicine was on the list was nobody's to give.
                if (
                    since <= due
                    and due >= medicine.created_at
                    and dose.overdue(now)
                    and (medicine.pk, due.astimezone(utc)) not in seen
                ):
                    missed.append(dose)
    return missed


def _alert(dose: selectors.Dose, people: list) -> bool:
    medicine, due = dose.medicine, dose.due_at
    try:
        with transaction.atomic():
            alert = MissedDoseAlert.objects.create(medicine=medicine, due_at=due)
    except IntegrityError:
        return False  # another run alerted about it first
    team = medicine.team
    record(
        "medicines.missed_dose_alerted",
        target=alert,
        subject=team.owner,
        detail={"medicine": medicine.pk, "due_at": due.isoformat()},
    )
    # The medicine's name stays on the site: notifications are emailed.
    title = _("%(team)s: a time-critical dose due at %(time)s was not recorded") % {
        "team": team.name,
        "time": f"{due:%H:%M}",
    }
    body = _(
        "Nobody recorded it within %(n)d minutes. Check with the person and the giver, and look "
        "at the MAR chart."
    ) % {"n": medicine.window_minutes}
    for person in people:
        notify(person, "medicines.missed_dose", title, body, chart_url(team, due.date()))
    return True


def alert_missed_doses(now: datetime.datetime | None = None) -> int:
    """Periodic job: alert the owner's side and the MAR Holder(s) once about each time-critical
    dose not recorded within its window. Idempotent; returns how many alerts it raised."""
    now = now or timezone.now()
    audiences: dict[int, list] = {}
    raised = 0
    for dose in _missed(now):
        team = dose.medicine.team
        if team.pk not in audiences:
            people = {p.pk: p for p in owner_side(team, "arrange_support")}
            for person in selectors.mar_holders(team):
                people.setdefault(person.pk, person)
            audiences[team.pk] = list(people.values())
        with transaction.atomic():
            raised += _alert(dose, audiences[team.pk])
    return raised
