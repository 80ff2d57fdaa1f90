"""Recurring appointments: making a series and its occurrences, and changes to one visit or to
the rest.

The rule and its wall-clock time are ``recurrence_rules``. Occurrences become ``Appointment`` rows
up to ``HORIZON`` ahead; ``extend_series`` (a periodic job) keeps the horizon rolling. Each row
remembers the start the rule gave it (``occurrence_key``), so making rows again never duplicates
one, never brings back a cancelled one and never overwrites one changed on its own
(``detached``).

Confirmed visits change only by consent (change requests, another module): here an arranger
changes or cancels an occurrence nobody has confirmed yet, stops a series (the owner's side may
cancel confirmed visits outright), or changes it from one occurrence on — which is refused while
any of those visits is confirmed.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coopcare.audit.services import diff, record
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.starting.gates import check_team_support_allowed
from coopcare.teams.models import Team
from coopcare.teams.selectors import acting_detail
from coopcare.visits import selectors
from coopcare.visits.models import Appointment, Attendee, Series
from coopcare.visits.services import booking
from coopcare.visits.services.recurrence_rules import (
    MAX_SPAN,
    carry_on,
    compiled,
    describe,
    local_start,
    occurrence_starts,
    parse_rule,
    wall_clock,
)

# Occurrences exist as rows this far ahead; the periodic job moves the horizon on.
HORIZON = datetime.timedelta(weeks=12)
# The job extends a series a week at a time, so givers hear of new visits once a week.
EXTEND_STEP = datetime.timedelta(weeks=1)
MAX_MINUTES = 24 * 60


def url_of(series: Series) -> str:
    return reverse("visits:series", args=[series.pk])


# --- Making a series and its occurrences --------------------------------------------------------


def _check_arranger(actor, team: Team) -> None:
    if actor is None or not actor.has_perm("visits.arrange", team):
        raise NotAllowed(
            _("Only the owner, someone acting for them, or the Rota Holder arranges visits.")
        )


def _check_length(minutes) -> int:
    if not isinstance(minutes, int) or not 0 < minutes <= MAX_MINUTES:
        raise DomainError(_("A visit lasts from 1 minute to 24 hours."), field="duration_minutes")
    return minutes


def _audit(action: str, actor, series: Series, request=None, **detail) -> None:
    record(
        action,
        actor=actor,
        target=series,
        subject=series.team.owner,
        request=request,
        detail={**detail, **acting_detail(actor, series.team)},
    )


def _eligible_people(series: Series) -> tuple[list, list]:
    """The series' givers and observers who may still take part (people leave teams)."""
    givers = []
    for person in series.givers.all():
        try:
            booking.check_giver(series.team, person, series.support_kinds)
        except DomainError:
            continue
        givers.append(person)
    observers = [
        person
        for person in series.observers.all()
        if person not in givers and selectors.membership_of(series.team, person) is not None
    ]
    if not givers:
        raise DomainError(_("Nobody who gives support in this series is still in the team."))
    return givers, observers


def _materialise(series: Series, actor, *, now, until) -> list[Appointment]:
    """Make the rows for occurrences starting after ``now`` up to ``until`` that have none."""
    givers, observers = _eligible_people(series)
    starts = [
        start
        for start in occurrence_starts(compiled(series), now, until)
        if start > now and (series.ends_at is None or start < series.ends_at)
    ]
    existing = set(
        series.appointments.filter(occurrence_key__in=starts).values_list(
            "occurrence_key", flat=True
        )
    )
    length = datetime.timedelta(minutes=series.duration_minutes)
    made = []
    for start in starts:
        if start in existing:
            continue
        try:
            made.append(
                booking.create_appointment(
                    actor,
                    series.team,
                    title=series.title,
                    starts_at=start,
                    ends_at=start + length,
                    place=series.place,
                    place_detail=series.place_detail,
                    support_kinds=series.support_kinds,
                    givers=givers,
                    observers=observers,
                    series=series,
                    occurrence_key=start,
                    notify_people=False,
                )
            )
        except IntegrityError:
            # Another run made this occurrence a moment ago: the unique key keeps one row.
            continue
    series.generated_until = max(until, series.generated_until or until)
    series.save(update_fields=["generated_until"])
    return made


def _people(ids: Iterable) -> list:
    from coopcare.members.models import User

    wanted = list(dict.fromkeys(ids))
    found = {p.pk: p for p in User.objects.filter(pk__in=[i for i in wanted if isinstance(i, int)])}
    return [found.get(pk, pk) for pk in wanted]


def _check_people(team: Team, givers: list, observers: list, kinds: list[str]) -> None:
    if not givers:
        raise DomainError(_("Choose at least one person to give support."), field="givers")
    for person in givers:
        if not hasattr(person, "pk"):
            raise DomainError(
                _("Person %(id)s is not a member of this team who gives support.") % {"id": person},
                field="givers",
            )
        booking.check_giver(team, person, kinds)
    for person in observers:
        if not hasattr(person, "pk"):
            raise DomainError(
                _("Person %(id)s is not in this team, so cannot observe.") % {"id": person},
                field="observers",
            )
        if person in givers:
            raise DomainError(
                _("%(person)s cannot both give support and observe.") % {"person": person},
                field="observers",
            )
        booking.check_observer(team, person)


@transaction.atomic
def create_series(
    actor,
    team: Team,
    *,
    title: str,
    rule: str,
    first_start: datetime.datetime,
    duration_minutes: int,
    place: str,
    support_kinds: Iterable[str],
    givers: Iterable = (),
    observers: Iterable = (),
    place_detail: str = "",
    request=None,
) -> Series:
    """Make a recurring appointment and its occurrences up to the horizon.

    The same people book it, behind the same gates, as a single appointment. Each giver is asked
    once for the whole series (one notification) and joins each visit, or all at once.
    ``givers``/``observers`` are people or their ids.
    """
    _check_arranger(actor, team)
    kinds = booking.check_details(title, place, support_kinds)
    check_team_support_allowed(team, kinds)
    minutes = _check_length(duration_minutes)
    if first_start is None or timezone.is_naive(first_start):
        raise DomainError(_("Say when the first visit starts, with its time zone."), "first_start")
    if first_start <= timezone.now():
        raise DomainError(_("Choose a first visit in the future."), field="first_start")
    first_start = first_start.replace(microsecond=0)
    givers = _people(p.pk if hasattr(p, "pk") else p for p in givers)
    observers = _people(p.pk if hasattr(p, "pk") else p for p in observers)
    _check_people(team, givers, observers, kinds)
    checked = parse_rule(rule, first_start)
    series = Series.objects.create(
        team=team,
        title=title.strip(),
        rule=checked.text,
        first_start=first_start,
        duration_minutes=minutes,
        place=place,
        place_detail=place_detail.strip()[:200],
        support_kinds=kinds,
        created_by=actor,
    )
    series.givers.set(givers)
    series.observers.set(observers)
    now = timezone.now()
    made = _materialise(series, actor, now=now, until=now + HORIZON)
    _audit(
        "visits.series_created",
        actor,
        series,
        request,
        rule=series.rule,
        first_start=first_start.isoformat(),
        occurrences=len(made),
        givers=[p.pk for p in givers],
        observers=[p.pk for p in observers],
    )
    pattern = describe(series)
    for person in givers:
        notify(
            person,
            "visits.asked_to_join",
            _("Can you give support? %(title)s: %(pattern)s")
            % {"title": series.title, "pattern": pattern},
            _("Join the visits of %(team)s one by one, or all at once on the series page.")
            % {"team": team.name},
            url_of(series),
        )
    for person in observers:
        notify(
            person,
            "visits.asked_to_join",
            _("You are invited to observe: %(title)s, %(pattern)s")
            % {"title": series.title, "pattern": pattern},
            url=url_of(series),
        )
    return series


def extend_series(now: datetime.datetime | None = None) -> int:
    """Periodic job: make the rows of every live series up to the horizon; returns how many.

    A series is extended a week at a time (when its rows reach less than ``HORIZON`` minus
    ``EXTEND_STEP`` ahead), so each giver hears about new visits at most once a week, however
    often the job runs. Idempotent: an occurrence that has a row (cancelled or changed on its own
    included) is never made again. A series whose team may no longer book it (the Promise, a
    gate, nobody left to give support) is skipped until it may.
    """
    now = now or timezone.now()
    horizon = now + HORIZON
    live = (
        Series.objects.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .filter(Q(generated_until__isnull=True) | Q(generated_until__lt=horizon - EXTEND_STEP))
        # Every series ends within two years of its first visit.
        .filter(first_start__gt=now - MAX_SPAN - datetime.timedelta(days=1))
        .exclude(team__status=Team.Status.CLOSED)
        .select_related("team__owner")
        .order_by("pk")
    )
    made = 0
    for series in live:
        try:
            with transaction.atomic():
                check_team_support_allowed(series.team, series.support_kinds)
                rows = _materialise(series, None, now=now, until=horizon)
                _tell_givers_of_new_visits(series, rows)
        except DomainError:
            continue
        made += len(rows)
    return made


def _tell_givers_of_new_visits(series: Series, rows: list[Appointment]) -> None:
    if not rows:
        return
    asked = Attendee.objects.filter(appointment=rows[0], role=Attendee.Role.GIVER)
    for attendee in asked.select_related("person"):
        notify(
            attendee.person,
            "visits.asked_to_join",
            ngettext(
                "%(n)s more visit of %(title)s is waiting for your answer",
                "%(n)s more visits of %(title)s are waiting for your answer",
                len(rows),
            )
            % {"n": len(rows), "title": series.title},
            _("Join them one by one, or all at once on the series page."),
            url_of(series),
        )


# --- One occurrence -----------------------------------------------------------------------------


def _lock(appointment: Appointment) -> Appointment:
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("team__owner", "team__circle", "series")
        .get(pk=appointment.pk)
    )


def _check_changeable(actor, appointment: Appointment) -> None:
    _check_arranger(actor, appointment.team)
    if appointment.series_id is None:
        raise DomainError(_("This appointment does not repeat: change it on its own page."))
    booking.check_not_over(appointment)
    if appointment.status == Appointment.Status.CONFIRMED:
        raise DomainError(
            _(
                "This visit is confirmed, so changing it needs the agreement of everyone it "
                "affects: ask for a change instead."
            )
        )


@transaction.atomic
def edit_occurrence(
    actor,
    appointment: Appointment,
    *,
    title: str | None = None,
    place: str | None = None,
    place_detail: str | None = None,
    starts_at: datetime.datetime | None = None,
    ends_at: datetime.datetime | None = None,
    request=None,
) -> Appointment:
    """Change one visit of a series that nobody has confirmed yet; the rest stay as they are.

    The visit is marked ``detached`` so that the series never overwrites it. Given only a new
    start, it keeps its length.
    """
    appointment = _lock(appointment)
    _check_changeable(actor, appointment)
    before = {
        "title": appointment.title,
        "place": appointment.place,
        "place_detail": appointment.place_detail,
    }
    after = {
        "title": before["title"] if title is None else title.strip(),
        "place": before["place"] if place is None else place,
        "place_detail": before["place_detail"] if place_detail is None else place_detail.strip(),
    }
    booking.check_details(after["title"], after["place"], appointment.support_kinds)
    after["place_detail"] = after["place_detail"][:200]
    new_start = starts_at or appointment.starts_at
    new_end = ends_at or new_start + (appointment.ends_at - appointment.starts_at)
    moved = (new_start, new_end) != (appointment.starts_at, appointment.ends_at)
    changes = diff(before, after)
    if not changes and not moved:
        raise DomainError(_("Nothing was changed."))
    if moved:
        booking.move(appointment, new_start, new_end, actor, request)
    if changes:
        for name, value in after.items():
            setattr(appointment, name, value)
        appointment.detached = True
        appointment.updated_at = timezone.now()
        appointment.save(update_fields=[*after, "detached", "updated_at"])
        booking._audit("visits.occurrence_changed", actor, appointment, request, changes=changes)
    when = booking.describe_time(appointment.starts_at, appointment.ends_at)
    for person in _attending(appointment):
        if person.pk != actor.pk:
            notify(
                person,
                "visits.changed",
                _("Changed: %(title)s, %(when)s") % {"title": appointment.title, "when": when},
                _("Only this visit changed; the rest of the series stays as it was."),
                booking.url_of(appointment),
            )
    return appointment


def _attending(appointment: Appointment) -> list:
    people = {a.person_id: a.person for a in appointment.attendees.select_related("person")}
    for person in booking.arrangers(appointment.team):
        people.setdefault(person.pk, person)
    return list(people.values())


@transaction.atomic
def cancel_occurrence(actor, appointment: Appointment, reason: str = "", request=None) -> None:
    """Cancel one visit of a series that nobody has confirmed yet; the others go ahead."""
    appointment = _lock(appointment)
    _check_changeable(actor, appointment)
    reason = (reason or "").strip()
    if len(reason) > 500:
        raise DomainError(_("Keep the reason to 500 characters."), field="reason")
    booking.cancel(
        appointment,
        actor,
        reason,
        late=booking.is_late_cancellation(appointment),
        request=request,
    )


# --- The whole series ---------------------------------------------------------------------------


def _lock_series(series: Series) -> Series:
    return (
        Series.objects.select_for_update(of=("self",))
        .select_related("team__owner", "team__circle")
        .get(pk=series.pk)
    )


def _cancel_quietly(appointment: Appointment, actor, reason: str, request=None) -> None:
    """``booking.cancel`` without a notification per visit: the caller sends one summary."""
    booking.cancel(
        appointment,
        actor,
        reason,
        late=booking.is_late_cancellation(appointment),
        request=request,
        notify_people=False,
    )


def _tell(people: dict, actor, kind: str, title: str, body: str, url: str) -> None:
    for person in people.values():
        if actor is None or person.pk != actor.pk:
            notify(person, kind, title, body, url)


@dataclass
class Stopped:
    cancelled: list[Appointment]
    # Confirmed visits the actor may not cancel outright: each needs a change request.
    kept: list[Appointment]


@transaction.atomic
def stop_series(actor, series: Series, from_date: datetime.date, reason: str, request=None):
    """Stop repeating from ``from_date``: no visit is made from then on, and the visits already
    made from then on are cancelled (with one message to each person).

    Visits changed on their own (``detached``) stay: they were arranged one by one. A confirmed
    visit is cancelled only by the owner's side, who may cancel outright (flagged late inside
    the notice period); for the Rota Holder it stays, and needs a change request.
    """
    series = _lock_series(series)
    _check_arranger(actor, series.team)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why it stops repeating."), field="reason")
    if len(reason) > 500:
        raise DomainError(_("Keep the reason to 500 characters."), field="reason")
    if from_date is None or from_date < timezone.localdate():
        raise DomainError(_("Choose today or a later date."), field="from_date")
    now = timezone.now()
    stop_at = max(local_start(from_date, datetime.time(0, 0)), now)
    if series.ends_at is not None and series.ends_at <= stop_at:
        raise DomainError(_("It already stops repeating before then."), field="from_date")
    series.ends_at = stop_at
    series.save(update_fields=["ends_at"])
    outright = actor.has_perm("visits.cancel_outright", series.team)
    result = Stopped(cancelled=[], kept=[])
    people: dict = {}
    future = (
        series.appointments.select_for_update(of=("self",))
        .filter(starts_at__gte=stop_at, detached=False)
        .exclude(status=Appointment.Status.CANCELLED)
        .select_related("team__owner")
        .prefetch_related("attendees__person")
        .order_by("starts_at")
    )
    for appointment in future:
        if appointment.status == Appointment.Status.CONFIRMED and not outright:
            result.kept.append(appointment)
            continue
        _cancel_quietly(appointment, actor, reason, request)
        result.cancelled.append(appointment)
        people.update({a.person_id: a.person for a in appointment.attendees.all()})
    for person in booking.arrangers(series.team):
        people.setdefault(person.pk, person)
    _audit(
        "visits.series_stopped",
        actor,
        series,
        request,
        from_date=from_date.isoformat(),
        cancelled=[a.pk for a in result.cancelled],
        kept=[a.pk for a in result.kept],
        reason=reason[:300],
    )
    _tell(
        people,
        actor,
        "visits.cancelled",
        _("%(title)s stops repeating from %(day)s") % {"title": series.title, "day": _day(stop_at)},
        ngettext(
            "%(n)s visit cancelled. %(reason)s",
            "%(n)s visits cancelled. %(reason)s",
            len(result.cancelled),
        )
        % {"n": len(result.cancelled), "reason": reason},
        url_of(series),
    )
    return result


def _day(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "l j F Y")


@transaction.atomic
def edit_series_from(
    actor,
    series: Series,
    from_occurrence: Appointment,
    *,
    title: str | None = None,
    start_time: datetime.time | None = None,
    duration_minutes: int | None = None,
    place: str | None = None,
    place_detail: str | None = None,
    support_kinds: Iterable[str] | None = None,
    givers: Iterable | None = None,
    observers: Iterable | None = None,
    rule: str | None = None,
    request=None,
) -> Series:
    """Change this visit and the ones after it: the series ends there and a new one, with the
    changes, carries on. Returns the new series.

    Refused while any visit from then on is confirmed (moving it needs everyone's agreement);
    the visits from then on that were not changed on their own are cancelled and made again by
    the new series. Without a new ``rule`` the old one carries on, counting the visits already
    had against its number of times.
    """
    series = _lock_series(series)
    _check_arranger(actor, series.team)
    if from_occurrence.series_id != series.pk:
        raise DomainError(_("That visit is not part of this series."), field="from_occurrence")
    key = from_occurrence.occurrence_key
    if key <= timezone.now():
        raise DomainError(_("Choose a visit that is still to come."), field="from_occurrence")
    if series.ends_at is not None and key >= series.ends_at:
        raise DomainError(_("The series has stopped before that visit."), field="from_occurrence")
    following = (
        series.appointments.select_for_update(of=("self",))
        .filter(occurrence_key__gte=key, detached=False)
        .exclude(status=Appointment.Status.CANCELLED)
        .prefetch_related("attendees__person")
    )
    following = list(following)
    confirmed = [a for a in following if a.status == Appointment.Status.CONFIRMED]
    if confirmed:
        raise DomainError(
            ngettext(
                "%(n)s of these visits is confirmed (%(when)s). Moving it needs the agreement of "
                "everyone it affects: ask for a change to it, or change the series from a later "
                "visit.",
                "%(n)s of these visits are confirmed (the first on %(when)s). Moving them needs "
                "the agreement of everyone they affect: ask for a change to each, or change the "
                "series from a later visit.",
                len(confirmed),
            )
            % {"n": len(confirmed), "when": _day(confirmed[0].starts_at)},
            field="from_occurrence",
        )
    rule_text = rule if rule is not None else carry_on(series, key)
    first = wall_clock(key)
    time = start_time or wall_clock(series.first_start).time()
    old_givers, old_observers = list(series.givers.all()), list(series.observers.all())
    series.ends_at = key
    series.save(update_fields=["ends_at"])
    reason = _("Changed from %(day)s: see the new series.") % {"day": _day(key)}
    people: dict = {}
    for appointment in following:
        _cancel_quietly(appointment, actor, reason, request)
        people.update({a.person_id: a.person for a in appointment.attendees.all()})
    new = create_series(
        actor,
        series.team,
        title=series.title if title is None else title,
        rule=rule_text,
        first_start=local_start(first.date(), time),
        duration_minutes=series.duration_minutes if duration_minutes is None else duration_minutes,
        place=series.place if place is None else place,
        place_detail=series.place_detail if place_detail is None else place_detail,
        support_kinds=series.support_kinds if support_kinds is None else support_kinds,
        givers=old_givers if givers is None else givers,
        observers=old_observers if observers is None else observers,
        request=request,
    )
    _audit("visits.series_changed", actor, series, request, from_key=key.isoformat(), new=new.pk)
    asked = set(new.givers.values_list("pk", flat=True)) | set(
        new.observers.values_list("pk", flat=True)
    )
    _tell(
        {pk: p for pk, p in people.items() if pk not in asked},
        actor,
        "visits.changed",
        _("%(title)s changes from %(day)s") % {"title": series.title, "day": _day(key)},
        _("You are not part of the visits from then on."),
        url_of(new),
    )
    return new


# --- Givers and the series ----------------------------------------------------------------------


@dataclass
class Joined:
    joined: list[Appointment]
    # Each visit not joined, with the reason (a clash names the other appointment).
    clashes: list[tuple[Appointment, str]]


def join_series(actor, series: Series, request=None) -> Joined:
    """Join every visit still to come that ``actor`` is asked to give support at.

    A clash skips that visit and never stops the rest; each visit is joined in its own
    transaction, so the rule against double booking holds exactly as for a single join.
    """
    if not series.givers.filter(pk=actor.pk).exists():
        raise NotAllowed(_("Only the people asked to give support join a series."))
    asked = (
        Appointment.objects.filter(
            series=series,
            starts_at__gt=timezone.now(),
            attendees__person=actor,
            attendees__role=Attendee.Role.GIVER,
            attendees__response=Attendee.Response.INVITED,
        )
        .exclude(status=Appointment.Status.CANCELLED)
        .order_by("starts_at")
    )
    result = Joined(joined=[], clashes=[])
    for appointment in asked:
        try:
            booking.join_appointment(actor, appointment, request=request)
        except DomainError as error:
            result.clashes.append((appointment, error.message))
        else:
            result.joined.append(appointment)
    if not result.joined and not result.clashes:
        raise DomainError(_("There are no visits in this series waiting for your answer."))
    _audit(
        "visits.series_joined",
        actor,
        series,
        request,
        joined=[a.pk for a in result.joined],
        not_joined=[appointment.pk for appointment, _reason in result.clashes],
    )
    return result
