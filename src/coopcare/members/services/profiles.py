"""A person's profile and privacy choices: editing them, and reading someone else's.

Pages and the JSON API call these same functions, so every rule (who may edit, what is valid,
what is audited) lives here once.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from coopcare.audit.services import diff, record, record_read
from coopcare.circles.models import Hat
from coopcare.errors import DomainError, NotAllowed
from coopcare.members.models import (
    DEFAULT_AUDIENCE,
    Audience,
    Membership,
    PrivacyChoice,
    Profile,
    Section,
)
from coopcare.members.privacy import visible_sections

User = get_user_model()

# Field → longest text accepted. Matches the model where it has a limit; text areas get a
# generous one so a pasted document cannot fill the database.
PROFILE_FIELDS: dict[str, int] = {
    "name": 120,
    "pronouns": 40,
    "phone": 40,
    "address": 500,
    "postcode": 10,
    "languages": 200,
    "communication_needs": 2000,
}
POSTCODE_RE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})$")
PHONE_RE = re.compile(r"^\+?[0-9 ()\-]+$")


def _clean_text(name: str, value: Any) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("Enter text here."), field=name)
    # PostgreSQL refuses NUL characters; refuse them here, with a message, instead of a 500.
    if "\x00" in value:
        raise DomainError(_("Remove the invisible control characters from this text."), field=name)
    value = value.strip()
    if len(value) > PROFILE_FIELDS[name]:
        raise DomainError(
            _("Use %(max)d characters or fewer.") % {"max": PROFILE_FIELDS[name]}, field=name
        )
    return value


def normalise_postcode(value: str) -> str:
    """'ls61aa' → 'LS6 1AA'. Raises DomainError if it is not a UK postcode."""
    compact = re.sub(r"\s+", "", value).upper()
    if not POSTCODE_RE.match(compact):
        raise DomainError(_("Enter a UK postcode, like LS6 1AA."), field="postcode")
    return f"{compact[:-3]} {compact[-3:]}"


def clean_profile_value(name: str, value: Any) -> str:
    """One profile field, checked and tidied; raises DomainError naming the field."""
    text = _clean_text(name, value)
    if name == "name" and not text:
        raise DomainError(_("Enter the name you use."), field="name")
    if name == "postcode" and text:
        return normalise_postcode(text)
    if name == "phone" and text:
        digits = sum(ch.isdigit() for ch in text)
        if not PHONE_RE.match(text) or not 10 <= digits <= 15:
            raise DomainError(
                _("Enter a phone number, like 07700 900123 or +44 7700 900123."), field="phone"
            )
    if name == "languages":
        return ", ".join(part.strip() for part in text.split(",") if part.strip())
    return text


@transaction.atomic
def update_profile(actor, person, data: dict, request: HttpRequest | None = None) -> Profile:
    """Change the given fields of the person's own profile (creating it if missing)."""
    if actor is None or actor.pk != person.pk:
        raise NotAllowed(_("Only the person themself can change their profile."))
    unknown = sorted(set(data) - set(PROFILE_FIELDS))
    if unknown:
        raise DomainError(
            _("These cannot be changed here: %(fields)s.") % {"fields": ", ".join(unknown)},
            field=unknown[0],
        )
    cleaned = {name: clean_profile_value(name, value) for name, value in data.items()}
    profile, _created = Profile.objects.select_for_update(of=("self",)).get_or_create(person=person)
    before = {name: getattr(profile, name) for name in cleaned}
    changes = diff(before, cleaned)
    if changes:
        for name, value in cleaned.items():
            setattr(profile, name, value)
        profile._history_user = actor  # the field history names who changed it, API included
        profile.save()
        record(
            "profile.updated",
            actor=actor,
            subject=person,
            target=profile,
            request=request,
            changes=changes,
        )
    person.profile = profile
    return profile


def _named_ids(named_people: Iterable[Any]) -> list[int]:
    ids: set[int] = set()
    for item in named_people:
        pk = getattr(item, "pk", item)
        try:
            number = int(pk)
        except (TypeError, ValueError):
            number = 0
        # An id the database cannot hold would fail as an overflow (a 500), not as bad input.
        if isinstance(pk, bool) or not 0 < number < 2**63:
            raise DomainError(_("Choose people from the list."), field="named_people")
        ids.add(number)
    return sorted(ids)


@transaction.atomic
def set_privacy_choice(
    actor,
    person,
    section: str,
    audience: str,
    named_people: Iterable[Any] = (),
    request: HttpRequest | None = None,
) -> PrivacyChoice:
    """Choose who may see one section of the person's own data."""
    if actor is None or actor.pk != person.pk:
        raise NotAllowed(_("Only the person themself can change their privacy choices."))
    if section not in Section.values:
        raise DomainError(_("Choose one of the sections listed."), field="section")
    if audience not in Audience.values:
        raise DomainError(_("Choose who can see this."), field="audience")
    ids = _named_ids(named_people) if audience == Audience.NAMED else []
    if audience == Audience.NAMED:
        if not ids:
            raise DomainError(
                _("Choose at least one person, or choose a different audience."),
                field="named_people",
            )
        if person.pk in ids:
            raise DomainError(
                _("You can always see your own data; choose other people."), field="named_people"
            )
        found = User.objects.filter(pk__in=ids, is_active=True).count()
        if found != len(ids):
            raise DomainError(
                _("Some of the people chosen cannot be named. Choose people from the list."),
                field="named_people",
            )

    choice = (
        PrivacyChoice.objects.select_for_update(of=("self",))
        .filter(person=person, section=section)
        .first()
    )
    if choice is None:
        before = {"audience": str(DEFAULT_AUDIENCE[section]), "named_people": []}
        choice = PrivacyChoice(person=person, section=section)
    else:
        before = {
            "audience": choice.audience,
            "named_people": sorted(choice.named_people.values_list("pk", flat=True)),
        }
        if before == {"audience": audience, "named_people": ids}:
            return choice
    choice.audience = audience
    choice._history_user = actor
    choice.save()
    choice.named_people.set(ids)
    after = {"audience": audience, "named_people": ids}
    record(
        "privacy.changed",
        actor=actor,
        subject=person,
        target=choice,
        request=request,
        changes=diff(before, after),
        detail={"section": section},
    )
    return choice


@dataclass
class PersonView:
    """What one viewer may see of one person. ``None`` means hidden; ``""`` means not given."""

    person_id: int
    sections: list[str]
    is_self: bool
    name: str | None = None
    pronouns: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    postcode: str | None = None
    languages: str | None = None
    communication_needs: str | None = None
    memberships: list[dict[str, Any]] | None = None
    hats: list[dict[str, Any]] | None = None


def _memberships(person) -> list[dict[str, Any]]:
    return [
        {
            "member_class": m.member_class,
            "label": m.get_member_class_display(),
            "worker_kind": m.get_worker_kind_display() if m.worker_kind else "",
            "since": m.started_at.date(),
        }
        for m in Membership.objects.active().filter(person=person).order_by("started_at")
    ]


def _hats(person) -> list[dict[str, Any]]:
    hats = Hat.objects.current().filter(holder=person).select_related("hat_type", "circle")
    return [
        {
            "hat": h.hat_type.name,
            "circle": h.circle.name,
            "circle_id": h.circle_id,
            "review_on": h.review_on,
        }
        for h in hats
    ]


def read_person(viewer, person, request: HttpRequest | None = None) -> PersonView:
    """The sections of ``person`` that ``viewer`` may see, recorded in the person's access log.

    Callers fetch ``person`` through ``members.access.get_person_for`` first; this function
    applies the privacy rule section by section and writes the read to the access log, so the
    person can see who looked at their data, from a page or from the API.
    """
    sections = visible_sections(viewer, person)
    profile = getattr(person, "profile", None) or Profile(person=person)
    view = PersonView(person_id=person.pk, sections=sections, is_self=viewer.pk == person.pk)
    if Section.NAME in sections:
        view.name, view.pronouns = profile.name, profile.pronouns
    if Section.CONTACT in sections:
        view.email, view.phone, view.address = person.email, profile.phone, profile.address
    if Section.LOCATION in sections:
        view.postcode = profile.postcode
    if Section.LANGUAGES in sections:
        view.languages, view.communication_needs = profile.languages, profile.communication_needs
    if Section.MEMBERSHIP in sections:
        view.memberships = _memberships(person)
    if Section.HATS in sections:
        view.hats = _hats(person)
    if sections and not view.is_self:
        with transaction.atomic():
            record_read(
                "profile.viewed",
                actor=viewer,
                subject=person,
                target=profile if profile.pk else person,
                request=request,
                detail={"sections": sections},
            )
    return view
