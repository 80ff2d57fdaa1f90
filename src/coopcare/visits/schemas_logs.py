"""The shapes of care logs in the JSON API."""

from datetime import datetime

from ninja import Field, Schema


class PersonRef(Schema):
    id: int
    name: str | None = Field(description="Null when the person does not share their name with you.")


class SideOut(Schema):
    person: PersonRef
    role: str = Field(description="receiver (the person getting support) or giver")
    confirmed: bool = Field(description="Whether this side has confirmed the current version.")
    confirmed_by: PersonRef | None = Field(
        description="Who clicked: the person, or someone acting for the owner."
    )
    confirmed_at: datetime | None


class CareLogSummary(Schema):
    id: int
    appointment_id: int
    team_id: int
    title: str
    status: str = Field(description="pending, confirmed, disputed or superseded")
    version: int
    started_at: datetime
    ended_at: datetime
    minutes: int
    corrects_id: int | None = Field(description="The confirmed log this one corrects, if any.")
    confirmed_at: datetime | None
    auto_confirmed: bool


class DisputeOut(Schema):
    by: PersonRef | None
    at: datetime | None
    reason: str
    settled: bool
    outcome_note: str = Field(description="What the Coach wrote when they settled it.")


class CareLogOut(CareLogSummary):
    planned_starts_at: datetime
    planned_ends_at: datetime
    mood: str = Field(description="good, ok, low, upset, unwell, or empty")
    tasks: list[str] = Field(
        description="personal_care, medicines, food_and_drink, bedding, toileting, housework, "
        "shopping, company, outing"
    )
    food_and_drink: str
    eaten: str = Field(description="all, most, some, little, none, not_offered, or empty")
    follow_up: str
    water_in_reach: bool | None
    pendant_in_reach: bool | None
    notes: str
    adjusted_by: PersonRef | None
    adjusted_at: datetime | None
    dispute: DisputeOut | None
    participants: list[SideOut]
    waiting_for_me: bool = Field(description="You (or the owner you act for) have yet to confirm.")


class VisitNoteIn(Schema):
    """Only the fields you send change."""

    started_at: datetime | None = Field(None, description="The actual start, with a time zone.")
    ended_at: datetime | None = None
    mood: str | None = None
    tasks: list[str] | None = None
    food_and_drink: str | None = None
    eaten: str | None = None
    follow_up: str | None = None
    water_in_reach: bool | None = None
    pendant_in_reach: bool | None = None
    notes: str | None = None


class CorrectIn(VisitNoteIn):
    reason: str = Field("", description="Why the confirmed log needs correcting.")


class DisputeIn(Schema):
    reason: str = Field(description="What you disagree with; the Coach and the visit read it.")


class ResolveIn(Schema):
    outcome_note: str = Field(description="What was agreed.")
    started_at: datetime | None = Field(None, description="The agreed start, if it changes.")
    ended_at: datetime | None = Field(None, description="The agreed end, if it changes.")
