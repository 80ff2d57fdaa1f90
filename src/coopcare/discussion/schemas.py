"""The shapes of the team discussion in the JSON API."""

from datetime import datetime

from ninja import Field, Schema


class PersonRef(Schema):
    id: int
    name: str


class ThreadOut(Schema):
    id: int
    title: str = Field(description="Empty when the author withdrew the opening message.")
    message_count: int = Field(description="Messages in the thread that you may read.")
    last_activity_at: datetime = Field(description="When the latest message you may read came.")


class MessageOut(Schema):
    id: int
    thread: int
    opens_thread: bool
    author: PersonRef | None = Field(
        description="Null when the author does not share their name with you."
    )
    on_behalf_of: PersonRef | None = Field(
        description="The team owner, when a representative posted on their behalf (shown as "
        "“author on behalf of owner”); null otherwise or when the name is not shared with you."
    )
    posted_on_behalf: bool
    is_mine: bool
    body: str = Field(description="Empty when withdrawn.")
    withdrawn: bool
    created_at: datetime
    edited_at: datetime | None


class ThreadIn(Schema):
    title: str
    body: str
    on_behalf: bool = Field(
        False, description="Post on the owner's behalf (only for someone acting for them now)."
    )


class MessageIn(Schema):
    body: str
    on_behalf: bool = Field(
        False, description="Post on the owner's behalf (only for someone acting for them now)."
    )


class MessagePatch(Schema):
    body: str = Field("", description="The new text (within 15 minutes of posting).")
    title: str | None = Field(
        None, description="A new thread title, for the message that opens the thread."
    )
