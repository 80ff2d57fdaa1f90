"""Leaving a team well (playbook §2.8): notice to the owner, hats handed over, a farewell.

A member gives notice with the day they leave, an optional farewell message for the team and an
optional reflection that only the owner's side reads unless the leaver shares it. The leave
cannot complete while they still wear a hat in the team's circle: the team must not find out on
the day that nobody keeps the rota. On the leaving day (or earlier, if the leaver chooses) they
stop being a member and the owner is told.

Upcoming support that needs cover will be listed here once appointments exist.
"""

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.circles import services as circles
from coopcare.circles.models import CircleMembership, Hat
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.teams import selectors
from coopcare.teams.models import Leave, Team, TeamMember
from coopcare.teams.services.membership import MAX_MESSAGE

# Far enough ahead for any notice period; a date further out is almost always a typing slip.
MAX_NOTICE_DAYS = 366


def _url(leave: Leave) -> str:
    return reverse("teams:leave", args=[leave.pk])


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if len(value) > MAX_MESSAGE:
        raise DomainError(
            _("Please keep this to %(n)d characters or fewer.") % {"n": MAX_MESSAGE}, field=field
        )
    return value


def _tell_owner_side(leave: Leave, kind: str, title: str, body: str = "", actor=None) -> None:
    for person in selectors.owner_side(leave.team, "approve_members"):
        if actor is None or person.pk != actor.pk:
            notify(person, kind, title, body, _url(leave))


def _audit(action: str, actor, leave: Leave, request, **detail) -> None:
    record(
        action,
        actor=actor,
        target=leave,
        subject=leave.member.person,
        request=request,
        detail={"team": leave.team_id, **detail},
    )


@transaction.atomic
def give_notice(
    actor,
    team: Team,
    leaves_on: datetime.date,
    farewell: str = "",
    reflection: str = "",
    share_reflection: bool = False,
    request: HttpRequest | None = None,
) -> Leave:
    """Tell the team you are leaving, and when."""
    if team.owner_id == actor.pk:
        raise NotAllowed(
            _(
                "You lead this team, so you cannot leave it. If the team should close, talk to "
                "your Team Starter or Coach."
            )
        )
    if not actor.has_perm("teams.give_notice", team):
        raise NotAllowed(_("Only people in the team can give notice."))
    member = (
        TeamMember.objects.select_for_update(of=("self",))
        .current()
        .filter(team=team, person=actor)
        .select_related("person")
        .first()
    )
    if member is None:
        raise NotAllowed(_("Only people in the team can give notice."))
    if member.status == TeamMember.Status.TRIAL:
        raise DomainError(
            _("You are on trial: say how the trial went instead. A no needs no reason."),
            field="leaves_on",
        )
    if member.status == TeamMember.Status.LEAVING:
        raise DomainError(_("You have already given notice."), field="leaves_on")
    today = timezone.localdate()
    if leaves_on is None or leaves_on < today:
        raise DomainError(_("The leaving date must be today or later."), field="leaves_on")
    if leaves_on > today + datetime.timedelta(days=MAX_NOTICE_DAYS):
        raise DomainError(_("Choose a leaving date within the next year."), field="leaves_on")
    leave = Leave.objects.create(
        team=team,
        member=member,
        leaves_on=leaves_on,
        farewell=_text(farewell, "farewell"),
        reflection=_text(reflection, "reflection"),
        reflection_shared=bool(share_reflection),
    )
    member.status = TeamMember.Status.LEAVING
    member.save(update_fields=["status"])
    _audit("team.notice_given", actor, leave, request, leaves_on=leaves_on.isoformat())
    _tell_owner_side(
        leave,
        "teams.notice_given",
        _("%(person)s is leaving %(team)s on %(day)s")
        % {"person": actor, "team": team, "day": date_format(leaves_on, "j F Y")},
        leave.farewell,
        actor,
    )
    return leave


def _locked(leave: Leave) -> Leave:
    fresh = (
        Leave.objects.select_for_update(of=("self",))
        .select_related("member__person")
        .get(pk=leave.pk)
    )
    fresh.team = leave.team
    if not fresh.is_open:
        raise DomainError(_("This notice is no longer open."))
    return fresh


@transaction.atomic
def withdraw_notice(actor, leave: Leave, request: HttpRequest | None = None) -> Leave:
    """The leaver changes their mind and stays."""
    if not actor.has_perm("teams.complete_leave", leave):
        raise NotAllowed(_("Only the person leaving can withdraw their notice."))
    leave = _locked(leave)
    leave.status = Leave.Status.WITHDRAWN
    leave.closed_at = timezone.now()
    leave.save(update_fields=["status", "closed_at"])
    member = leave.member
    member.status = TeamMember.Status.MEMBER
    member.save(update_fields=["status"])
    _audit("team.notice_withdrawn", actor, leave, request)
    _tell_owner_side(
        leave,
        "teams.notice_withdrawn",
        _("%(person)s is staying in %(team)s after all")
        % {"person": member.person, "team": leave.team},
        actor=actor,
    )
    return leave


def hats_still_worn(leave: Leave, day: datetime.date | None = None) -> QuerySet:
    """Hats in the team's circle the leaver still wears after ``day`` (their leaving day)."""
    return selectors.hats_to_hand_over(leave.team, leave.member.person, day or leave.leaves_on)


def hat_end_for(leave: Leave) -> datetime.date:
    """The day a hat handed over for this leave comes off: the leaving day, or today if the
    leaving day has passed."""
    return max(leave.leaves_on, timezone.localdate())


@transaction.atomic
def take_off_hat_for_leaving(actor, leave: Leave, hat: Hat, request: HttpRequest | None = None):
    """The leaver takes off a team hat, coming off on their leaving day."""
    if not actor.has_perm("teams.complete_leave", leave):
        raise NotAllowed(_("Only the person leaving takes off their own hats here."))
    leave = _locked(leave)
    if hat.circle_id != leave.team.circle_id or hat.holder_id != leave.member.person_id:
        raise DomainError(_("That is not one of your hats in this team."))
    return circles.take_off_hat(actor, hat, hat_end_for(leave))


@transaction.atomic
def complete_leave(actor, leave: Leave, request: HttpRequest | None = None) -> Leave:
    """The leaver goes: today, whether that is their leaving day or earlier.

    ``actor`` is the leaver leaving early, or None when the daily task completes a leave whose
    day has come. Hats set to come off on the leaving day come off today instead; a hat still
    worn beyond that stops the leave until it is handed over or taken off.
    """
    if actor is not None and not actor.has_perm("teams.complete_leave", leave):
        raise NotAllowed(_("Only the person leaving can leave early."))
    leave = _locked(leave)
    today = timezone.localdate()
    if actor is None and leave.leaves_on > today:
        raise DomainError(_("The leaving day has not come yet."))
    blocking = list(hats_still_worn(leave, max(leave.leaves_on, today)))
    if blocking:
        raise DomainError(
            _("Hand over or take off your hats in the team first: %(hats)s.")
            % {"hats": ", ".join(str(hat.hat_type) for hat in blocking)},
            field="hats",
        )
    person = leave.member.person
    for hat in hats_still_worn(leave, today):
        circles.take_off_hat(actor, hat, today)
    circle_membership = CircleMembership.objects.filter(
        circle_id=leave.team.circle_id, person=person, left_on__isnull=True
    ).first()
    if circle_membership is not None:
        circles.remove_circle_member(actor, circle_membership, today)
    member = leave.member
    member.status = TeamMember.Status.LEFT
    member.left_on = max(today, member.joined_on)
    member.save(update_fields=["status", "left_on"])
    leave.status = Leave.Status.COMPLETED
    leave.closed_at = timezone.now()
    leave.save(update_fields=["status", "closed_at"])
    _audit("team.member_left", actor, leave, request, left_on=member.left_on.isoformat())
    title = _("%(person)s has left %(team)s") % {"person": person, "team": leave.team}
    _tell_owner_side(leave, "teams.member_left", title, leave.farewell, actor)
    if actor is None:
        notify(
            person,
            "teams.member_left",
            _("You have left %(team)s. Thank you for all you gave.") % {"team": leave.team},
            url=_url(leave),
        )
    return leave


def complete_due_leaves() -> int:
    """Complete every leave whose day has come; returns how many completed.

    A leave held up by hats is left open, and the leaver and the owner's side are told once.
    """
    today = timezone.localdate()
    due = Leave.objects.filter(status=Leave.Status.NOTICE, leaves_on__lte=today)
    completed = 0
    for leave in due.select_related("team__circle", "member__person").order_by("pk"):
        try:
            complete_leave(None, leave)
        except DomainError as error:
            _remind_about_hats(leave, error.message, today)
        else:
            completed += 1
    return completed


@transaction.atomic
def _remind_about_hats(leave: Leave, message: str, today: datetime.date) -> None:
    if leave.hats_reminder_on is not None:
        return
    leave.hats_reminder_on = today
    leave.save(update_fields=["hats_reminder_on"])
    title = _("%(person)s's leaving day has come, but team hats still need handing over") % {
        "person": leave.member.person
    }
    for person in [leave.member.person, *selectors.owner_side(leave.team, "approve_members")]:
        notify(person, "teams.leave_waiting_for_hats", title, message, _url(leave))
