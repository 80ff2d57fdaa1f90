"""Joining a team by mutual consent: invite → accept, and request → approve.

Nobody is put in a team: the owner's side (the owner, or someone acting for them with the
"approve members" scope) invites and the person invited accepts, or a co-op member asks and the
owner's side approves. Either side may decline, with a reason if they want to give one. Pages and
the API both call these functions, so each checks the actor's right itself, validates, changes
state, writes its audit event and tells the other side, in one transaction.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import absolute_url, notify
from coopcare.notifications.tasks import send_email
from coopcare.teams import selectors
from coopcare.teams.models import Invitation, MemberKind, Team, TeamMember, Trial, invitation_days
from coopcare.teams.services.starting import note_member_joined

MAX_MESSAGE = 2000
MAX_TRIAL_SESSIONS = 6
# An owner's side can have this many invitations out at once: enough for any team, and a limit
# on how many strangers' inboxes one account can reach.
MAX_PENDING_INVITATIONS = 25
JOINING_KINDS = [kind for kind in MemberKind.values if kind != MemberKind.OWNER]


def _url(invitation: Invitation) -> str:
    return reverse("teams:invitation", args=[invitation.pk])


def _refuse_closed(team: Team) -> None:
    if team.status == Team.Status.CLOSED:
        raise DomainError(_("This team has closed."))


def check_kind(kind: str) -> None:
    if kind not in JOINING_KINDS:
        raise DomainError(_("Choose how they would join the team."), field="kind")


def check_message(message: str, field: str = "message") -> str:
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise DomainError(
            _("Please keep this to %(n)d characters or fewer.") % {"n": MAX_MESSAGE}, field=field
        )
    return message


def check_trial_sessions(sessions: int) -> None:
    if not 0 <= sessions <= MAX_TRIAL_SESSIONS:
        raise DomainError(
            _("A trial is between 1 and %(n)d sessions (usually 1 to 3); 0 means no trial.")
            % {"n": MAX_TRIAL_SESSIONS},
            field="trial_sessions",
        )


def _refuse_if_in_team(team: Team, person) -> None:
    if person is not None and selectors.is_current_member(person, team):
        raise DomainError(
            _("%(person)s is already in %(team)s.") % {"person": person, "team": team},
            field="email",
        )


def _other_side(invitation: Invitation, actor) -> list:
    """Who hears about a step: the would-be member, or the owner's side (and whoever started
    the invitation); never the person who took the step."""
    if actor is not None and invitation.person_id == actor.pk:
        people = selectors.owner_side(invitation.team, "approve_members")
        if invitation.direction == Invitation.Direction.INVITE:
            people.append(invitation.started_by)
    else:
        people = [invitation.person] if invitation.person_id else []
        if actor is not None and selectors.owner_acted_for(actor, invitation.team) is not None:
            # Whoever acts for the owner, the owner hears what was done in their name.
            people.append(invitation.team.owner)
    seen, result = set(), []
    for person in people:
        if person.pk not in seen and (actor is None or person.pk != actor.pk):
            seen.add(person.pk)
            result.append(person)
    return result


def _audit(action: str, actor, invitation: Invitation, request, **detail) -> None:
    record(
        action,
        actor=actor,
        target=invitation,
        subject=invitation.person,
        request=request,
        detail={
            "team": invitation.team_id,
            "direction": invitation.direction,
            "kind": invitation.kind,
            **selectors.acting_detail(actor, invitation.team),
            **detail,
        },
    )


@transaction.atomic
def invite_member(
    actor,
    team: Team,
    email: str,
    kind: str,
    message: str = "",
    trial_sessions: int = 0,
    request: HttpRequest | None = None,
) -> Invitation:
    """Invite someone, by email address, to join the team as ``kind``.

    The address need not belong to an account yet: whoever verifies it on an account may accept.
    """
    _refuse_closed(team)
    if not actor.has_perm("teams.approve_members", team):
        raise NotAllowed(_("Only the team owner, or someone acting for them, invites people."))
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(
            _("Enter an email address like name@example.org."), field="email"
        ) from None
    check_kind(kind)
    message = check_message(message)
    check_trial_sessions(trial_sessions)
    if email in selectors.verified_emails(team.owner) or email == team.owner.email.lower():
        raise DomainError(_("That is the team owner's own address."), field="email")
    invitee = selectors.account_with_email(email)
    _refuse_if_in_team(team, invitee)
    pending = Invitation.objects.pending().filter(team=team)
    if pending.filter(email=email).exists():
        raise DomainError(
            _("An invitation or request for this address is already waiting for an answer."),
            field="email",
        )
    if pending.filter(direction=Invitation.Direction.INVITE).count() >= MAX_PENDING_INVITATIONS:
        raise DomainError(
            _("%(n)d invitations are already waiting. Withdraw some before sending more.")
            % {"n": MAX_PENDING_INVITATIONS},
            field="email",
        )
    now = timezone.now()
    invitation = Invitation.objects.create(
        team=team,
        direction=Invitation.Direction.INVITE,
        person=invitee,
        email=email,
        kind=kind,
        message=message,
        trial_sessions=trial_sessions,
        started_by=actor,
        started_on_behalf_of=selectors.owner_acted_for(actor, team),
        created_at=now,
        expires_at=now + datetime.timedelta(days=invitation_days()),
    )
    _audit("team.invitation_sent", actor, invitation, request, has_account=invitee is not None)
    _tell_invitee(invitation)
    if invitation.started_on_behalf_of is not None:
        notify(
            team.owner,
            "teams.acted_for_you",
            _("%(who)s invited %(email)s to join %(team)s")
            % {"who": invitation.started_by_label, "email": email, "team": team},
            url=_url(invitation),
        )
    return invitation


def _tell_invitee(invitation: Invitation) -> None:
    title = _("%(who)s invites you to join %(team)s") % {
        "who": invitation.started_by_label,
        "team": invitation.team,
    }
    if invitation.person is not None:
        notify(invitation.person, "teams.invited", title, invitation.message, _url(invitation))
        return
    # No account has this address yet: write to it, and the invitation waits for them to sign up.
    body = render_to_string(
        "teams/email/invitation.txt",
        {
            "invitation": invitation,
            "who": invitation.started_by_label,
            "link": absolute_url(reverse("teams:my_invitations")),
            "signup_link": absolute_url(reverse("account_signup")),
            "site_name": settings.SITE_NAME,
        },
    )
    subject = f"[{settings.SITE_NAME}] {title}"
    transaction.on_commit(
        lambda: send_email.enqueue(to=[invitation.email], subject=subject, body=body)
    )


@transaction.atomic
def request_to_join(
    actor, team: Team, kind: str, message: str = "", request: HttpRequest | None = None
) -> Invitation:
    """A co-op member asks to join the team; the owner's side answers."""
    _refuse_closed(team)
    if selectors.is_current_member(actor, team):
        raise DomainError(_("You are already in %(team)s.") % {"team": team})
    if not actor.has_perm("teams.request_to_join", team):
        raise NotAllowed(_("Only members of the co-op can ask to join a team."))
    check_kind(kind)
    message = check_message(message)
    email = actor.email.lower()
    if Invitation.objects.pending().filter(team=team, email=email).exists():
        raise DomainError(
            _("There is already an invitation or request waiting between you and this team.")
        )
    now = timezone.now()
    invitation = Invitation.objects.create(
        team=team,
        direction=Invitation.Direction.REQUEST,
        person=actor,
        email=email,
        kind=kind,
        message=message,
        started_by=actor,
        created_at=now,
        expires_at=now + datetime.timedelta(days=invitation_days()),
    )
    _audit("team.join_requested", actor, invitation, request)
    title = _("%(person)s asks to join %(team)s") % {"person": actor, "team": team}
    for person in selectors.owner_side(team, "approve_members"):
        notify(person, "teams.join_requested", title, message, _url(invitation))
    return invitation


def _lock_pending(invitation: Invitation) -> Invitation:
    """The invitation as stored now, locked, refusing it unless it still waits for an answer."""
    fresh = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    if fresh.status != Invitation.Status.PENDING:
        raise DomainError(
            _("This is no longer waiting for an answer (%(status)s).")
            % {"status": fresh.get_status_display().lower()}
        )
    if fresh.expires_at <= timezone.now():
        raise DomainError(
            _("This expired on %(day)s.")
            % {"day": date_format(timezone.localtime(fresh.expires_at), "j F Y")}
        )
    # Keep the related objects the caller already loaded.
    fresh.team = invitation.team
    return fresh


def _close(invitation: Invitation, actor, status: str, reason: str = "") -> None:
    invitation.status = status
    invitation.closed_by = actor
    invitation.closed_on_behalf_of = (
        selectors.owner_acted_for(actor, invitation.team) if actor is not None else None
    )
    invitation.closed_at = timezone.now()
    invitation.reason = reason
    invitation.save(
        update_fields=[
            "status",
            "closed_by",
            "closed_on_behalf_of",
            "closed_at",
            "reason",
            "member",
        ]
    )


@transaction.atomic
def accept_invitation(
    actor,
    invitation: Invitation,
    trial_sessions: int | None = None,
    request: HttpRequest | None = None,
) -> TeamMember:
    """Say yes: the invitee to an invitation, or the owner's side to a request.

    The person joins as a member, or on trial first when the invitation asks for a trial (for a
    request, the owner's side chooses ``trial_sessions`` when approving).
    """
    if not actor.has_perm("teams.answer_invitation", invitation):
        raise NotAllowed(
            _("Only the person invited can accept an invitation.")
            if invitation.direction == Invitation.Direction.INVITE
            else _("Only the team owner, or someone acting for them, approves a request.")
        )
    invitation = _lock_pending(invitation)
    _refuse_closed(invitation.team)
    if invitation.direction == Invitation.Direction.REQUEST and trial_sessions is not None:
        check_trial_sessions(trial_sessions)
        invitation.trial_sessions = trial_sessions
        invitation.save(update_fields=["trial_sessions"])
    person = invitation.person or actor
    if invitation.person_id is None:
        invitation.person = actor
        invitation.save(update_fields=["person"])
    _refuse_if_in_team(invitation.team, person)
    sessions = invitation.trial_sessions
    try:
        with transaction.atomic():
            member = TeamMember.objects.create(
                team=invitation.team,
                person=person,
                kind=invitation.kind,
                status=TeamMember.Status.TRIAL if sessions else TeamMember.Status.MEMBER,
            )
    except IntegrityError:
        raise DomainError(_("%(person)s is already in this team.") % {"person": person}) from None
    if sessions:
        Trial.objects.create(
            team=invitation.team, member=member, invitation=invitation, sessions_planned=sessions
        )
    else:
        note_member_joined(invitation.team, actor, request)
    invitation.member = member
    _close(invitation, actor, Invitation.Status.ACCEPTED)
    _audit("team.invitation_accepted", actor, invitation, request, trial_sessions=sessions)
    if sessions:
        title = _("%(person)s starts a trial with %(team)s") % {
            "person": person,
            "team": invitation.team,
        }
    else:
        title = _("%(person)s joins %(team)s") % {"person": person, "team": invitation.team}
    if invitation.direction == Invitation.Direction.REQUEST:
        title = _("%(who)s said yes: %(what)s") % {"who": invitation.closed_by_label, "what": title}
    for other in _other_side(invitation, actor):
        notify(other, "teams.invitation_answered", title, url=_url(invitation))
    return member


@transaction.atomic
def decline_invitation(
    actor, invitation: Invitation, reason: str = "", request: HttpRequest | None = None
) -> Invitation:
    """Say no, with a reason if the person wants to give one; the other side is told."""
    if not actor.has_perm("teams.answer_invitation", invitation):
        raise NotAllowed(_("Only the side that was asked can decline."))
    reason = check_message(reason, field="reason")
    invitation = _lock_pending(invitation)
    if invitation.person_id is None:
        invitation.person = actor
        invitation.save(update_fields=["person"])
    _close(invitation, actor, Invitation.Status.DECLINED, reason)
    _audit("team.invitation_declined", actor, invitation, request, gave_reason=bool(reason))
    title = _("%(who)s said no to joining %(team)s") % {
        "who": invitation.closed_by_label,
        "team": invitation.team,
    }
    if invitation.direction == Invitation.Direction.REQUEST:
        title = _("%(who)s said no to your request to join %(team)s") % {
            "who": invitation.closed_by_label,
            "team": invitation.team,
        }
    for other in _other_side(invitation, actor):
        notify(other, "teams.invitation_answered", title, reason, _url(invitation))
    return invitation


@transaction.atomic
def withdraw_invitation(
    actor, invitation: Invitation, request: HttpRequest | None = None
) -> Invitation:
    """Take back an invitation (the owner's side) or a request (the person who asked)."""
    if not actor.has_perm("teams.withdraw_invitation", invitation):
        raise NotAllowed(_("Only the side that started this can withdraw it."))
    invitation = _lock_pending(invitation)
    _close(invitation, actor, Invitation.Status.WITHDRAWN)
    _audit("team.invitation_withdrawn", actor, invitation, request)
    title = _("%(who)s withdrew %(what)s for %(team)s") % {
        "who": invitation.closed_by_label,
        "what": invitation.get_direction_display().lower(),
        "team": invitation.team,
    }
    for other in _other_side(invitation, actor):
        notify(other, "teams.invitation_withdrawn", title, url=_url(invitation))
    return invitation


def expire_invitations(now: datetime.datetime | None = None) -> int:
    """Mark every invitation and request past its date expired; returns how many.

    Each one in its own transaction, so one that fails does not hold back the rest.
    """
    now = now or timezone.now()
    due = Invitation.objects.pending().filter(expires_at__lte=now).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update(of=("self",))
                .select_related("team__circle", "started_by__profile")
                .filter(pk=pk, status=Invitation.Status.PENDING)
                .first()
            )
            if invitation is None:
                continue
            invitation.status = Invitation.Status.EXPIRED
            invitation.closed_at = now
            invitation.save(update_fields=["status", "closed_at"])
            _audit("team.invitation_expired", None, invitation, None)
            title = _("%(what)s for %(team)s expired without an answer") % {
                "what": invitation.get_direction_display(),
                "team": invitation.team,
            }
            notify(invitation.started_by, "teams.invitation_expired", title, url=_url(invitation))
            count += 1
    return count
