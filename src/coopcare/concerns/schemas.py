"""The shapes of concerns in the JSON API."""

from datetime import datetime

from ninja import Field, Schema


class EntryOut(Schema):
    id: int
    created_at: datetime
    author: str = Field(description="The handler's name, or words saying it is not shared.")
    from_state: str
    to_state: str
    note: str
    for_reporter: bool


class ConcernOut(Schema):
    id: int
    kind: str = Field(description="concern or feedback")
    team: int | None
    team_name: str | None
    what_happened: str
    happened_when: str
    who_it_concerns: str
    safeguarding: str = Field(description="yes, no or not_sure")
    wants_reply: bool
    share_name: bool
    state: str = Field(description="reported, awaiting_response, exploring, outcome or reviewed")
    created_at: datetime
    raised_by: str | None = Field(
        None,
        description="For handlers: the name if the person agreed to share it, otherwise "
        "“Someone in the team”. Absent for the person who raised it.",
    )
    outcome: str | None = Field(None, description="For handlers only.")
    entries: list[EntryOut] | None = Field(
        None,
        description="In a single concern: the tracker (handlers) or the notes shared with you.",
    )


class ConcernIn(Schema):
    team: int | None = Field(None, description="One of your teams, if it is about one.")
    kind: str = "concern"
    what_happened: str
    happened_when: str = ""
    who_it_concerns: str = ""
    safeguarding: str = Field(description="yes, no or not_sure")
    wants_reply: bool = False
    share_name: bool = False


class ConcernPatch(Schema):
    """A handler's entry. Every field may be left out; the rules say what is missing."""

    state: str | None = Field(None, description="Leave out to keep the state and add a note.")
    note: str = ""
    outcome: str = Field("", description="Needed when the state becomes outcome.")
    for_reporter: bool = Field(False, description="Show the note to the person who raised it.")
