"""The shapes of change requests, cancelling outright and open slots in the JSON API."""

from datetime import datetime

from ninja import Field, Schema

from coopcare.visits.services.changes import MAX_ANSWER_REASON, MAX_REASON


class PersonRef(Schema):
    id: int
    name: str | None = Field(description="Null when the person does not share their name with you.")


class AskedOut(Schema):
    person: PersonRef
    answer: str | None = Field(description="yes, no, or null while they have not answered.")
    answered_by: PersonRef | None = Field(
        description="Who gave the answer: the person, or someone acting for the owner."
    )
    reason: str


class ChangeRequestOut(Schema):
    id: int
    appointment_id: int
    kind: str = Field(description="move or cancel")
    new_starts_at: datetime | None = Field(description="The new start, for a move.")
    new_ends_at: datetime | None = Field(description="The new end, for a move.")
    reason: str
    status: str = Field(description="open, agreed, declined, withdrawn or lapsed")
    proposed_by: PersonRef
    on_behalf_of: PersonRef | None = Field(
        description="The owner, when someone acting for them asked."
    )
    asked: list[AskedOut] = Field(
        description="Everyone who must say yes: the owner and each giver who has joined."
    )
    created_at: datetime
    decided_at: datetime | None


class ChangeRequestIn(Schema):
    kind: str = Field(description="move or cancel")
    new_starts_at: datetime | None = Field(
        None,
        description="For a move: ISO 8601 with an offset. Without an offset it is read as UK time.",
    )
    new_ends_at: datetime | None = Field(None, description="For a move: the new end.")
    reason: str = Field(max_length=MAX_REASON, description="Why; everyone asked sees it.")


class AnswerIn(Schema):
    answer: str = Field(description="yes or no")
    reason: str = Field("", max_length=MAX_ANSWER_REASON)
    on_behalf_of_owner: bool = Field(
        False,
        description="Answer for the owner (only someone acting for them). Someone acting for "
        "the owner who is not asked in their own right answers for the owner anyway.",
    )


class CancelIn(Schema):
    reason: str = Field(max_length=MAX_REASON, description="Why; everyone attending is told.")


class AppointmentStateOut(Schema):
    id: int
    team_id: int
    starts_at: datetime
    ends_at: datetime
    status: str = Field(description="planned (waiting for givers), confirmed or cancelled")
    open_slot: bool = Field(description="Offered to the team: the first member to take it gives.")
    late_cancellation: bool = Field(
        description="Cancelled inside the circle's notice period (the money rules read this)."
    )
    cancel_reason: str
    my_response: str | None = Field(
        description="Your own answer if you give support at it; otherwise null."
    )
