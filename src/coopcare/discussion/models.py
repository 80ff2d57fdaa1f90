"""The team discussion: threads of messages, read by the team as it was when each was posted.

A thread belongs to one team and opens with a message; replies belong to the thread (one level
of nesting). Who may read a message follows team membership exactly — see ``selectors`` for the
reading windows. Messages are never deleted: their author may withdraw one, which replaces its
text, and may change one in the first few minutes after posting it.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long after posting a message its author may still change it.
EDIT_WINDOW = datetime.timedelta(minutes=15)


class Thread(models.Model):
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="threads")
    # Blank once the author withdraws the opening message: the title is part of what they said.
    title = models.CharField(_("title"), max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["team", "created_at"])]

    def __str__(self) -> str:
        # No title here: audit events copy this text, and the title is part of a conversation.
        return f"Thread {self.pk} in {self.team_id}"


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="messages")
    opens_thread = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="discussion_messages"
    )
    # The team owner, when a representative chose to post this on the owner's behalf.
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return f"Message {self.pk} in thread {self.thread_id}"

    @property
    def team(self):
        """The team rules in ``coopcare.permissions`` ask about."""
        return self.thread.team

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def editable_until(self) -> datetime.datetime:
        return self.created_at + EDIT_WINDOW
