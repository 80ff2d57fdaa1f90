"""The shapes of a circle's learning policy and a team's learning needs in the JSON API."""

from datetime import datetime
from typing import Any

from ninja import Field, Schema


class TopicOut(Schema):
    id: int
    slug: str = Field(description="The short name records are kept under; it never changes.")
    name: str
    description: str
    group: str
    interval: str = Field(description="yearly, three_yearly, once or custom.")
    custom_months: int | None = Field(description="Months between refreshes (custom only).")
    how_often: str = Field(description="The interval in plain words, e.g. “every 18 months”.")
    member_kinds: list[str] = Field(description="Required of people taking part as these.")
    hats: list[str] = Field(description="Required of people wearing these hats (slugs).")
    support_kinds: list[str] = Field(description="Required for giving these kinds of support.")
    required_of: list[str] = Field(
        description="Whom it is required of, in plain words; every line must hold."
    )
    triggered: bool = Field(description="Required only when a team marks the need.")
    observed: bool = Field(description="Counts only once an assessor saw it done.")
    order: int
    retired_at: datetime | None


class PolicyOut(Schema):
    circle_id: int
    circle_name: str
    updated_at: datetime
    can_change: bool = Field(description="Whether you may record changes (Coach, Learning Lead).")
    topics: list[TopicOut] = Field(description="Current topics, in the policy's order.")
    retired: list[TopicOut] = Field(description="Retired topics, latest retired first.")


REASON = Field(
    "",
    description="Why: the circle's decision. Required; kept in the list of changes.",
    max_length=2000,
)


class TopicIn(Schema):
    name: str
    slug: str | None = Field(
        None, description="Small letters, numbers and hyphens; made from the name if left out."
    )
    group: str = ""
    interval: str = Field("yearly", description="yearly, three_yearly, once or custom.")
    custom_months: int | None = Field(None, description="1 to 120; only with custom.")
    member_kinds: list[str] = Field(default_factory=list)
    hats: list[str] = Field(default_factory=list, description="Hat type slugs.")
    support_kinds: list[str] = Field(default_factory=list)
    triggered: bool = False
    observed: bool = False
    description: str = ""
    reason: str = REASON


class TopicPatch(Schema):
    """Only the fields sent change. The slug never does."""

    name: str | None = None
    group: str | None = None
    interval: str | None = None
    custom_months: int | None = Field(
        None, description="Send null with a custom interval to be told it is needed."
    )
    member_kinds: list[str] | None = None
    hats: list[str] | None = None
    support_kinds: list[str] | None = None
    triggered: bool | None = None
    observed: bool | None = None
    description: str | None = None
    reason: str = REASON


class ReasonIn(Schema):
    reason: str = REASON


class PersonRef(Schema):
    id: int
    name: str


class ChangeOut(Schema):
    id: int
    action: str = Field(description="added, changed, retired or restored.")
    topic_id: int | None
    topic_slug: str | None
    topic_name: str | None
    changes: dict[str, Any] = Field(description="{field: [before, after]} for each field touched.")
    reason: str
    changed_by: PersonRef | None = Field(description="Null when the name is not shared with you.")
    changed_at: datetime


class ChangePage(Schema):
    items: list[ChangeOut]
    count: int = Field(description="How many changes there are, over every page.")


class NeedOut(Schema):
    id: int
    topic_slug: str
    topic_name: str
    note: str
    marked_at: datetime
    marked_by: PersonRef | None = Field(description="Null when the name is not shared with you.")
    ended_at: datetime | None
    ended_by: PersonRef | None


class OfferedTopic(Schema):
    slug: str
    name: str
    triggered: bool = Field(description="Meant to be marked by a team (offered first).")


class TeamNeedsOut(Schema):
    team_id: int
    can_mark: bool = Field(description="Whether you may mark and end needs.")
    current: list[NeedOut]
    ended: list[NeedOut] = Field(description="The 50 latest ended needs, latest first.")
    offered: list[OfferedTopic] = Field(
        description="Topics of the local circle's policy a need may name: triggered ones first."
    )


class NeedIn(Schema):
    topic_slug: str
    note: str = Field("", max_length=300)
