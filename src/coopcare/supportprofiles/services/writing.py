"""What every change to a team's Getting Support Profile shares: who may make it, and how it is
recorded.

Written by or with the owner: the owner side (the owner, or someone acting for them with the
"manage_profile" scope), the team's Profile Holder, and the Team Starter or Coach supporting the
team may change the sections they can see. A representative's change is stored and audited as
"X on behalf of Y", and the owner hears of every change somebody else makes.

Audit events name the fields changed but never copy their contents: this profile holds health
and legal details (and third parties' contact details), and its versions are kept in its own
history tables, under its own rules.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.supportprofiles.access import Standing, can_see_section, standing_of
from coopcare.supportprofiles.models import GettingSupportProfile, ProfileSection
from coopcare.supportprofiles.sections import Section
from coopcare.teams.models import Team


def refuse_if_closed(team: Team) -> None:
    if team.status == Team.Status.CLOSED:
        raise DomainError(_("This team has closed, so its profile can no longer be changed."))


def locked_profile(team: Team) -> GettingSupportProfile:
    profile, _created = GettingSupportProfile.objects.select_for_update(of=("self",)).get_or_create(
        team=team
    )
    return profile


def locked_row(profile: GettingSupportProfile, section: str) -> ProfileSection:
    row, _created = ProfileSection.objects.select_for_update(of=("self",)).get_or_create(
        profile=profile, section=section
    )
    return row


@dataclass(frozen=True)
class Change:
    """One person changing one section of a team's profile."""

    actor: Any
    team: Team
    section: str
    standing: Standing
    request: HttpRequest | None

    @property
    def on_behalf_of(self):
        """The owner, when the actor changes their profile as their representative."""
        acting_for_owner = self.standing.owner_side and not self.standing.is_owner
        return self.team.owner if acting_for_owner else None

    def done(self, action: str, profile: GettingSupportProfile, **detail: Any) -> None:
        """Record the change on the section, in the audit log, and tell the owner."""
        on_behalf_of = self.on_behalf_of
        row = locked_row(profile, self.section)
        row.changed_by, row.changed_on_behalf_of = self.actor, on_behalf_of
        row.changed_at = timezone.now()
        row._history_user = self.actor
        row.save()
        audit(self, action, profile, **detail)
        tell_owner(self)


def begin_change(actor, team: Team, section: str, request: HttpRequest | None) -> Change:
    """Refuses anyone who may not change this section: they must be one of the profile's
    writers and able to see the section."""
    refuse_if_closed(team)
    standing = standing_of(actor, team)
    if not (
        actor.has_perm("supportprofiles.edit_getting_profile", team)
        and can_see_section(actor, team, section, standing=standing)
    ):
        raise NotAllowed(_("You cannot change this part of the profile."))
    return Change(actor, team, section, standing, request)


def audit(change: Change, action: str, profile, changes: dict | None = None, **detail) -> None:
    on_behalf_of = change.on_behalf_of
    record(
        action,
        actor=change.actor,
        target=profile,
        subject=change.team.owner,
        request=change.request,
        changes=changes,
        detail={
            "team": change.team.pk,
            "section": change.section,
            "on_behalf_of": on_behalf_of.pk if on_behalf_of else None,
            **detail,
        },
    )


def tell_owner(change: Change) -> None:
    if change.actor.pk == change.team.owner_id:
        return
    url = reverse("supportprofiles:team_profile", args=[change.team.pk])
    notify(
        change.team.owner,
        "support_profile.changed",
        _("%(person)s changed “%(section)s” in your Getting Support Profile")
        % {"person": change.actor, "section": Section(change.section).label},
        url=f"{url}#section-{change.section}",
    )
