"""The shapes of people's data in the JSON API."""

from datetime import date, datetime

from ninja import Field, Schema


class MembershipOut(Schema):
    member_class: str = Field(description="supported, advocate, worker or investor")
    worker_kind: str = Field(
        description="employed, independent or volunteer; empty if not a worker"
    )
    since: datetime


class MeOut(Schema):
    id: int
    email: str
    name: str
    is_member: bool
    memberships: list[MembershipOut]


class ProfileOut(Schema):
    name: str
    pronouns: str
    phone: str
    address: str
    postcode: str
    languages: str
    communication_needs: str
    updated_at: datetime


class ProfilePatch(Schema):
    """Send only the fields you change. An empty string clears a field; null is not accepted."""

    name: str = Field(None, description="The name you use.")
    pronouns: str = Field(None)
    phone: str = Field(None)
    address: str = Field(None)
    postcode: str = Field(None)
    languages: str = Field(None, description="The languages you speak, separated by commas.")
    communication_needs: str = Field(None)


class PrivacyOut(Schema):
    section: str
    label: str
    audience: str = Field(description="only_me, named, teams, circle or members")
    named_people: list[int] = Field(description="Ids of the people named, for audience 'named'.")


class PrivacyIn(Schema):
    audience: str = Field(description="only_me, named, teams, circle or members")
    named_people: list[int] = Field(
        default_factory=list, description="Ids of the people to name, for audience 'named'."
    )


class PersonMembershipOut(Schema):
    member_class: str
    label: str
    worker_kind: str
    since: date


class PersonHatOut(Schema):
    hat: str
    circle: str
    circle_id: int
    review_on: date | None


class PersonOut(Schema):
    """A person as the caller may see them. A field the caller may not see is left out of the
    response altogether; an empty string means the person has not filled it in."""

    id: int
    sections: list[str] = Field(description="The sections of this person you may see.")
    name: str | None = None
    pronouns: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    postcode: str | None = None
    languages: str | None = None
    communication_needs: str | None = None
    memberships: list[PersonMembershipOut] | None = None
    hats: list[PersonHatOut] | None = None
