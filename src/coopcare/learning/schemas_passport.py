"""The shapes of the learning passport, its links and the Learning Lead's measures in the API.

The passport's shape is also the JSON download's, and it names itself in ``schema``
(``coopcare.learning-passport/1``) so a reader elsewhere knows what it holds.
"""

from datetime import date, datetime

from ninja import Field, Schema


class IssuerOut(Schema):
    name: str = Field(description="The co-op's name.")
    site: str = Field(description="The address of the co-op's site that issued the passport.")


class PersonOut(Schema):
    name: str


class LearningOut(Schema):
    topic: str = Field(description="The topic's slug, the same in every circle's policy.")
    name: str
    completed_on: date
    expires_on: date | None = Field(
        description="When it stops being in date; null when it never expires (done once) or "
        "when no policy of the person's circles has the topic (see expiry_known)."
    )
    expiry_known: bool = Field(
        description="False when none of the person's circles has this topic, so no expiry "
        "could be computed: only its date is known."
    )
    how: str = Field(description="peer_session, external_course, e_learning or observed.")
    provider: str = Field(description="The provider or facilitator; may be empty.")


class CompetenceOut(LearningOut):
    assessor: str = Field(
        description="Who observed and signed it off (an assessor's name, or a description when "
        "the name is not shared)."
    )
    signed_off_on: date | None


class QualificationOut(Schema):
    title: str
    accredited: bool
    level: str
    awarding_body: str
    achieved_on: date


class RegistrationOut(Schema):
    body: str = Field(description="nmc, hcpc, swe, gmc, gphc or other.")
    body_name: str
    number: str
    expires_on: date
    in_date: bool = Field(description="True up to and including the day it expires on.")
    checked_on: date | None = Field(description="When the Coach last checked the register.")


class PassportOut(Schema):
    schema_: str = Field(
        alias="schema", description="The name and version of this shape, for readers elsewhere."
    )
    generated_at: datetime = Field(description="The passport shows what is valid at this time.")
    issued_by: IssuerOut
    person: PersonOut
    shared_until: datetime | None = Field(
        description="For a shared passport, when the link stops working; null otherwise."
    )
    learning: list[LearningOut] = Field(description="Learning in date, without observation.")
    competences: list[CompetenceOut] = Field(
        description="Competences in date that an assessor observed and signed off."
    )
    qualifications: list[QualificationOut]
    registrations: list[RegistrationOut] = Field(
        description="Professional registrations not withdrawn, in date or not (see in_date)."
    )


class LinkOut(Schema):
    id: int
    label: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    live: bool = Field(description="Opens the passport now: not expired and not revoked.")
    views: int = Field(description="How many times the shared passport was opened.")
    last_viewed_at: datetime | None


class LinkCreatedOut(LinkOut):
    url: str = Field(
        description="The link to give: shown this once. Only a fingerprint of its secret is "
        "kept, so it cannot be shown again."
    )
    api_url: str = Field(description="The same passport as JSON, for a program (no sign-in).")


class LinkIn(Schema):
    label: str = Field("", description="Who it is for, so you recognise it later.")
    days: int = Field(30, description="How many days it works: 1 to 90.")


class LinkPage(Schema):
    items: list[LinkOut]
    count: int


# --- Measures -----------------------------------------------------------------------------------


class PeriodOut(Schema):
    start: date
    end: date


class ClassShareOut(Schema):
    key: str = Field(
        description="supported, worker, advocate, investor (member classes), family_friend, "
        "getting_support or not_member."
    )
    label: str
    people: int
    share: float = Field(description="Of all teachers, from 0 to 1.")


class TeachersOut(Schema):
    sessions: int = Field(description="Completed sessions of the circle in the period.")
    teachers: int = Field(description="Different people who facilitated them.")
    rows: list[ClassShareOut]


class ClassHoursOut(Schema):
    key: str
    label: str
    people: int = Field(description="People of this class in the circle (attendees included).")
    attended: int = Field(description="Of them, how many attended at least one session.")
    hours: float
    per_person: float


class HoursOut(Schema):
    hours: float
    people: int
    rows: list[ClassHoursOut]


class StatusCountOut(Schema):
    status: str
    label: str
    cells: int


class ComplianceOut(Schema):
    on: date
    people: int = Field(description="People the circle's matrix lists.")
    with_requirements: int
    fully_compliant: int
    required_cells: int
    cells_share: float = Field(description="Required cells valid or due, from 0 to 1.")
    people_share: float = Field(description="People with requirements fully compliant, 0 to 1.")
    statuses: list[StatusCountOut]


class BandOut(Schema):
    label: str
    people: int


class NewWorkersOut(Schema):
    joined: int = Field(description="Workers who joined a supported team in the period.")
    reached: int = Field(description="Of them, how many have had every requirement count.")
    not_yet: int
    median_days: float | None
    bands: list[BandOut]


class StageOut(Schema):
    order: int
    name: str
    people: int


class ProgressionsOut(Schema):
    pathway: str
    progressions: int = Field(description="Journeys that reached the last stage in the period.")
    stages: list[StageOut]


class MeasuresOut(Schema):
    circle_id: int
    period: PeriodOut
    teachers: TeachersOut
    hours: HoursOut
    compliance: ComplianceOut
    new_workers: NewWorkersOut
    progressions: ProgressionsOut
