"""Changing a person's own Giving Support Profile and its qualifications.

Only the person themself writes it. Two rules of the co-op are checked here: a volunteer never
offers regulated activity (personal care, medicines: playbook §1.2), and only independent
workers set an hourly rate — employed workers are paid by the co-op and volunteers are unpaid.
Money is integer pence from the form to the database, never a float.
"""

import datetime
import re
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopcare.audit.services import diff, record
from coopcare.errors import DomainError, NotAllowed
from coopcare.members.models import MemberClass, Membership, WorkerKind
from coopcare.supportprofiles.models import (
    REGULATED_KINDS,
    SLOTS,
    TEXT_LIMIT,
    GivingSupportProfile,
    Qualification,
    Skill,
    SupportKind,
)
from coopcare.supportprofiles.scales import SCALE_FIELDS
from coopcare.supportprofiles.services.checks import (
    clean_choices,
    clean_flag,
    clean_scale,
    clean_text,
    clean_whole_number,
)
from coopcare.teams.models import MemberKind, TeamMember

MAX_RATE_PENCE = 50_000  # £500 an hour: far above any real rate, low enough to catch a typo
TEXT_FIELDS = {
    "about_me": TEXT_LIMIT,
    "based_in": 120,
    "experience_background": TEXT_LIMIT,
    "other_skills": 300,
    "languages": 200,
    "interests": TEXT_LIMIT,
}
FLAG_FIELDS = ("is_driver", "open_to_new_owners")
NUMBER_FIELDS: dict[str, tuple[int, int, Promise]] = {
    "experience_years": (0, 80, gettext_lazy("Enter a number of years from 0 to 80.")),
    "travel_miles": (0, 500, gettext_lazy("Enter a distance from 0 to 500 miles.")),
    "travel_minutes": (0, 240, gettext_lazy("Enter a time from 0 to 240 minutes.")),
    "minimum_booking_minutes": (
        15,
        1440,
        gettext_lazy("Enter a length from 15 to 1,440 minutes (24 hours)."),
    ),
}
CHOICE_FIELDS: dict[str, tuple[str, ...]] = {
    "support_kinds": tuple(SupportKind.values),
    "skills": tuple(Skill.values),
    "availability": SLOTS,
}
GIVING_FIELDS = frozenset(
    {*TEXT_FIELDS, *FLAG_FIELDS, *NUMBER_FIELDS, *CHOICE_FIELDS, *SCALE_FIELDS}
    | {"postcode", "hourly_rate_pence"}
)
FULL_POSTCODE_RE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})$")
DISTRICT_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def normalise_postcode(value: Any) -> str:
    """'ls61aa' → 'LS6 1AA'; 'ls6' → 'LS6' (a district alone is enough); '' stays ''."""
    text = clean_text("postcode", value, 10)
    compact = re.sub(r"\s+", "", text).upper()
    if not compact:
        return ""
    if FULL_POSTCODE_RE.match(compact):
        return f"{compact[:-3]} {compact[-3:]}"
    if DISTRICT_RE.match(compact):
        return compact
    raise DomainError(
        _("Enter a UK postcode, like LS6 1AA, or just its first part, like LS6."), field="postcode"
    )


def _is_volunteer(person) -> bool:
    return (
        Membership.objects.active()
        .filter(person=person, member_class=MemberClass.WORKER, worker_kind=WorkerKind.VOLUNTEER)
        .exists()
    )


def _is_independent_worker(person) -> bool:
    return (
        Membership.objects.active()
        .filter(person=person, member_class=MemberClass.WORKER, worker_kind=WorkerKind.INDEPENDENT)
        .exists()
        or TeamMember.objects.current()
        .filter(person=person, kind=MemberKind.INDEPENDENT_WORKER)
        .exists()
    )


def clean_giving(person, data: dict[str, Any]) -> dict[str, Any]:
    """The given fields, tidied and checked against the co-op's rules for this person."""
    unknown = sorted(set(data) - GIVING_FIELDS)
    if unknown:
        raise DomainError(
            _("These cannot be changed here: %(fields)s.") % {"fields": ", ".join(unknown)},
            field=unknown[0],
        )
    cleaned: dict[str, Any] = {}
    for name, value in data.items():
        if name in TEXT_FIELDS:
            cleaned[name] = clean_text(name, value, TEXT_FIELDS[name])
        elif name in FLAG_FIELDS:
            cleaned[name] = clean_flag(name, value)
        elif name in NUMBER_FIELDS:
            low, high, message = NUMBER_FIELDS[name]
            cleaned[name] = clean_whole_number(name, value, low, high, str(message))
        elif name in CHOICE_FIELDS:
            cleaned[name] = clean_choices(name, value, CHOICE_FIELDS[name])
        elif name in SCALE_FIELDS:
            cleaned[name] = clean_scale(name, value)
        elif name == "postcode":
            cleaned[name] = normalise_postcode(value)
        elif name == "hourly_rate_pence":
            cleaned[name] = clean_whole_number(
                name,
                value,
                1,
                MAX_RATE_PENCE,
                _("Enter an hourly rate between £0.01 and £%(max)d.")
                % {"max": MAX_RATE_PENCE // 100},
            )
    if REGULATED_KINDS & set(cleaned.get("support_kinds", [])) and _is_volunteer(person):
        raise DomainError(
            _(
                "Volunteers do not give personal care or help with medicines. Untick them, or "
                "talk to your Coach about becoming an employed or independent worker."
            ),
            field="support_kinds",
        )
    if cleaned.get("hourly_rate_pence") is not None and not _is_independent_worker(person):
        raise DomainError(
            _(
                "Only independent (self-employed) workers set their own hourly rate. Leave it "
                "empty."
            ),
            field="hourly_rate_pence",
        )
    return cleaned


@transaction.atomic
def update_giving_profile(
    actor, person, data: dict[str, Any], request: HttpRequest | None = None
) -> GivingSupportProfile:
    """Change the given fields of the person's own profile, creating it on first save."""
    if actor is None or actor.pk != person.pk:
        raise NotAllowed(_("Only the person themself can change their Giving Support Profile."))
    cleaned = clean_giving(person, data)
    profile, created = GivingSupportProfile.objects.select_for_update(of=("self",)).get_or_create(
        person=person
    )
    changes = diff({name: getattr(profile, name) for name in cleaned}, cleaned)
    if changes or created:
        for name, value in cleaned.items():
            setattr(profile, name, value)
        profile._history_user = actor
        profile.save()
        record(
            "giving_profile.created" if created else "giving_profile.changed",
            actor=actor,
            target=profile,
            subject=person,
            request=request,
            changes=changes,
        )
    return profile


def clean_qualification(data: dict[str, Any]) -> dict[str, Any]:
    title = clean_text(
        "title", data.get("title"), 200, _("Enter the name of the qualification or training.")
    )
    achieved_on = data.get("achieved_on")
    if not isinstance(achieved_on, datetime.date) or isinstance(achieved_on, datetime.datetime):
        raise DomainError(_("Enter the date you achieved it."), field="achieved_on")
    if achieved_on > timezone.localdate():
        raise DomainError(_("The date achieved must be today or in the past."), field="achieved_on")
    if achieved_on.year < 1900:
        raise DomainError(_("Enter a date after 1900."), field="achieved_on")
    return {
        "title": title,
        "achieved_on": achieved_on,
        "accredited": clean_flag("accredited", data.get("accredited", False)),
    }


@transaction.atomic
def add_qualification(
    actor, person, data: dict[str, Any], request: HttpRequest | None = None
) -> Qualification:
    if actor is None or actor.pk != person.pk:
        raise NotAllowed(_("Only the person themself can add to their qualifications."))
    cleaned = clean_qualification(data)
    profile, _created = GivingSupportProfile.objects.get_or_create(person=person)
    qualification = Qualification(profile=profile, **cleaned)
    qualification._history_user = actor
    qualification.save()
    record(
        "giving_profile.qualification_added",
        actor=actor,
        target=qualification,
        subject=person,
        request=request,
        detail={"title": cleaned["title"], "achieved_on": cleaned["achieved_on"].isoformat()},
    )
    return qualification


@transaction.atomic
def remove_qualification(actor, qualification: Qualification, request=None) -> None:
    if actor is None or qualification.profile.person_id != actor.pk:
        raise NotAllowed(_("Only the person themself can remove their qualifications."))
    title, pk = qualification.title, qualification.pk
    qualification._history_user = actor
    qualification.delete()
    record(
        "giving_profile.qualification_removed",
        actor=actor,
        subject=actor,
        target=None,
        request=request,
        detail={"qualification": pk, "title": title},
    )
