"""Signing the Getting Support Promise (playbook §3.7), the gate before team-based support.

The person getting support signs, or a nominated representative or a health and welfare
guardian signs for them. Someone signing on the platform signs as themselves; a Team Starter may
record a signature given on paper, saying who signed and in which capacity.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.errors import DomainError
from coopcare.notifications.services import notify
from coopcare.starting import promise, selectors
from coopcare.starting.models import PROMISE_FUNDING, PromiseSignature
from coopcare.starting.services.common import require
from coopcare.teams.models import Representative, Team
from coopcare.teams.selectors import acts_for_owner, current_representatives, on_behalf_of

SignedAs = PromiseSignature.SignedAs


def _capacity(representation: Representative) -> str:
    if representation.role == Representative.Role.GUARDIAN:
        return SignedAs.GUARDIAN
    return SignedAs.REPRESENTATIVE


def _signer_for(actor, team: Team, signed_as: str, signer_id: int | None, signer_name: str):
    """(signer account or None, signer name, capacity) for this signature."""
    if acts_for_owner(actor, team, "sign_promise"):
        representation = on_behalf_of(actor, team)
        if representation is None:
            return actor, actor.display_name, SignedAs.OWNER
        return actor, actor.display_name, _capacity(representation)
    # A Team Starter recording a signature given elsewhere.
    if signed_as not in SignedAs.values:
        raise DomainError(_("Say who signed the Promise."), field="signed_as")
    if signed_as == SignedAs.OWNER:
        return team.owner, team.owner.display_name, SignedAs.OWNER
    if signer_id:
        representation = current_representatives(team).filter(person_id=signer_id).first()
        if representation is None:
            raise DomainError(_("That person does not act for the owner now."), field="signer")
        return representation.person, representation.person.display_name, signed_as
    signer_name = signer_name.strip()
    if not signer_name:
        raise DomainError(_("Enter the name of the person who signed."), field="signer_name")
    return None, signer_name[:120], signed_as


@transaction.atomic
def sign_promise(
    actor,
    team: Team,
    *,
    funding: str,
    signed_on: datetime.date | None = None,
    signed_as: str = "",
    signer_id: int | None = None,
    signer_name: str = "",
    agreed: bool = False,
    request=None,
) -> PromiseSignature:
    """Record that the current version of the Promise is signed for ``team``."""
    require(actor, "starting.sign_promise", team)
    if team.status == Team.Status.CLOSED:
        raise DomainError(_("This team has closed."))
    if not agreed:
        raise DomainError(_("Tick the box to confirm the Promise was agreed."), field="agreed")
    if funding not in PROMISE_FUNDING:
        raise DomainError(_("Choose how support is funded."), field="funding")
    signed_on = signed_on or timezone.localdate()
    if signed_on > timezone.localdate():
        raise DomainError(_("The date signed cannot be in the future."), field="signed_on")
    signer, name, capacity = _signer_for(actor, team, signed_as, signer_id, signer_name)
    signature = PromiseSignature.objects.create(
        team=team,
        signed_as=capacity,
        signer=signer,
        signer_name=name,
        funding=funding,
        signed_on=signed_on,
        version=promise.CURRENT,
        sections=promise.sections(promise.CURRENT),
        recorded_by=actor,
    )
    record(
        "starting.promise_signed",
        actor=actor,
        target=signature,
        subject=team.owner,
        request=request,
        detail={
            "team": team.pk,
            "signed_as": capacity,
            "signer_name": name,
            "on_behalf_of": team.owner_id if capacity != SignedAs.OWNER else None,
            "funding": funding,
            "version": promise.CURRENT,
        },
    )
    url = reverse("starting:promise", args=[team.pk])
    case = selectors.case_of_team(team)
    title = _("The Getting Support Promise is signed for %(team)s") % {"team": team.name}
    for person in {team.owner, case.team_starter if case else None} - {actor, None}:
        notify(person, "starting.promise_signed", title, url=url)
    return signature


def latest_signature(team: Team) -> PromiseSignature | None:
    return (
        PromiseSignature.objects.filter(team=team)
        .select_related("signer__profile", "recorded_by__profile")
        .first()
    )
