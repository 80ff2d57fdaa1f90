"""The shapes of the Team Starter's later steps in the JSON API (``starting.api_steps``).

Text limits are the pages' form limits, so the API refuses (422) what a page would refuse
rather than letting a service shorten it without saying.
"""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from coopcare.starting.schemas import SharedPart

CallOutPart = Literal["key_needs", "where_and_when", "qualities", "relationship"]


class CallOutIn(Schema):
    key_needs: str = Field("", max_length=3000, description="Key needs and preferences.")
    where_and_when: str = Field("", max_length=3000)
    qualities: str = Field("", max_length=3000, description="Qualities and experience wanted.")
    relationship: str = Field("", max_length=3000, description="The relationship hoped for.")
    shared_fields: list[CallOutPart] = Field(
        [], description="The parts the person agreed to share; only these are ever shown."
    )
    consent: bool = Field(
        False, description="Confirms the person agreed to share these parts with this audience."
    )
    audience: str = Field(description="named, circle or recruiter.")
    named_emails: list[str] = Field(
        [], max_length=50, description="Members to share it with, when the audience is named."
    )


class InterestDetail(Schema):
    id: int
    person_name: str
    message: str
    status: str
    status_note: str
    created_at: datetime
    updated_at: datetime


class MyInterest(Schema):
    id: int
    status: str
    created_at: datetime


class CallOutDetail(Schema):
    id: int
    local_circle: str
    published_at: datetime
    status: str
    shared: list[SharedPart] = Field(description="Only the parts the person agreed to share.")
    mine: MyInterest | None = Field(description="Your own answer to it, if you gave one.")
    can_express_interest: bool
    can_follow_up: bool
    case: int | None = Field(description="The case, for its Team Starter.")
    interests: list[InterestDetail] | None = Field(
        description="Who is interested: for the Team Starter and the person's side only."
    )


class CaseCallOut(Schema):
    id: int
    published_at: datetime
    status: str
    audience: str
    interested: int


class FollowUpIn(Schema):
    status: str = Field(description="new, contacted, meeting or not_going_ahead.")
    note: str = Field("", max_length=2000)


class CasePersonIn(Schema):
    email: str = Field(max_length=320)
    action: Literal["link", "invite"] = Field(
        description="link an account that uses this address, or invite them to make one."
    )


class CasePersonOut(Schema):
    case: int
    person: int | None = Field(description="The linked account.")
    invited_email: str = Field(description="Where an invitation waits to be accepted.")
    invited_at: datetime | None


class StartTeamIn(Schema):
    name: str = Field("", max_length=120, description="Empty for “Team” and the person's name.")


class CaseTeamOut(Schema):
    case: int
    team: int
    name: str
    status: str


NOTE = Field("", max_length=5000)


class RelationshipIn(Schema):
    talked_on: date | None = Field(None, description="The date of the longer conversation.")
    daily_life: str = NOTE
    support_wanted: str = NOTE
    support_not_wanted: str = NOTE
    preferences: str = NOTE
    risks: str = NOTE


class RelationshipOut(Schema):
    case: int
    talked_on: date | None
    daily_life: str
    support_wanted: str
    support_not_wanted: str
    preferences: str
    risks: str


class PassOnIn(Schema):
    local_circle: str = Field(description="Slug of the local circle to pass it to.")


class PassedOnOut(Schema):
    id: int
    local_circle: str
    can_view: bool = Field(description="Whether you still see it (you may not start teams there).")


class ReadinessIn(Schema):
    rota_running: bool
    rota_note: str = Field("", max_length=2000, description="How you know the rota is running.")
    owner_informed: bool = Field(
        description="The person (or their advocate) knows and is involved."
    )


class HatHeld(Schema):
    hat: str
    name: str
    held: bool = Field(description="Worn by a team member other than the Team Starter.")


class ContactOut(Schema):
    id: int
    name: str
    role: str
    organisation: str
    how_to_reach: str
    holder: int
    holder_name: str
    handed_over_at: datetime | None


class ReadinessOut(Schema):
    case: int
    team_started: bool
    hats: list[HatHeld]
    rota_running: bool
    rota_note: str
    owner_informed: bool
    contacts_handed_over: bool
    contacts: list[ContactOut]
    ready: bool
    missing: list[str] = Field(
        description="What stands between the Team Starter and stepping back."
    )


class ContactIn(Schema):
    name: str = Field("", max_length=120)
    role: str = Field("", max_length=120, description="For example: social worker, referrer.")
    organisation: str = Field("", max_length=160)
    how_to_reach: str = Field("", max_length=2000)


class HandOverIn(Schema):
    holder: int = Field(description="The team member who will hold the relationship.")


class SteppedBackOut(Schema):
    case: int
    team: int
    team_status: str
    stepped_back_at: datetime


class AudienceIn(Schema):
    audience: str = Field(description="owner_side, team or team_and_starter.")


class AudienceOut(Schema):
    team: int
    kind: str
    audience: str
