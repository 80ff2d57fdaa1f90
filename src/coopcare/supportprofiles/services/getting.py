"""Changing a team's Getting Support Profile: its sections, and who sees each of them.

Who may write, and how each change is recorded, is in ``services.writing``. Only the owner side
(the owner, or someone acting for them with the "manage_profile" scope) chooses who sees each
section. Key contacts are changed one by one, in ``services.contacts``.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import diff
from coopcare.errors import DomainError, NotAllowed
from coopcare.supportprofiles import selectors
from coopcare.supportprofiles.access import standing_of
from coopcare.supportprofiles.models import TEXT_LIMIT, GettingSupportProfile, ProfileSection
from coopcare.supportprofiles.scales import SCALE_FIELDS
from coopcare.supportprofiles.sections import DEFAULT_AUDIENCE, SECTION_FIELDS, Audience, Section
from coopcare.supportprofiles.services.checks import clean_scale, clean_text
from coopcare.supportprofiles.services.writing import (
    Change,
    audit,
    begin_change,
    locked_profile,
    locked_row,
    refuse_if_closed,
    tell_owner,
)
from coopcare.teams.models import Team


def _limit(name: str) -> int:
    return GettingSupportProfile._meta.get_field(name).max_length or TEXT_LIMIT


def _check_section(section: str) -> None:
    if section not in Section.values or section == Section.KEY_CONTACTS:
        raise DomainError(_("Choose one of the profile's sections."), field="section")


def clean_section(section: str, data: dict[str, Any]) -> dict[str, Any]:
    """The given fields of one section, tidied; a field from another section is refused."""
    _check_section(section)
    unknown = sorted(set(data) - set(SECTION_FIELDS[section]))
    if unknown:
        raise DomainError(
            _("These are not part of this section: %(fields)s.") % {"fields": ", ".join(unknown)},
            field=unknown[0],
        )
    return {
        name: clean_scale(name, value)
        if name in SCALE_FIELDS
        else clean_text(name, value, _limit(name))
        for name, value in data.items()
    }


@transaction.atomic
def update_getting_section(
    actor, team: Team, section: str, data: dict[str, Any], request: HttpRequest | None = None
) -> GettingSupportProfile:
    """Change the given fields of one section (fields not given stay as they are)."""
    _check_section(section)
    change = begin_change(actor, team, section, request)
    cleaned = clean_section(section, data)
    profile = locked_profile(team)
    changed = [name for name, value in cleaned.items() if getattr(profile, name) != value]
    if not changed:
        return profile
    for name in changed:
        setattr(profile, name, cleaned[name])
    profile._history_user = actor
    profile.save()
    change.done("support_profile.changed", profile, fields=changed)
    return profile


def _named_ids(named_people: Iterable[Any]) -> list[int]:
    ids: set[int] = set()
    for item in named_people:
        pk = getattr(item, "pk", item)
        if isinstance(pk, bool) or not isinstance(pk, int):
            raise DomainError(_("Choose people from the list."), field="named_people")
        ids.add(pk)
    return sorted(ids)


def _check_audience(team: Team, audience: str, named_people: Iterable[Any]) -> list[int]:
    """The ids of the people named (none unless the audience is "people I name")."""
    if audience not in Audience.values:
        raise DomainError(_("Choose who can see this."), field="audience")
    if audience != Audience.NAMED:
        return []
    ids = _named_ids(named_people)
    if not ids:
        raise DomainError(
            _("Choose at least one person, or choose a different audience."),
            field="named_people",
        )
    if not set(ids) <= {pk for pk, _label in selectors.audience_candidates(team)}:
        raise DomainError(
            _("Choose people from the list: people in the team or supporting it."),
            field="named_people",
        )
    return ids


@transaction.atomic
def set_section_audience(
    actor,
    team: Team,
    section: str,
    audience: str,
    named_people: Iterable[Any] = (),
    request: HttpRequest | None = None,
) -> ProfileSection:
    """Choose who sees one section. Only the owner side may; named people must be in the team,
    acting for the owner, or its Team Starter or Coach."""
    if not actor.has_perm("teams.manage_profile", team):
        raise NotAllowed(_("Only the owner, or someone acting for them, chooses who sees this."))
    refuse_if_closed(team)
    if section not in Section.values:
        raise DomainError(_("Choose one of the profile's sections."), field="section")
    ids = _check_audience(team, audience, named_people)
    profile = locked_profile(team)
    row = locked_row(profile, section)
    before = {
        "audience": row.audience or str(DEFAULT_AUDIENCE[section]),
        "named_people": sorted(row.named_people.values_list("pk", flat=True)),
    }
    after = {"audience": audience, "named_people": ids}
    if row.audience and before == after:
        return row
    change = Change(actor, team, section, standing_of(actor, team), request)
    row.audience = audience
    row.audience_chosen_by, row.audience_chosen_on_behalf_of = actor, change.on_behalf_of
    row.audience_chosen_at = timezone.now()
    row._history_user = actor
    row.save()
    row.named_people.set(ids)
    audit(change, "support_profile.audience_changed", profile, changes=diff(before, after))
    tell_owner(change)
    return row
