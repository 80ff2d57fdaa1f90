"""Stepping back (playbook §2.5 step 8): readiness, handing over contacts, and handing over.

The Team Starter steps back only when the team can run itself: the essential hats are worn by
team members, the rota runs, the owner knows, and every external contact has been handed to
someone in the team. Then the team is self-managing and the local circle and the team are told.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.errors import DomainError
from coopcare.starting import selectors
from coopcare.starting.models import CallOut, Case, ExternalContact
from coopcare.starting.services.cases import check_case_open
from coopcare.starting.services.common import notify_all
from coopcare.starting.steps import readiness
from coopcare.teams.models import Team


@transaction.atomic
def update_readiness(
    actor, case: Case, *, rota_running: bool, rota_note: str, owner_informed: bool, request=None
) -> Case:
    """The parts of readiness only a person can judge: the rota runs, the owner knows."""
    check_case_open(actor, case)
    rota_note = rota_note.strip()[:2000]
    if rota_running and not rota_note:
        raise DomainError(
            _("Say how you know the rota is running (for example, four weeks filled)."),
            field="rota_note",
        )
    before = {"rota_running": case.rota_running, "owner_informed": case.owner_informed}
    case.rota_running, case.rota_note, case.owner_informed = rota_running, rota_note, owner_informed
    case.save(update_fields=["rota_running", "rota_note", "owner_informed"])
    after = {"rota_running": rota_running, "owner_informed": owner_informed}
    record(
        "starting.readiness_updated",
        actor=actor,
        target=case,
        request=request,
        changes={k: [before[k], v] for k, v in after.items() if before[k] != v},
    )
    return case


@transaction.atomic
def add_external_contact(actor, case: Case, data: dict[str, str], request=None) -> ExternalContact:
    """Someone outside the co-op the case relies on, held at first by the Team Starter."""
    check_case_open(actor, case)
    clean = {
        k: (data.get(k) or "").strip() for k in ("name", "role", "organisation", "how_to_reach")
    }
    for name, message in (
        ("name", _("Enter the contact's name.")),
        ("role", _("Enter their role, like social worker.")),
        ("how_to_reach", _("Say how to reach them.")),
    ):
        if not clean[name]:
            raise DomainError(message, field=name)
    contact = ExternalContact.objects.create(
        case=case,
        name=clean["name"][:120],
        role=clean["role"][:120],
        organisation=clean["organisation"][:160],
        how_to_reach=clean["how_to_reach"][:2000],
        holder=case.team_starter,
        added_by=actor,
    )
    record(
        "starting.contact_added",
        actor=actor,
        target=contact,
        request=request,
        detail={"case": case.pk},
    )
    return contact


@transaction.atomic
def hand_over_contact(actor, contact: ExternalContact, to_person, request=None) -> ExternalContact:
    """Pass a relationship to a named team member, who is told."""
    case = contact.case
    check_case_open(actor, case)
    if case.team_id is None:
        raise DomainError(_("Start the team first: contacts are handed to team members."))
    team_people = selectors.current_team_people(case.team)
    if to_person is None or not team_people.filter(pk=to_person.pk).exists():
        raise DomainError(_("Choose someone in the team."), field="holder")
    if to_person.pk == case.team_starter_id:
        raise DomainError(_("Hand the contact to someone other than the Team Starter."), "holder")
    before = contact.holder_id
    contact.holder = to_person
    contact.handed_over_at = timezone.now()
    contact.save(update_fields=["holder", "handed_over_at"])
    record(
        "starting.contact_handed_over",
        actor=actor,
        target=contact,
        request=request,
        changes={"holder": [before, to_person.pk]},
    )
    notify_all(
        [to_person],
        "starting.contact_handed_over",
        _("You now hold the relationship with %(name)s (%(role)s)")
        % {"name": contact.name, "role": contact.role},
        body=_("How to reach them: %(how)s") % {"how": contact.how_to_reach},
        skip=actor,
    )
    return contact


@transaction.atomic
def step_back(actor, case: Case, request=None) -> Team:
    """Hand the team over: it becomes self-managing; the circle and the team are told."""
    check_case_open(actor, case)
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("team__circle", "local_circle")
        .get(pk=case.pk)
    )
    missing = readiness(case).missing
    if missing:
        raise DomainError(_("Not ready to step back yet: %(what)s") % {"what": " ".join(missing)})
    team = Team.objects.select_for_update(of=("self",)).get(pk=case.team_id)
    before = team.status
    team.status = Team.Status.SELF_MANAGING
    team.self_managing_since = timezone.localdate()
    team.save(update_fields=["status", "self_managing_since"])
    case.stepped_back_at = timezone.now()
    case.stepped_back_by = actor
    case.save(update_fields=["stepped_back_at", "stepped_back_by"])
    # Nobody is left to follow up answers to a call-out, so none stays open.
    case.call_outs.filter(status=CallOut.Status.OPEN).update(
        status=CallOut.Status.CLOSED, closed_at=case.stepped_back_at
    )
    record(
        "starting.stepped_back",
        actor=actor,
        target=case,
        subject=team.owner,
        request=request,
        detail={"team": team.pk},
    )
    record(
        "team.self_managing",
        actor=actor,
        target=team,
        subject=team.owner,
        request=request,
        changes={"status": [before, team.status]},
    )
    leaders = selectors.hat_holders(case.local_circle_id, [selectors.LEADER, selectors.COACH])
    notify_all(
        leaders,
        "starting.team_self_managing",
        _("%(team)s is now self-managing") % {"team": team.name},
        body=_("%(starter)s has stepped back as Team Starter.") % {"starter": actor.display_name},
        url=reverse("circles:detail", args=[case.local_circle.slug]),
        skip=actor,
    )
    notify_all(
        selectors.current_team_people(team),
        "starting.team_self_managing",
        _("Your team is now self-managing"),
        body=_(
            "%(starter)s has stepped back as your Team Starter. For help, ask your Coach or "
            "your Safeguarding Lead, or use the Sharing Stuff form."
        )
        % {"starter": actor.display_name},
        skip=actor,
    )
    return team
