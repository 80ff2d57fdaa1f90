"""The shapes of appointments and calendars in the JSON API."""

from datetime import datetime

from ninja import Field, Schema


class PersonRef(Schema):
    id: int
    name: str | None = Field(description="Null when the person does not share their name with you.")


class AttendeeOut(Schema):
    person: PersonRef
    role: str = Field(description="giver or observer")
    response: str = Field(description="invited, joined or declined (observers stay invited)")
    decline_reason: str = Field(description="The reason a giver gave for declining, if any.")


class AppointmentOut(Schema):
    id: int
    team_id: int
    team_name: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str = Field(description="home, out or online")
    place_detail: str
    support_kinds: list[str]
    status: str = Field(description="planned (waiting for givers), confirmed or cancelled")
    open_slot: bool = Field(description="Offered to the team: the first member to take it gives.")
    series_id: int | None = Field(description="The regular series it belongs to, if any.")
    cancel_reason: str
    attendees: list[AttendeeOut]
    my_response: str | None = Field(
        description="Your own answer if you are asked to give support at it; otherwise null."
    )


class BookIn(Schema):
    title: str = Field(max_length=120)
    starts_at: datetime = Field(
        description="ISO 8601 with an offset, e.g. 2025-03-03T09:00:00+00:00. Without an offset "
        "it is read as UK time."
    )
    ends_at: datetime
    place: str = Field(description="home, out or online")
    place_detail: str = Field("", max_length=200)
    support_kinds: list[str] = Field(
        description="personal_care, medicines, companionship, practical, out_and_about, online"
    )
    giver_ids: list[int] = Field([], description="Team members asked to give support.")
    observer_ids: list[int] = Field([], description="Team members invited to observe.")
    open_slot: bool = Field(False, description="Offer it to the team instead of asking givers.")


class DeclineIn(Schema):
    reason: str = Field("", max_length=300, description="Optional; the rota's arrangers see it.")
