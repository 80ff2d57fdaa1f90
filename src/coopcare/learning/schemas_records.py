"""The shapes of learning records, qualifications and registrations in the JSON API."""

from datetime import date, datetime

from ninja import Field, Schema

STATUS = "valid (in date), due (expires within 60 days), expired or missing."


class PersonRef(Schema):
    id: int
    name: str


class RequirementOut(Schema):
    topic: str = Field(description="The topic's slug: records count in every circle using it.")
    name: str
    group: str
    observed: bool = Field(description="Counts only when an assessor signed it off.")
    status: str = Field(description=STATUS)
    status_label: str
    completed_on: date | None = Field(description="The latest learning that counts.")
    expires_on: date | None = Field(description="Null when it never expires or is missing.")


class RecordOut(Schema):
    id: int
    person_id: int
    topic: str
    topic_name: str
    completed_on: date
    method: str = Field(description="peer_session, external_course, e_learning or observed.")
    provider: str
    state: str = Field(
        description="counts; signed_off (observed, signed off: counts); waiting (observed, "
        "not signed off: does not count yet); withdrawn (kept, does not count)."
    )
    expires_on: date | None = Field(
        description="Under the policy in force; null when it never expires or no circle of the "
        "person uses the topic."
    )
    assessor: PersonRef | None = Field(
        description="Who signed it off or was asked to; null when none, or when their name is "
        "not shared with you."
    )
    assessor_name: str = Field(description="An external assessor a Coach recorded.")
    signed_off_at: datetime | None
    session_id: int | None
    note: str
    has_evidence: bool
    evidence_url: str | None = Field(
        description="Where to download the evidence (logged); null when none or withdrawn."
    )
    recorded_at: datetime
    withdrawn_at: datetime | None
    withdrawn_reason: str


class RecordPage(Schema):
    items: list[RecordOut]
    count: int = Field(description="How many records the person has, over every page.")


class SignOffOut(Schema):
    """A record someone asked you to sign off: what you are asked to confirm, nothing more."""

    id: int
    person: PersonRef
    topic: str
    topic_name: str
    completed_on: date
    method: str
    provider: str


class QualificationOut(Schema):
    id: int
    title: str
    accredited: bool
    level: str
    awarding_body: str
    achieved_on: date
    withdrawn_at: datetime | None


class RegistrationOut(Schema):
    id: int
    body: str = Field(description="nmc, hcpc, swe, gmc, gphc or other.")
    body_label: str = Field(description="The body's name (body_name for other).")
    number: str
    expires_on: date
    status: str = Field(description="valid, due (within 60 days) or expired (flag it).")
    status_label: str
    checked_on: date | None = Field(description="When a Coach saw it on the public register.")
    withdrawn_at: datetime | None


class PersonLearningOut(Schema):
    person: PersonRef
    requirements: list[RequirementOut]
    records: RecordPage = Field(description="The first page of records, newest first.")
    qualifications: list[QualificationOut] = Field(description="Not withdrawn.")
    registrations: list[RegistrationOut] = Field(description="Not withdrawn.")


class RecordIn(Schema):
    topic: str = Field(description="The slug of a topic in the person's circles' policies.")
    completed_on: date
    method: str = Field(description="peer_session, external_course, e_learning or observed.")
    provider: str = ""
    assessor_id: int | None = Field(
        None,
        description="Observed topics: who observed it (holding it in date). Recorded by the "
        "person themself, it waits for that assessor to sign it off.",
    )
    assessor_name: str = Field("", description="An external assessor (Coach or Learning Lead).")
    note: str = ""


class WithdrawIn(Schema):
    reason: str = Field(description="Why it is withdrawn (at most 300 characters).")


class QualificationIn(Schema):
    title: str
    achieved_on: date
    accredited: bool = False
    level: str = ""
    awarding_body: str = Field("", description="Needed when accredited.")


class RegistrationIn(Schema):
    body: str = Field(description="nmc, hcpc, swe, gmc, gphc or other.")
    body_name: str = Field("", description="The body's name, when body is other.")
    number: str = Field(description="As the register prints it, at most 60 characters.")
    expires_on: date = Field(description="A past date is accepted and shown as expired.")


class CheckIn(Schema):
    checked_on: date | None = Field(None, description="Today when left out.")
