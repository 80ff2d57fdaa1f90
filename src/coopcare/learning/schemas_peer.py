"""The shapes of welcome routes, pathways and peer supervision in the JSON API."""

from datetime import date, datetime

from ninja import Field, Schema


class PersonRef(Schema):
    id: int
    name: str | None = Field(description="Null when the person does not share their name with you.")


# --- Welcome routes ------------------------------------------------------------------------------


class TickOut(Schema):
    step: str = Field(description="buddy, circle_meeting, shadowing, learning_shown or supervisor.")
    label: str
    done: bool
    done_on: date | None
    done_by: PersonRef | None
    note: str


class RouteOut(Schema):
    id: int
    circle_id: int
    newcomer: PersonRef
    welcomer: PersonRef
    buddy: PersonRef | None
    started_on: date
    completed_on: date | None = Field(description="Set once every step is ticked.")


class RouteDetail(RouteOut):
    steps: list[TickOut] = Field(description="Every step, in order, ticked or not.")


class RoutePage(Schema):
    items: list[RouteOut]
    count: int = Field(description="Open routes and those completed in the last 90 days.")


class RouteIn(Schema):
    newcomer_id: int = Field(
        description="Someone in the circle or giving support in one of its teams."
    )
    welcomer_id: int | None = Field(
        None, description="A member of the circle; leave it out to welcome them yourself."
    )
    buddy_id: int | None = Field(
        None, description="Someone giving support in one of the circle's teams (optional)."
    )


class TickIn(Schema):
    step: str = Field(description="buddy, circle_meeting, shadowing, learning_shown or supervisor.")
    done: bool = Field(True, description="False unticks the step.")
    note: str = Field("", description="At most 300 characters.")


class BuddyIn(Schema):
    buddy_id: int


# --- Pathways ------------------------------------------------------------------------------------


class TopicStatusOut(Schema):
    slug: str
    name: str
    status: str = Field(description="valid, due (within 60 days), expired or missing.")
    done: bool = Field(description="In date (valid or due).")
    completed_on: date | None
    expires_on: date | None


class StageOut(Schema):
    id: int
    order: int
    name: str
    description: str
    steps: list[str]
    topics: list[TopicStatusOut] = Field(
        description="What to have in date before moving on, with your status for each."
    )
    reached_on: date | None = Field(description="When the journey reached it, if it did.")
    current: bool


class JourneyRef(Schema):
    id: int
    stage_id: int
    started_on: date
    stage_reached_on: date
    ended_on: date | None


class PathwayOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    stages: list[StageOut]
    journey: JourneyRef | None = Field(description="Your open journey on it, if any.")


class MoveOut(Schema):
    stage_id: int
    stage: str
    reached_on: date
    confirmed_by: PersonRef


class JourneyDetail(JourneyRef):
    person: PersonRef
    pathway_id: int
    pathway: str
    stages: list[StageOut]
    next_stage_id: int | None = Field(description="Null at the last stage.")
    missing: list[TopicStatusOut] = Field(
        description="The current stage's topics not in date: what is left before the next stage."
    )
    moves: list[MoveOut]


# --- Peer supervision ----------------------------------------------------------------------------


class PairOut(Schema):
    id: int
    supervisor: PersonRef
    supervisee: PersonRef
    asked_by_id: int
    status: str = Field(description="asked, active, declined or ended.")
    every_days: int = Field(description="Days between check-ins the pair agreed (7 to 90).")
    asked_at: datetime
    started_on: date | None
    ended_on: date | None
    last_check_in: date | None
    next_due: date | None = Field(description="When the next check-in is due (active pairs).")


class PairIn(Schema):
    person_id: int = Field(description="A co-op member or someone giving support in your circles.")
    kind: str = Field(
        "ask",
        description="ask: ask them to be your peer supervisor; offer: offer to supervise them.",
    )


class AnswerIn(Schema):
    accept: bool


class CadenceIn(Schema):
    every_days: int = Field(description="7 to 90.")


class CheckInOut(Schema):
    id: int
    held_on: date
    notes: str = Field(description="Private to the pair.")
    recorded_by: PersonRef
    recorded_at: datetime


class CheckInPage(Schema):
    items: list[CheckInOut]
    count: int


class CheckInIn(Schema):
    held_on: date = Field(description="Not in the future, not before the pair started.")
    notes: str = Field("", description="At most 5,000 characters.")
