"""The shapes of starting-a-team data in the JSON API."""

from datetime import date, datetime

from ninja import Field, Schema


class SupportCheckOut(Schema):
    team: int
    kinds: list[str]
    allowed: bool = Field(description="Whether support of these kinds may be booked now.")
    reason: str | None = Field(description="What is missing, when it may not.")
    promise_signed: bool
    visit_recorded: bool


class CaseListItem(Schema):
    id: int
    person_name: str
    local_circle: str = Field(description="The local circle's slug.")
    team_starter: str
    team: int | None
    created_at: datetime
    stepped_back_at: datetime | None


class StepOut(Schema):
    number: int
    title: str
    done: bool
    missing: list[str]


class VisitOut(Schema):
    visited_on: date
    present: str
    notes: str


class CaseDetail(CaseListItem):
    enquiry: int
    support_kinds: list[str]
    needs: str
    person: int | None = Field(description="The person's account, once linked.")
    invited_email: str
    steps: list[StepOut]
    visits: list[VisitOut]


class SharedPart(Schema):
    field: str
    label: str
    text: str


class CallOutOut(Schema):
    id: int
    local_circle: str
    published_at: datetime
    status: str
    shared: list[SharedPart] = Field(description="Only the parts the person agreed to share.")


class InterestIn(Schema):
    message: str = ""


class InterestOut(Schema):
    id: int
    call_out: int
    message: str
    status: str
    created_at: datetime
