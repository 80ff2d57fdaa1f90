"""Key contacts on a team's Getting Support Profile: added, changed and removed one by one.

A contact is someone in the owner's wider network, listed with consent: until "they agreed to be
listed" is ticked, only the owner side sees them, and only the owner side may change them. Who
else may write, and how each change is recorded, is in ``services.writing``.
"""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from coopcare.audit.services import diff
from coopcare.errors import DomainError, NotAllowed
from coopcare.supportprofiles.access import can_see_contact
from coopcare.supportprofiles.models import KeyContact
from coopcare.supportprofiles.sections import Section
from coopcare.supportprofiles.services.checks import clean_flag, clean_text
from coopcare.supportprofiles.services.writing import Change, begin_change, locked_profile
from coopcare.teams.models import Team

CONTACT_LIMITS = {"name": 120, "relationship": 120, "how_to_reach": 500}


def clean_contact(data: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - {*CONTACT_LIMITS, "agreed_to_be_listed"})
    if unknown:
        raise DomainError(
            _("These cannot be set on a contact: %(fields)s.") % {"fields": ", ".join(unknown)},
            field=unknown[0],
        )
    required = {
        "name": _("Enter the contact’s name."),
        "relationship": _("Say who they are to the owner, for example daughter or GP."),
        "how_to_reach": _("Say how to reach them: a phone number, email or address."),
    }
    cleaned: dict[str, Any] = {
        name: clean_text(name, data[name], limit, required[name])
        for name, limit in CONTACT_LIMITS.items()
        if name in data
    }
    if "agreed_to_be_listed" in data:
        cleaned["agreed_to_be_listed"] = clean_flag(
            "agreed_to_be_listed", data["agreed_to_be_listed"]
        )
    return cleaned


@transaction.atomic
def add_key_contact(
    actor, team: Team, data: dict[str, Any], request: HttpRequest | None = None
) -> KeyContact:
    change = begin_change(actor, team, Section.KEY_CONTACTS, request)
    # Every field starts empty, so a missing one gets its "enter …" message.
    blank = {**dict.fromkeys(CONTACT_LIMITS, ""), "agreed_to_be_listed": False}
    cleaned = clean_contact({**blank, **data})
    profile = locked_profile(team)
    contact = KeyContact(profile=profile, **cleaned)
    contact._history_user = actor
    contact.save()
    change.done("support_profile.contact_added", profile, contact=contact.pk)
    return contact


def _begin_contact_change(actor, contact: KeyContact, request) -> Change:
    change = begin_change(actor, contact.profile.team, Section.KEY_CONTACTS, request)
    if not can_see_contact(change.standing, contact):
        raise NotAllowed(_("You cannot change this contact."))
    return change


@transaction.atomic
def change_key_contact(
    actor, contact: KeyContact, data: dict[str, Any], request: HttpRequest | None = None
) -> KeyContact:
    change = _begin_contact_change(actor, contact, request)
    cleaned = clean_contact(data)
    contact = (
        KeyContact.objects.select_for_update(of=("self",))
        .select_related("profile")
        .get(pk=contact.pk)
    )
    changed = sorted(diff({name: getattr(contact, name) for name in cleaned}, cleaned))
    if not changed:
        return contact
    for name in changed:
        setattr(contact, name, cleaned[name])
    contact._history_user = actor
    contact.save()
    change.done(
        "support_profile.contact_changed", contact.profile, contact=contact.pk, fields=changed
    )
    return contact


@transaction.atomic
def remove_key_contact(actor, contact: KeyContact, request: HttpRequest | None = None) -> None:
    """Take a contact off the profile (its earlier versions stay in the history)."""
    change = _begin_contact_change(actor, contact, request)
    profile, pk = contact.profile, contact.pk
    contact._history_user = actor
    contact.delete()
    change.done("support_profile.contact_removed", profile, contact=pk)
