"""Peer supervision: a supervisor and a supervisee who chose each other (playbook §2.9).

One asks, the other answers; only a yes makes the pair active. The pair agrees how often they
check in — at most every 90 days, and by default 90 days for independent workers and 60 for
employed workers — and records each check-in. **Check-in notes are private to the pair**: no
hat, admin page or API shows them to anyone else, and no audit event or notification contains
them. A supervisee has one active supervisor at a time.

The two people in a pair always see each other's names: asking someone is choosing to be known
to them, and the person asked was chosen by a name the asker could see.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.audit.services import record as audit
from coopcare.audit.services import record_read
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import CheckIn, Reminder, SupervisionPair
from coopcare.learning.selectors import circle_ids_of
from coopcare.members.models import Membership, WorkerKind
from coopcare.members.selectors import active_membership_exists
from coopcare.notifications.services import notify
from coopcare.teams.models import MemberKind, Team, TeamMember

User = get_user_model()
Status = SupervisionPair.Status
OPEN = (Status.ASKED, Status.ACTIVE)
MIN_DAYS, MAX_DAYS = 7, 90
INDEPENDENT_DAYS, EMPLOYED_DAYS = 90, 60
REMIND_DAYS = 7
MAX_NOTES = 5000
# What the asker wants: ``ASK`` them to be my supervisor, or ``OFFER`` to supervise them.
ASK, OFFER = "ask", "offer"


def _takes_part(person) -> bool:
    from coopcare.permissions import takes_part

    return takes_part.test(person)


def default_every_days(supervisee) -> int:
    """60 days for someone employed (in a team, or as their membership says), else 90."""
    employed = (
        TeamMember.objects.current()
        .filter(person=supervisee, kind=MemberKind.EMPLOYED_WORKER)
        .exists()
        or Membership.objects.active()
        .filter(person=supervisee, worker_kind=WorkerKind.EMPLOYED)
        .exists()
    )
    return EMPLOYED_DAYS if employed else INDEPENDENT_DAYS


def candidates(person) -> QuerySet:
    """Whom ``person`` may ask or offer to: co-op members and people giving support in the
    teams of their circles; never themself."""
    givers = (
        TeamMember.objects.current()
        .filter(team__local_circle_id__in=list(circle_ids_of(person)))
        .exclude(team__status=Team.Status.CLOSED)
        .exclude(kind=MemberKind.OWNER)
        .values("person_id")
    )
    return User.objects.filter(
        Q(active_membership_exists()) | Q(pk__in=givers), is_active=True
    ).exclude(pk=person.pk)


def choosable(actor, person_id: int | None):
    """The person ``actor`` chose by id, if they are among the people the page offers: a
    candidate whose name ``actor`` may see. Anyone else is refused without a word about who
    they are, so an id cannot be used to learn a name. None when nobody was chosen."""
    from coopcare.learning.services.welcome import named_choices

    if not _takes_part(actor):
        raise NotAllowed(_("Peer supervision is for members and people giving support."))
    if person_id is None:
        return None
    found = named_choices(actor, candidates(actor).filter(pk=person_id))
    if not found:
        raise DomainError(
            _("Choose someone from the people you can ask: search for them by name."),
            field="person",
        )
    return found[0]


# --- Reading ------------------------------------------------------------------------------------


def pairs_of(person) -> QuerySet:
    """The person's pairs, open ones first, with when each last checked in."""
    return (
        SupervisionPair.objects.filter(Q(supervisor=person) | Q(supervisee=person))
        .select_related("supervisor__profile", "supervisee__profile")
        .annotate(last_check_in=Max("check_ins__held_on"))
        .order_by("status", "-asked_at", "-id")
    )


def other_in(pair: SupervisionPair, person):
    return pair.supervisee if person.pk == pair.supervisor_id else pair.supervisor


def last_check_in_on(pair: SupervisionPair) -> datetime.date | None:
    if hasattr(pair, "last_check_in"):
        return pair.last_check_in
    return pair.check_ins.aggregate(last=Max("held_on"))["last"]


def next_due(pair: SupervisionPair, last: datetime.date | None = None) -> datetime.date | None:
    """When the next check-in is due: the last one (or the start) plus the agreed days."""
    if pair.status != Status.ACTIVE or pair.started_on is None:
        return None
    last = last if last is not None else last_check_in_on(pair)
    return (last or pair.started_on) + datetime.timedelta(days=pair.every_days)


def check_ins(viewer, pair: SupervisionPair, *, request=None) -> QuerySet:
    """The pair's check-ins, for one of the two only; the read goes to the access log (without
    the notes)."""
    if viewer.pk not in (pair.supervisor_id, pair.supervisee_id):
        raise NotAllowed(_("Check-in notes are private to the pair."))
    found = pair.check_ins.select_related("recorded_by__profile")
    record_read(
        "learning.check_ins_viewed",
        actor=viewer,
        target=pair,
        subject=other_in(pair, viewer),
        request=request,
    )
    return found


# --- Changing -----------------------------------------------------------------------------------


def _url(pair: SupervisionPair) -> str:
    return reverse("learning:pair", args=[pair.pk])


def _in_pair(actor, pair: SupervisionPair) -> None:
    if actor.pk not in (pair.supervisor_id, pair.supervisee_id):
        raise NotAllowed(_("Only the two people in the pair do this."))


def _locked(pair: SupervisionPair) -> SupervisionPair:
    return (
        SupervisionPair.objects.select_for_update(of=("self",))
        .select_related("supervisor__profile", "supervisee__profile")
        .get(pk=pair.pk)
    )


def _check_one_supervisor(supervisee, actor, exclude: int | None = None) -> None:
    active = SupervisionPair.objects.filter(supervisee=supervisee, status=Status.ACTIVE)
    if exclude is not None:
        active = active.exclude(pk=exclude)
    if active.exists():
        if supervisee.pk == actor.pk:
            message = _(
                "You already have a peer supervisor. End that pair first: a supervisee has one "
                "peer supervisor at a time."
            )
        else:
            message = _(
                "They already have a peer supervisor: a supervisee has one peer supervisor at a "
                "time."
            )
        raise DomainError(message, field="person")


@transaction.atomic
def ask_pair(actor, other, *, kind: str = ASK, request=None) -> SupervisionPair:
    """``actor`` asks ``other`` to be their peer supervisor (``ASK``), or offers to supervise
    them (``OFFER``). Nothing starts until ``other`` says yes."""
    if not _takes_part(actor):
        raise NotAllowed(_("Peer supervision is for members and people giving support."))
    if kind not in (ASK, OFFER):
        raise DomainError(_("Choose whether you ask or offer."), field="kind")
    if other is None:
        raise DomainError(_("Choose someone."), field="person")
    if other.pk == actor.pk:
        raise DomainError(_("You cannot be your own peer supervisor."), field="person")
    if not candidates(actor).filter(pk=other.pk).exists():
        raise DomainError(
            _("Choose a co-op member or someone giving support in one of your circles."),
            field="person",
        )
    supervisor, supervisee = (other, actor) if kind == ASK else (actor, other)
    if SupervisionPair.objects.filter(
        supervisor=supervisor, supervisee=supervisee, status__in=OPEN
    ).exists():
        raise DomainError(
            _("You two already have a request or a pair open for this."), field="person"
        )
    _check_one_supervisor(supervisee, actor)
    pair = SupervisionPair.objects.create(
        supervisor=supervisor,
        supervisee=supervisee,
        asked_by=actor,
        every_days=default_every_days(supervisee),
    )
    audit(
        "learning.pair_asked",
        actor=actor,
        target=pair,
        subject=other,
        request=request,
        detail={"kind": kind},
    )
    notify(
        other,
        "learning.supervision",
        _("%(person)s asks you to be their peer supervisor") % {"person": actor}
        if kind == ASK
        else _("%(person)s offers to be your peer supervisor") % {"person": actor},
        _("Say yes or no on the pair's page. Peer supervision only starts if you both agree."),
        _url(pair),
    )
    return pair


@transaction.atomic
def answer_pair(actor, pair: SupervisionPair, accept: bool, *, request=None) -> SupervisionPair:
    """The person asked says yes (the pair becomes active) or no."""
    _in_pair(actor, pair)
    pair = _locked(pair)
    if actor.pk == pair.asked_by_id:
        raise NotAllowed(_("The other person answers your request."))
    if pair.status != Status.ASKED:
        raise DomainError(_("This request has already been answered or withdrawn."))
    asker = other_in(pair, actor)
    if accept:
        _check_one_supervisor(pair.supervisee, actor, exclude=pair.pk)
        pair.status = Status.ACTIVE
        pair.started_on = timezone.localdate()
        pair.save(update_fields=["status", "started_on"])
        audit("learning.pair_started", actor=actor, target=pair, subject=asker, request=request)
        from coopcare.learning.services.welcome import tick_supervisor_chosen

        tick_supervisor_chosen(actor, pair.supervisee, request=request)
        title = _("%(person)s said yes to peer supervision") % {"person": actor}
    else:
        pair.status = Status.DECLINED
        pair.ended_on = timezone.localdate()
        pair.save(update_fields=["status", "ended_on"])
        audit("learning.pair_declined", actor=actor, target=pair, subject=asker, request=request)
        title = _("%(person)s said no to peer supervision this time") % {"person": actor}
    notify(asker, "learning.supervision", title, "", _url(pair))
    return pair


@transaction.atomic
def set_cadence(actor, pair: SupervisionPair, every_days: int | None, *, request=None):
    """The pair changes how often they check in (7 to 90 days)."""
    _in_pair(actor, pair)
    pair = _locked(pair)
    if pair.status not in OPEN:
        raise DomainError(_("This pair has ended."))
    if every_days is None or not MIN_DAYS <= every_days <= MAX_DAYS:
        raise DomainError(
            _("Check in every 7 to 90 days: at least every three months."), field="every_days"
        )
    before = pair.every_days
    if before != every_days:
        pair.every_days = every_days
        pair.save(update_fields=["every_days"])
        audit(
            "learning.pair_cadence_changed",
            actor=actor,
            target=pair,
            subject=other_in(pair, actor),
            request=request,
            changes={"every_days": [before, every_days]},
        )
    return pair


@transaction.atomic
def end_pair(actor, pair: SupervisionPair, *, request=None) -> SupervisionPair:
    """Either person ends the pair (or withdraws a request, or turns it down)."""
    _in_pair(actor, pair)
    pair = _locked(pair)
    if pair.status not in OPEN:
        raise DomainError(_("This pair has already ended."))
    declined = pair.status == Status.ASKED and actor.pk != pair.asked_by_id
    pair.status = Status.DECLINED if declined else Status.ENDED
    pair.ended_on = timezone.localdate()
    pair.save(update_fields=["status", "ended_on"])
    other = other_in(pair, actor)
    audit(
        "learning.pair_declined" if declined else "learning.pair_ended",
        actor=actor,
        target=pair,
        subject=other,
        request=request,
    )
    notify(
        other,
        "learning.supervision",
        _("%(person)s ended your peer supervision pair") % {"person": actor},
        _("You can ask someone else to be your peer supervisor at any time."),
        _url(pair),
    )
    return pair


@transaction.atomic
def record_check_in(
    actor, pair: SupervisionPair, *, held_on: datetime.date | None, notes: str = "", request=None
) -> CheckIn:
    """One of the pair records a check-in. The notes stay between the two of them."""
    _in_pair(actor, pair)
    pair = _locked(pair)
    if pair.status != Status.ACTIVE:
        raise DomainError(_("Check-ins are recorded while the pair is active."))
    if held_on is None:
        raise DomainError(_("Say when you checked in."), field="held_on")
    if held_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="held_on")
    if pair.started_on and held_on < pair.started_on:
        raise DomainError(
            _("The pair started on %(date)s: choose a date since then.")
            % {"date": date_format(pair.started_on, "j F Y")},
            field="held_on",
        )
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise DomainError(_("Keep the notes to 5,000 characters."), field="notes")
    check_in = CheckIn.objects.create(pair=pair, held_on=held_on, notes=notes, recorded_by=actor)
    # Never the notes: the audit log is read by people outside the pair.
    audit(
        "learning.check_in_recorded",
        actor=actor,
        target=check_in,
        subject=other_in(pair, actor),
        request=request,
        detail={"pair": pair.pk, "held_on": held_on.isoformat()},
    )
    notify(
        other_in(pair, actor),
        "learning.supervision",
        _("A peer supervision check-in is recorded"),
        _("%(person)s recorded your check-in of %(date)s.")
        % {"person": actor, "date": date_format(held_on, "j F Y")},
        _url(pair),
    )
    return check_in


# --- Reminders ----------------------------------------------------------------------------------


def remind_check_ins(now: datetime.datetime | None = None) -> int:
    """Tell both people in each active pair that a check-in is due in 7 days, and again on the
    day (or when overdue): once per due date and stage (``Reminder``). Returns how many
    notifications were sent."""
    today = timezone.localdate(now or timezone.now())
    pairs = (
        SupervisionPair.objects.filter(status=Status.ACTIVE, started_on__isnull=False)
        .select_related("supervisor__profile", "supervisee__profile")
        .annotate(last_check_in=Max("check_ins__held_on"))
    )
    sent = 0
    for pair in pairs:
        due = next_due(pair, pair.last_check_in)
        days = (due - today).days
        if days > REMIND_DAYS:
            continue
        stage = REMIND_DAYS if days > 0 else 0
        about = f"supervision:{pair.pk}"
        for person in (pair.supervisor, pair.supervisee):
            if not person.is_active:
                continue
            with transaction.atomic():
                _reminder, created = Reminder.objects.get_or_create(
                    person=person, about=about, due_on=due, stage=stage
                )
                if not created:
                    continue
                when = date_format(due, "j F Y")
                if stage:
                    title = _("A peer supervision check-in is due on %(date)s") % {"date": when}
                elif days == 0:
                    title = _("A peer supervision check-in is due today")
                else:
                    title = _("A peer supervision check-in was due on %(date)s") % {"date": when}
                notify(
                    person,
                    "learning.supervision",
                    title,
                    _("Arrange it with %(person)s, then record it on your pair's page.")
                    % {"person": other_in(pair, person)},
                    _url(pair),
                )
                sent += 1
    return sent
