"""The shapes of acting for the owner (representatives) and leaving a team in the JSON API."""

from datetime import date, datetime

from ninja import Field, Schema

from coopcare.teams.schemas import LeaveOut, PersonRef


class RepresentativeItem(Schema):
    id: int
    team_id: int
    person: PersonRef
    role: str = Field(description="representative, advocate, attorney or guardian")
    scope: list[str] = Field(
        description="What they may do for the owner: approve_members, sign_promise, "
        "manage_profile, team_decisions or arrange_support."
    )
    starts_on: date
    ends_on: date = Field(description="The last day they act for the owner.")
    ended_at: datetime | None = Field(description="When it was ended early, if it was.")
    current: bool = Field(description="Whether they act for the owner today.")
    recorded_by: PersonRef


class RepresentativeIn(Schema):
    email: str = Field(description="The email address of their coopcare account.")
    role: str = Field(description="representative, advocate, attorney or guardian")
    scope: list[str] = Field(
        description="At least one of approve_members, sign_promise, manage_profile, "
        "team_decisions, arrange_support. Someone acting for the owner passes on only what "
        "they may do themself."
    )
    ends_on: date = Field(description="In the future, and within ten years.")


class HatToHandOverOut(Schema):
    id: int = Field(description="Use it to take the hat off for leaving.")
    hat_type: str = Field(description="The hat type's slug.")
    name: str
    ends_on: date | None = Field(description="When it comes off now, if a day is set.")


class LeaveDetail(LeaveOut):
    person: PersonRef = Field(description="Who is leaving.")
    given_at: datetime
    closed_at: datetime | None = Field(description="When they left or withdrew their notice.")
    farewell: str = Field(description="Their message to the team.")
    reflection: str | None = Field(
        description="Their reflection: null unless they shared it with the team, or you are "
        "the leaver or on the owner's side."
    )
    reflection_shared: bool
    hats: list[HatToHandOverOut] = Field(
        description="The hats in ``hats_to_hand_over``, with the ids to take them off by."
    )
    hat_end: date | None = Field(
        description="The day a hat taken off now comes off (null once the notice is closed)."
    )
    yours: bool = Field(description="You are the leaver: you may take off hats, go or stay.")
