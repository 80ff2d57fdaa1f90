"""Reading support profiles: only what the viewer may see, and every read by someone else logged.

Pages and the API both read through these functions, so they show the same things and write the
same access-log entries. A read lands in the access log of the person the data is about (the
team's owner, or the supporter) and so appears on their "who has viewed my data" page.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from coopcare.audit.services import record_read
from coopcare.supportprofiles.access import TeamProfile
from coopcare.supportprofiles.models import (
    DayPart,
    GettingSupportProfile,
    GivingSupportProfile,
    KeyContact,
    Skill,
    SupportKind,
    Weekday,
)
from coopcare.supportprofiles.scales import SCALE_BY_FIELD, SCALES
from coopcare.supportprofiles.sections import (
    GIVING_PROFILE_READ,
    SECTION_FIELDS,
    Audience,
    Section,
    logged_section,
)


def format_pence(pence: int | None) -> str:
    """1850 → '£18.50'. Integer arithmetic only: money is never a float here."""
    if pence is None:
        return ""
    return f"£{pence // 100:,}.{pence % 100:02d}"


@dataclass
class FieldView:
    name: str
    label: str
    value: Any  # as stored: text, or a scale's number (None when not answered)
    text: str  # as shown: a scale's answer in words; "" when nothing is written


@dataclass
class SectionView:
    key: str
    label: str
    fields: list[FieldView]
    contacts: list[KeyContact]
    audience: str
    audience_label: str
    is_default_audience: bool
    named_ids: list[int]  # filled for the owner side only
    named_labels: list[str]
    changed_by: Any = None
    changed_on_behalf_of: Any = None
    changed_at: datetime.datetime | None = None
    can_edit: bool = False
    audience_chosen_by: Any = None
    audience_chosen_on_behalf_of: Any = None
    audience_chosen_at: datetime.datetime | None = None

    @property
    def has_content(self) -> bool:
        return bool(self.contacts) or any(f.text for f in self.fields)


def _field_view(profile: GettingSupportProfile, name: str) -> FieldView:
    value = getattr(profile, name)
    if name in SCALE_BY_FIELD:
        scale = SCALE_BY_FIELD[name]
        return FieldView(name, str(scale.label), value, scale.describe(value))
    label = str(GettingSupportProfile._meta.get_field(name).verbose_name)
    return FieldView(name, label, value, value or "")


def section_view(access: TeamProfile, section: str) -> SectionView:
    row = access.rows.get(section)
    audience, named = access.audiences[section]
    owner_side = access.standing.owner_side
    people = list(row.named_people.all()) if row and row.audience == Audience.NAMED else []
    return SectionView(
        key=section,
        label=str(Section(section).label),
        fields=[_field_view(access.profile, name) for name in SECTION_FIELDS[section]],
        contacts=access.contacts if section == Section.KEY_CONTACTS else [],
        audience=audience,
        audience_label=str(Audience(audience).label),
        is_default_audience=not (row and row.audience),
        named_ids=named if owner_side else [],
        named_labels=[str(p) for p in people] if owner_side else [],
        changed_by=row.changed_by if row else None,
        changed_on_behalf_of=row.changed_on_behalf_of if row else None,
        changed_at=row.changed_at if row else None,
        can_edit=access.can_edit,
        audience_chosen_by=row.audience_chosen_by if row else None,
        audience_chosen_on_behalf_of=row.audience_chosen_on_behalf_of if row else None,
        audience_chosen_at=row.audience_chosen_at if row else None,
    )


def read_getting_profile(
    viewer,
    access: TeamProfile,
    request: HttpRequest | None = None,
    sections: list[str] | None = None,
) -> list[SectionView]:
    """The sections ``viewer`` may see (of ``sections``, if given), in the profile's order.

    Reads by anyone other than the owner side go into the owner's access log, naming the
    sections that had something in them.
    """
    wanted = [s for s in access.sections if sections is None or s in sections]
    views = [section_view(access, s) for s in wanted]
    seen = [v.key for v in views if v.has_content]
    if seen and not access.standing.owner_side:
        with transaction.atomic():
            record_read(
                "support_profile.viewed",
                actor=viewer,
                subject=access.team.owner,
                target=access.profile if access.profile.pk else access.team,
                request=request,
                detail={"sections": [logged_section(s) for s in seen], "team": access.team.pk},
            )
    return views


@dataclass
class GivingView:
    """What one viewer may see of a Giving Support Profile. Others see the postcode district."""

    person_id: int
    name: str
    is_self: bool
    about_me: str
    based_in: str
    postcode: str
    is_driver: bool
    support_kinds: list[str]
    support_kind_labels: list[str]
    hourly_rate_pence: int | None
    hourly_rate: str
    experience_years: int | None
    experience_background: str
    skills: list[str]
    skill_labels: list[str]
    other_skills: str
    languages: str
    interests: str
    availability: list[str]
    availability_rows: list[tuple[str, list[str]]]
    travel_miles: int | None
    travel_minutes: int | None
    minimum_booking_minutes: int | None
    open_to_new_owners: bool
    scales: list[dict[str, Any]]
    qualifications: list[dict[str, Any]] = field(default_factory=list)
    updated_at: datetime.datetime | None = None


def _availability_rows(slots: list[str]) -> list[tuple[str, list[str]]]:
    """Per weekday, the parts of the day ticked: [("Monday", ["Morning", "Evening"]), …]."""
    parts = dict(DayPart.choices)
    return [
        (str(label), [str(parts[p]) for p in DayPart.values if f"{day}-{p}" in slots])
        for day, label in Weekday.choices
    ]


def giving_view(viewer, profile: GivingSupportProfile) -> GivingView:
    is_self = viewer.pk == profile.person_id
    kinds, skills = dict(SupportKind.choices), dict(Skill.choices)
    return GivingView(
        person_id=profile.person_id,
        name=str(profile.person),
        is_self=is_self,
        about_me=profile.about_me,
        based_in=profile.based_in,
        postcode=profile.postcode if is_self else profile.postcode_district,
        is_driver=profile.is_driver,
        support_kinds=list(profile.support_kinds),
        support_kind_labels=[str(kinds[k]) for k in profile.support_kinds if k in kinds],
        hourly_rate_pence=profile.hourly_rate_pence,
        hourly_rate=format_pence(profile.hourly_rate_pence),
        experience_years=profile.experience_years,
        experience_background=profile.experience_background,
        skills=list(profile.skills),
        skill_labels=[str(skills[s]) for s in profile.skills if s in skills],
        other_skills=profile.other_skills,
        languages=profile.languages,
        interests=profile.interests,
        availability=list(profile.availability),
        availability_rows=_availability_rows(profile.availability),
        travel_miles=profile.travel_miles,
        travel_minutes=profile.travel_minutes,
        minimum_booking_minutes=profile.minimum_booking_minutes,
        open_to_new_owners=profile.open_to_new_owners,
        scales=[
            {
                "scale": s.key,
                "label": str(s.label),
                "value": getattr(profile, s.field),
                "text": s.describe(getattr(profile, s.field)),
            }
            for s in SCALES
        ],
        qualifications=[
            {
                "id": q.pk,
                "title": q.title,
                "accredited": q.accredited,
                "achieved_on": q.achieved_on,
            }
            for q in profile.qualifications.all()
        ],
        updated_at=profile.updated_at,
    )


def read_giving_profile(
    viewer, profile: GivingSupportProfile, request: HttpRequest | None = None
) -> GivingView:
    """The profile as ``viewer`` may see it; a read by someone else goes in the access log."""
    view = giving_view(viewer, profile)
    if not view.is_self:
        with transaction.atomic():
            record_read(
                "giving_profile.viewed",
                actor=viewer,
                subject=profile.person,
                target=profile,
                request=request,
                detail={"sections": [GIVING_PROFILE_READ]},
            )
    return view
