"""The shapes of circles and hats in the JSON API."""

from datetime import date

from ninja import Field, Schema


class CircleRef(Schema):
    slug: str
    name: str


class CircleListItem(Schema):
    id: int
    slug: str
    name: str
    kind: str = Field(description="purpose, places, local, helping, members or other")
    parent: str | None = Field(description="The parent circle's slug; null for the broadest.")

    @staticmethod
    def resolve_parent(circle) -> str | None:
        return circle.parent.slug if circle.parent_id else None


class HatTypeOut(Schema):
    slug: str
    name: str
    scope: str = Field(description="team, process or operational")


class HolderOut(Schema):
    id: int
    name: str


class HatOut(Schema):
    id: int
    circle: str = Field(description="The slug of the circle the hat is worn in.")
    hat_type: HatTypeOut
    holder: HolderOut | None = Field(
        description="Who wears it; null when the wearer does not share their name and hats "
        "with you."
    )
    started_on: date
    review_on: date | None
    ends_on: date | None


class CircleDetail(Schema):
    id: int
    slug: str
    name: str
    kind: str
    aim: str
    domain: str
    closes_on: date | None
    parent: CircleRef | None
    children: list[CircleRef]
    hats: list[HatOut] = Field(description="The hats worn in this circle now.")
