"""Fetch a team's discussion, threads and messages with permission.

Someone who has never read a team's discussion gets 404 for all of it, whether or not the team
or thread exists. A former member reaches the messages of their own time in the team (and can
still withdraw their own), but may not post (403).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.discussion import selectors
from coopcare.discussion.models import Message, Thread
from coopcare.teams.models import Team


@dataclass
class Discussion:
    """A team's discussion as one viewer may read it."""

    team: Team
    windows: list[selectors.Window] | None
    can_post: bool


def get_discussion_for(user, team_id: int, action: str = "view") -> Discussion:
    """``action`` is "view" or "post"."""
    team = Team.objects.select_related("circle", "owner__profile").filter(pk=team_id).first()
    if team is None or not user.has_perm("discussion.view_discussion", team):
        raise Http404
    can_post = user.has_perm("discussion.post_message", team)
    if action == "post" and not can_post:
        raise PermissionDenied
    return Discussion(team, selectors.reading_windows(user, team), can_post)


def get_thread_for(user, team_id: int, thread_id: int, action: str = "view") -> tuple:
    """The discussion and one of its threads: ``(discussion, thread)``."""
    discussion = get_discussion_for(user, team_id)
    thread: Thread | None = selectors.thread_for(discussion.team, thread_id, discussion.windows)
    if thread is None:
        raise Http404
    if action == "post" and not discussion.can_post:
        raise PermissionDenied
    return discussion, thread


def get_message_for(user, team_id: int, message_id: int, action: str) -> Message:
    """``action`` is "change" (edit, for its author while in the team) or "withdraw"."""
    discussion = get_discussion_for(user, team_id)
    message = selectors.message_for(discussion.team, message_id, discussion.windows)
    if message is None:
        raise Http404
    if not user.has_perm(f"discussion.{action}_message", message):
        raise PermissionDenied
    return message
