"""The shapes of learning sessions, places, feedback and teachers in the JSON API.

Times are ISO 8601 with their offset; a time sent without one is read as UK time. Text limits
are the pages' form limits, so the API refuses (422) what a page would refuse.
"""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from coopcare.learning.services.sessions import (
    MAX_CAPACITY,
    MAX_DESCRIPTION,
    MAX_PLACE,
    MAX_REASON,
    MAX_TITLE,
)
from coopcare.learning.services.teachers import MAX_COMMENT, MAX_NOTE

Kind = Literal[
    "buddy",
    "team_meeting",
    "education_slot",
    "one_to_one",
    "shadowing",
    "action_learning",
    "critical_thinking",
    "feedback",
    "external_course",
]
Where = Literal["team", "circle", "community", "online"]
Level = Literal["associate", "teacher"]


class PersonRef(Schema):
    id: int
    name: str


class TeacherRef(PersonRef):
    recognition: Level | None = Field(
        description="associate (Associate Teacher) or teacher, as recognised by the session's "
        "circle; null if not recognised."
    )


class TopicRef(Schema):
    slug: str
    name: str
    observed: bool = Field(description="A competence signed off by a facilitator who holds it.")


class MyPlaceOut(Schema):
    status: Literal["booked", "waiting", "attended", "absent"]
    waiting_position: int | None = Field(description="1 for the first on the waiting list.")


class SessionOut(Schema):
    id: int
    kind: Kind
    title: str
    description: str
    status: Literal["open", "completed", "cancelled"]
    circle_id: int
    team_id: int | None = Field(description="Set for a team's session: only that team sees it.")
    setting: Where
    place_detail: str
    area: str = Field(description="The postcode district, like LS6; empty online.")
    starts_at: datetime
    ends_at: datetime
    capacity: int
    places_left: int
    waiting: int = Field(description="How many are on the waiting list.")
    facilitators: list[TeacherRef]
    topics: list[TopicRef]
    distance: str | None = Field(
        None,
        description="In lists: In your team, In your circle, Nearby, Online or Elsewhere.",
    )
    my_place: MyPlaceOut | None = Field(description="Your place, if you hold one.")


class PlaceRow(Schema):
    person: PersonRef
    status: Literal["booked", "waiting", "attended", "absent"]


class SessionDetail(SessionOut):
    cancel_reason: str
    completed_at: datetime | None
    can_manage: bool = Field(description="You facilitate it or are the circle's Learning Lead.")
    places: list[PlaceRow] | None = Field(
        description="Who holds a place (for those who run it); null for everyone else."
    )
    average_rating: float | None = Field(description="For those who run it, once rated.")


class SessionPage(Schema):
    items: list[SessionOut]
    count: int = Field(description="How many sessions match, over every page.")


class SessionIn(Schema):
    kind: Kind
    title: str = Field(max_length=MAX_TITLE)
    description: str = Field("", max_length=MAX_DESCRIPTION)
    topic_slugs: list[str] = Field(
        default_factory=list, description="Slugs of current topics of the circle's policy."
    )
    setting: Where
    team_id: int | None = Field(None, description="A team you are in (setting team).")
    circle_id: int | None = Field(None, description="One of your circles (other settings).")
    place_detail: str = Field("", max_length=MAX_PLACE)
    area: str = Field("", max_length=10, description="A postcode district like LS6.")
    starts_at: datetime
    ends_at: datetime = Field(description="After it starts, at most 12 hours later.")
    capacity: int = Field(8, ge=1, le=MAX_CAPACITY)
    co_facilitator_ids: list[int] = Field(
        default_factory=list, description="Up to 5 people taking part in the circle."
    )


class SessionPatch(Schema):
    """Only the fields sent are changed."""

    kind: Kind | None = None
    title: str | None = Field(None, max_length=MAX_TITLE)
    description: str | None = Field(None, max_length=MAX_DESCRIPTION)
    topic_slugs: list[str] | None = None
    setting: Where | None = None
    team_id: int | None = None
    circle_id: int | None = None
    place_detail: str | None = Field(None, max_length=MAX_PLACE)
    area: str | None = Field(None, max_length=10)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    capacity: int | None = Field(None, ge=1, le=MAX_CAPACITY)
    co_facilitator_ids: list[int] | None = None


class CancelIn(Schema):
    reason: str = Field(max_length=MAX_REASON, description="Told to everyone booked or waiting.")


class Mark(Schema):
    person_id: int
    attended: bool


class AttendanceIn(Schema):
    marks: list[Mark] = Field(description="For people holding a place.")


class FeedbackIn(Schema):
    rating: int = Field(ge=1, le=5, description="1 not useful … 5 very useful.")
    comment: str = Field("", max_length=MAX_COMMENT)


class FeedbackOut(Schema):
    rating: int
    comment: str
    created_at: datetime


class RecordCount(Schema):
    topic: str
    records: int


class TeachingOut(SessionOut):
    average_rating: float | None
    feedback: list[FeedbackOut] = Field(description="Without the names of who gave it.")
    records: list[RecordCount] = Field(description="Learning records the session wrote.")


class TeachingPage(Schema):
    items: list[TeachingOut]
    count: int


class RecognitionOut(Schema):
    id: int
    person: PersonRef
    circle_id: int
    level: Level
    note: str
    recognised_on: date
    ended_on: date | None


class TeacherRow(Schema):
    person: PersonRef
    takes_part_as: list[str] = Field(
        description="Membership classes, or how they are in a team if not a member."
    )
    sessions: int = Field(description="Sessions facilitated in the circle (not cancelled).")
    average_rating: float | None
    recognition: RecognitionOut | None


class TeacherPage(Schema):
    items: list[TeacherRow]
    count: int


class RecogniseIn(Schema):
    person_id: int
    level: Level
    note: str = Field("", max_length=MAX_NOTE)


class KindFiguresOut(Schema):
    kind: Kind
    sessions: int
    attendees: int
    ratings: int
    average_rating: float | None


class TopicFiguresOut(Schema):
    slug: str
    name: str
    sessions: int
    attendees: int
    ratings: int
    average_rating: float | None
    in_date: int = Field(description="Of the attendees, how many are in date for it today.")


class CommentOut(FeedbackOut):
    session_id: int
    session_title: str


class EvaluationOut(Schema):
    since: datetime
    kinds: list[KindFiguresOut]
    topics: list[TopicFiguresOut]
    feedback: list[CommentOut] | None = Field(
        description="The latest 100 ratings and comments, for the Learning Lead; null for the "
        "Coach."
    )
