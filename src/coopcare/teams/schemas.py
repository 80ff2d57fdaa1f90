"""The shapes of teams, invitations, trials and leaving in the JSON API."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema


class PersonRef(Schema):
    id: int
    name: str | None = Field(description="Null when the person does not share their name with you.")


class TeamListItem(Schema):
    id: int
    name: str
    status: str = Field(description="starting, active or self_managing")
    owner: PersonRef
    my_role: str = Field(description="How you are part of this team, in words.")


class MemberOut(Schema):
    person: PersonRef
    kind: str = Field(
        description="owner, family_friend, independent_worker, employed_worker, volunteer, "
        "peer_supporter or professional"
    )
    status: str = Field(description="trial, member or leaving")
    joined_on: date
    hats: list[str] = Field(description="Slugs of the hats they wear in the team.")


class RepresentativeOut(Schema):
    person: PersonRef
    role: str = Field(description="representative, advocate, attorney or guardian")
    scope: list[str]
    ends_on: date


class InvitationOut(Schema):
    id: int
    team_id: int
    team_name: str
    direction: str = Field(description="invite (from the team) or request (to join)")
    email: str
    kind: str
    message: str
    trial_sessions: int = Field(description="0: joins straight away; otherwise trial sessions.")
    status: str = Field(description="pending, accepted, declined, withdrawn or expired")
    started_by: str = Field(description='Who started it, e.g. "Rhys on behalf of Olive".')
    created_at: datetime
    expires_at: datetime
    answered_by: str = Field(description="Who answered or withdrew it, if anyone.")
    reason: str = Field(description="The reason given when declining, if any.")


class TeamDetail(Schema):
    id: int
    name: str
    status: str
    owner: PersonRef
    local_circle: str = Field(description="The slug of the local circle that supports the team.")
    members: list[MemberOut]
    unheld_essential_hats: list[str] = Field(description="Slugs of essential hats nobody wears.")
    representatives: list[RepresentativeOut]
    pending: list[InvitationOut] = Field(
        description="Invitations and requests waiting for an answer (the owner's side only)."
    )


class InviteIn(Schema):
    email: str
    kind: str
    message: str = ""
    trial_sessions: int = Field(0, description="0 for no trial; usually 1 to 3.")


class JoinRequestIn(Schema):
    kind: str
    message: str = ""


class AcceptIn(Schema):
    trial_sessions: int | None = Field(
        None, description="Approving a request only: 0 to welcome them straight in, or sessions."
    )


class DeclineIn(Schema):
    reason: str = ""


class MembershipOut(Schema):
    team_id: int
    person_id: int
    kind: str
    status: str
    trial_id: int | None


class TrialOut(Schema):
    id: int
    team_id: int
    person_id: int
    sessions_planned: int
    status: str = Field(description="arranged, asking, joined or ended")
    my_verdict: str = Field(description="Your side's answer: yes, no, or empty.")


class VerdictIn(Schema):
    verdict: Literal["yes", "no"]
    note: str = Field("", description="Private to your side of the trial.")


class NoticeIn(Schema):
    leaves_on: date
    farewell: str = ""
    reflection: str = ""
    share_reflection: bool = False


class LeaveOut(Schema):
    id: int
    team_id: int
    leaves_on: date
    status: str = Field(description="notice, completed or withdrawn")
    hats_to_hand_over: list[str]
