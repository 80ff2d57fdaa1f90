"""Trials: a few paid sessions, then both sides say how it went.

Playbook §2.6: usually 1–3 sessions, optionally observed by someone already in the team; both
yes and the candidate becomes a member; either no and the trial ends, with no explanation asked
of anyone. So a "no" needs no reason, the private notes stay with the side that wrote them, and
the message that ends a trial never says who said no.

Appointments do not exist yet, so the owner's side or the candidate marks the planned sessions
done, and that opens the question "how did it go?" to both sides.
"""

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.teams import selectors
from coopcare.teams.models import TeamMember, Trial
from coopcare.teams.services.membership import MAX_MESSAGE
from coopcare.teams.services.starting import note_member_joined

Verdict = Trial.Verdict


def _url(trial: Trial) -> str:
    return reverse("teams:trial", args=[trial.pk])


def _locked(trial: Trial) -> Trial:
    fresh = (
        Trial.objects.select_for_update(of=("self",))
        .select_related("member__person")
        .get(pk=trial.pk)
    )
    fresh.team = trial.team
    if not fresh.is_open:
        raise DomainError(_("This trial has already ended."))
    return fresh


def _both_sides(trial: Trial, actor=None) -> list:
    people = [trial.member.person, *selectors.owner_side(trial.team, "approve_members")]
    seen, result = set(), []
    for person in people:
        if person.pk not in seen and (actor is None or person.pk != actor.pk):
            seen.add(person.pk)
            result.append(person)
    return result


def _audit(action: str, actor, trial: Trial, request, **detail) -> None:
    record(
        action,
        actor=actor,
        target=trial,
        subject=trial.member.person,
        request=request,
        detail={"team": trial.team_id, **selectors.acting_detail(actor, trial.team), **detail},
    )


@transaction.atomic
def set_trial_observer(actor, trial: Trial, observer, request: HttpRequest | None = None) -> Trial:
    """Choose (or clear, with ``None``) someone already in the team to observe the trial."""
    if not actor.has_perm("teams.arrange_support", trial.team):
        raise NotAllowed(_("Only the owner's side or the Team Starter arranges a trial."))
    trial = _locked(trial)
    if observer is not None:
        in_team = (
            TeamMember.objects.current()
            .filter(team=trial.team, person=observer, status=TeamMember.Status.MEMBER)
            .exists()
        )
        if not in_team or observer.pk == trial.member.person_id:
            raise DomainError(
                _("The observer must be someone already in the team, not the person on trial."),
                field="observer",
            )
    trial.observer = observer
    trial.save(update_fields=["observer"])
    _audit("team.trial_observer_set", actor, trial, request, observer=getattr(observer, "pk", None))
    if observer is not None and observer.pk != actor.pk:
        notify(
            observer,
            "teams.trial_observer",
            _("You are asked to observe %(person)s's trial with %(team)s")
            % {"person": trial.member.person, "team": trial.team},
            url=_url(trial),
        )
    return trial


@transaction.atomic
def mark_trial_sessions_done(actor, trial: Trial, request: HttpRequest | None = None) -> Trial:
    """The planned sessions have happened: ask both sides how it went."""
    if not actor.has_perm("teams.mark_trial_sessions_done", trial):
        raise NotAllowed(_("Only the person on trial or the owner's side can say this."))
    trial = _locked(trial)
    if trial.status != Trial.Status.ARRANGED:
        raise DomainError(_("The sessions are already marked done."))
    trial.status = Trial.Status.ASKING
    trial.sessions_done_at = timezone.now()
    trial.sessions_done_by = actor
    trial.sessions_done_on_behalf_of = selectors.owner_acted_for(actor, trial.team)
    trial.save(
        update_fields=[
            "status",
            "sessions_done_at",
            "sessions_done_by",
            "sessions_done_on_behalf_of",
        ]
    )
    _audit("team.trial_sessions_done", actor, trial, request)
    for person in _both_sides(trial):
        notify(
            person,
            "teams.trial_how_did_it_go",
            _("How did the trial with %(team)s go?") % {"team": trial.team}
            if person.pk == trial.member.person_id
            else _("How did %(person)s's trial go?") % {"person": trial.member.person},
            _("Say yes or no. You do not need to give a reason."),
            reverse("teams:trial_verdict", args=[trial.pk]),
        )
    return trial


def side_of(actor, trial: Trial) -> str | None:
    """``"candidate"``, ``"owner"``, or None: whose answer ``actor`` gives."""
    if actor.has_perm("teams.give_trial_verdict_as_candidate", trial):
        return "candidate"
    if actor.has_perm("teams.give_trial_verdict_for_owner", trial):
        return "owner"
    return None


@transaction.atomic
def give_trial_verdict(
    actor, trial: Trial, verdict: str, note: str = "", request: HttpRequest | None = None
) -> Trial:
    """Record one side's answer. A no may come at any time and ends the trial; a yes comes once
    the sessions are done, and two yeses make the candidate a member."""
    side = side_of(actor, trial)
    if side is None:
        raise NotAllowed(_("Only the person on trial and the owner's side say how it went."))
    if verdict not in Verdict.values:
        raise DomainError(_("Choose yes or no."), field="verdict")
    note = (note or "").strip()
    if len(note) > MAX_MESSAGE:
        raise DomainError(
            _("Please keep your note to %(n)d characters or fewer.") % {"n": MAX_MESSAGE},
            field="note",
        )
    trial = _locked(trial)
    if getattr(trial, f"{side}_verdict"):
        raise DomainError(_("Your side has already said how it went."), field="verdict")
    if verdict == Verdict.YES and trial.status != Trial.Status.ASKING:
        raise DomainError(
            _("Say yes once the trial sessions are done. You can say no at any time."),
            field="verdict",
        )
    now = timezone.now()
    if side == "candidate":
        trial.candidate_verdict, trial.candidate_verdict_at, trial.candidate_note = (
            verdict,
            now,
            note,
        )
    else:
        trial.owner_verdict, trial.owner_verdict_at, trial.owner_note = verdict, now, note
        trial.owner_verdict_by = actor
        trial.owner_verdict_on_behalf_of = selectors.owner_acted_for(actor, trial.team)
    trial.save()
    # The verdict goes in the audit log; the private note does not.
    _audit("team.trial_verdict_given", actor, trial, request, side=side, verdict=verdict)
    if verdict == Verdict.NO:
        _end(trial, actor, request)
    elif trial.owner_verdict == Verdict.YES and trial.candidate_verdict == Verdict.YES:
        _join(trial, actor, request)
    return trial


def _end(trial: Trial, actor, request) -> None:
    today = timezone.localdate()
    member = trial.member
    member.status = TeamMember.Status.LEFT
    member.left_on = max(today, member.joined_on)
    member.save(update_fields=["status", "left_on"])
    trial.status = Trial.Status.ENDED
    trial.ended_at = timezone.now()
    trial.save(update_fields=["status", "ended_at"])
    _audit("team.trial_ended", actor, trial, request)
    person = member.person
    for other in _both_sides(trial):
        notify(
            other,
            "teams.trial_outcome",
            _("The trial with %(team)s has ended") % {"team": trial.team}
            if other.pk == person.pk
            else _("%(person)s's trial has ended") % {"person": person},
            _("Thank you for trying. Either side may end a trial, and nobody is asked why."),
            reverse("teams:detail", args=[trial.team_id]) if other.pk != person.pk else "",
        )


def _join(trial: Trial, actor, request) -> None:
    member = trial.member
    member.status = TeamMember.Status.MEMBER
    member.save(update_fields=["status"])
    trial.status = Trial.Status.JOINED
    trial.ended_at = timezone.now()
    trial.save(update_fields=["status", "ended_at"])
    note_member_joined(trial.team, actor, request)
    _audit("team.trial_joined", actor, trial, request)
    for other in _both_sides(trial):
        notify(
            other,
            "teams.trial_outcome",
            _("Both sides said yes: %(person)s is now a member of %(team)s")
            % {"person": member.person, "team": trial.team},
            url=reverse("teams:detail", args=[trial.team_id]),
        )
