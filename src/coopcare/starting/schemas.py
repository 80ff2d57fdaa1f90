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


class OutcomeIn(Schema):
    outcome: str = Field(description="proceed, waiting_list or signposted.")
    local_circle: str | None = Field(None, description="Slug of the circle taking it on.")
    review_on: date | None = Field(None, description="When to review a waiting-list entry.")
    signposted_to: str = ""
    note: str = ""


class OutcomeOut(Schema):
    id: int
    status: str
    local_circle: str | None
    review_on: date | None
    signposted_to: str
    case: int | None = Field(description="The case started when the outcome is proceed.")


class PromiseIn(Schema):
    funding: str
    agreed: bool = Field(False, description="Confirms the Promise was read and agreed.")
    signed_on: date | None = Field(None, description="Team Starters recording paper signatures.")
    signed_as: str = Field("", description="owner, representative or guardian (Team Starters).")
    signer: int | None = Field(None, description="A current representative's account.")
    signer_name: str = Field("", description="Who signed, when they have no account here.")


class SignatureOut(Schema):
    id: int
    team: int
    signed_as: str
    signer: int | None
    signer_name: str
    funding: str
    signed_on: date
    version: str
    recorded_by: int


class VisitIn(Schema):
    visited_on: date | None = None
    present: str = Field("", description="Who was present.")
    notes: str = ""


class VisitRecordedOut(VisitOut):
    id: int
    case: int


class DocumentIn(Schema):
    answers: dict[str, str] = Field(description="Answers keyed by question.")
    note: str = ""


class DocumentVersionOut(Schema):
    team: int
    kind: str
    number: int
    answers: dict[str, str]
    note: str
    written_by: str
    on_behalf_of: str | None = Field(description="The owner, when written by a representative.")
    written_at: datetime
