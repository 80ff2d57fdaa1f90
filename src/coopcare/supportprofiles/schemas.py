"""API shapes for support profiles. The editable fields come from the same lists as the forms."""

import datetime

from ninja import Field, Schema
from pydantic import create_model

from coopcare.supportprofiles.scales import SCALE_FIELDS
from coopcare.supportprofiles.sections import EDITABLE_FIELDS


class PersonRef(Schema):
    id: int
    name: str


class LastChanged(Schema):
    by: PersonRef | None
    on_behalf_of: PersonRef | None = Field(
        description="The owner, when a representative made the change for them."
    )
    at: datetime.datetime


class ContactOut(Schema):
    id: int
    name: str
    relationship: str
    how_to_reach: str
    agreed_to_be_listed: bool


class ContactIn(Schema):
    name: str
    relationship: str
    how_to_reach: str
    agreed_to_be_listed: bool = False


class ContactPatch(Schema):
    name: str | None = None
    relationship: str | None = None
    how_to_reach: str | None = None
    agreed_to_be_listed: bool | None = None


class SectionOut(Schema):
    section: str
    label: str
    audience: str
    audience_label: str
    named_people: list[int] = Field(description="Filled in for the owner side only.")
    fields: dict[str, str | int | None] = Field(
        description="The section's fields: text, or a scale's point from 1 to 5 (null: not "
        "answered). Empty for key contacts."
    )
    contacts: list[ContactOut]
    last_changed: LastChanged | None


class GettingProfileOut(Schema):
    team_id: int
    owner: PersonRef
    can_edit: bool = Field(description="You may change the sections you can see.")
    can_choose_audiences: bool
    sections: list[SectionOut] = Field(description="Only the sections you may see.")


class AudienceIn(Schema):
    audience: str = Field(description="owner · named · team · team_and_supporters")
    named_people: list[int] = Field(default_factory=list, description="For “named” only.")


# Every field of every section, each optional: send only what you change. A field from another
# section than the one in the path is refused with a 400 naming it.
SectionPatch = create_model(
    "SectionPatch",
    __base__=Schema,
    **{
        name: ((int | None) if name in SCALE_FIELDS else (str | None), None)
        for name in sorted(EDITABLE_FIELDS)
    },
)


class QualificationIn(Schema):
    title: str
    achieved_on: datetime.date
    accredited: bool = False


class QualificationOut(Schema):
    id: int
    title: str
    accredited: bool
    achieved_on: datetime.date


class ScaleOut(Schema):
    scale: str
    label: str
    value: int | None


class GivingProfileOut(Schema):
    person_id: int
    name: str
    about_me: str
    based_in: str
    postcode: str = Field(description="Yours in full; someone else's district only.")
    is_driver: bool
    support_kinds: list[str]
    hourly_rate_pence: int | None = Field(description="Integer pence: 2150 is £21.50.")
    experience_years: int | None
    experience_background: str
    skills: list[str]
    other_skills: str
    languages: str
    interests: str
    availability: list[str] = Field(description="Slots such as “monday-morning”.")
    travel_miles: int | None
    travel_minutes: int | None
    minimum_booking_minutes: int | None
    open_to_new_owners: bool
    scales: list[ScaleOut]
    qualifications: list[QualificationOut]
    updated_at: datetime.datetime | None


class _GivingPatchBase(Schema):
    about_me: str | None = None
    based_in: str | None = None
    postcode: str | None = None
    is_driver: bool | None = None
    support_kinds: list[str] | None = None
    hourly_rate_pence: int | None = Field(
        default=None, description="Integer pence; independent workers only. null clears it."
    )
    experience_years: int | None = None
    experience_background: str | None = None
    skills: list[str] | None = None
    other_skills: str | None = None
    languages: str | None = None
    interests: str | None = None
    availability: list[str] | None = None
    travel_miles: int | None = None
    travel_minutes: int | None = None
    minimum_booking_minutes: int | None = None
    open_to_new_owners: bool | None = None


GivingProfilePatch = create_model(
    "GivingProfilePatch",
    __base__=_GivingPatchBase,
    **{name: (int | None, None) for name in SCALE_FIELDS},
)
