"""The shapes of the training matrix and the registrations to renew in the JSON API."""

from datetime import date

from ninja import Field, Schema


class CircleRef(Schema):
    id: int
    name: str
    slug: str


class PersonRef(Schema):
    id: int
    name: str


class MatrixTopicOut(Schema):
    slug: str = Field(description="The topic's short name; cells name it.")
    name: str
    group: str
    interval: str = Field(description="yearly, three_yearly, once or custom.")
    observed: bool = Field(description="Counts only once an assessor saw it done.")


class CellOut(Schema):
    topic: str = Field(description="The topic's slug.")
    status: str = Field(
        description="valid, due (within 60 days), expired, missing or not_required."
    )
    label: str = Field(description="The status in words.")
    completed_on: date | None = Field(description="The latest learning that counts, if any.")
    expires_on: date | None = Field(description="When it runs out (null: never, or none).")


class MatrixRowOut(Schema):
    person: PersonRef
    teams: list[str] = Field(description="The circle's teams the person is in.")
    cells: list[CellOut] = Field(description="One per topic, in the order of ``topics``.")


class SummaryOut(Schema):
    people: int = Field(description="People the filters keep (before the status filter).")
    in_date: int = Field(description="Of them, with nothing required expired or missing.")
    with_gaps: int = Field(description="Of them, with something expired or missing.")
    due_soon: int = Field(description="Of them, with something due within 60 days.")
    expired: int = Field(description="Cells expired.")
    missing: int = Field(description="Cells missing.")
    due: int = Field(description="Cells due within 60 days.")


class FiltersOut(Schema):
    q: str
    group: str
    team: int | None
    hat: str
    kind: str
    status: str


class MatrixOut(Schema):
    circle: CircleRef
    today: date = Field(description="The day the statuses are for.")
    filters: FiltersOut = Field(description="The filters applied (with the default group).")
    topics: list[MatrixTopicOut] = Field(description="The columns.")
    summary: SummaryOut
    count: int = Field(description="People on every page.")
    page: int
    pages: int
    per_page: int
    people: list[MatrixRowOut] = Field(description="This page's people, by name.")


class RegistrationOut(Schema):
    id: int
    person: PersonRef
    body: str = Field(description="nmc, hcpc, swe, gmc, gphc or other.")
    body_name: str = Field(description="The body in words.")
    number: str
    expires_on: date
    expired: bool = Field(description="True once the expiry date has come.")


class RegistrationPage(Schema):
    items: list[RegistrationOut]
    count: int = Field(description="Registrations to renew, on every page.")
