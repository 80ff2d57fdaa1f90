"""The shapes of care notes in the JSON API."""

from datetime import datetime

from ninja import Field, Schema


class PersonRef(Schema):
    id: int
    name: str


class AttachmentOut(Schema):
    id: int
    name: str = Field(description="The file's name as it was uploaded.")
    content_type: str = Field(description="What the file really is, checked from its content.")
    size: int = Field(description="In bytes.")
    url: str = Field(description="Where to download it (the API); every download is logged.")


class NoteOut(Schema):
    id: int
    topic: str = Field(description="general, health or safeguarding.")
    readership: str = Field(
        description="team (the whole team), givers (the owner's side and the paid givers) or "
        "named (the owner's side and the people named). The author always reads their note."
    )
    title: str
    excerpt: str = Field(description="The start of the note (about 160 characters).")
    author: PersonRef | None = Field(
        description="Null when the author does not share their name with you."
    )
    on_behalf_of: PersonRef | None = Field(
        description="The team owner, when someone acting for them wrote on their behalf; null "
        "otherwise or when the name is not shared with you."
    )
    written_on_behalf: bool
    is_mine: bool
    withdrawn: bool
    created_at: datetime
    attachment_count: int


class NoteDetail(NoteOut):
    body: str = Field(description="Replaced by “withdrawn” words once the author withdraws it.")
    withdrawn_at: datetime | None
    named_readers: list[PersonRef | None] = Field(
        description="For a named note, the people named (null for one whose name is not shared "
        "with you); empty otherwise."
    )
    attachments: list[AttachmentOut] = Field(description="None once the note is withdrawn.")


class NotePage(Schema):
    items: list[NoteOut]
    count: int = Field(description="How many notes you may read match, over every page.")


class NoteIn(Schema):
    topic: str = Field(description="general, health or safeguarding.")
    readership: str | None = Field(
        None,
        description="team, givers or named; leave it out for the usual for the topic (health "
        "and safeguarding: givers; otherwise team).",
    )
    title: str
    body: str
    named_readers: list[int] = Field(
        default_factory=list,
        description="Ids of people in the team now who may read it (readership named only).",
    )
    on_behalf: bool = Field(
        False, description="Write on the owner's behalf (only for someone acting for them now)."
    )
