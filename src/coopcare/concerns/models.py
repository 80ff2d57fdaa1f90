"""Concerns and feedback raised through "Sharing Stuff", and the tracker that follows each one.

A concern is routed, when it is raised, to circles whose Coaches handle it, and — when it may
be about safeguarding — to the Safeguarding Lead of the team it is about. Who handles it is then
derived from hats worn *now* (see ``selectors``), so when a Coach hands their hat on, the
concerns go with the hat. Each change a handler makes is an entry with a date and a note.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    REPORTED = "reported", _("Reported")
    AWAITING_RESPONSE = "awaiting_response", _("Awaiting a response")
    EXPLORING = "exploring", _("Exploring")
    OUTCOME = "outcome", _("Outcome reached")
    REVIEWED = "reviewed", _("Reviewed")


# Where a concern may go from each state. A handler may also add a note without moving it.
# Reviewed comes only after an outcome; an outcome may be reopened for more exploring.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    State.REPORTED: (State.AWAITING_RESPONSE, State.EXPLORING, State.OUTCOME),
    State.AWAITING_RESPONSE: (State.EXPLORING, State.OUTCOME),
    State.EXPLORING: (State.AWAITING_RESPONSE, State.OUTCOME),
    State.OUTCOME: (State.REVIEWED, State.EXPLORING),
    State.REVIEWED: (),
}


class Safeguarding(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class Kind(models.TextChoices):
    CONCERN = "concern", _("A concern")
    FEEDBACK = "feedback", _("Feedback")


class Concern(models.Model):
    # Kept even when the reporter chose not to share their name: the co-op has a safeguarding
    # duty, and someone must be able to follow up (or be told) if harm comes to light.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="concerns_raised"
    )
    team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="concerns"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CONCERN)
    what_happened = models.TextField(_("what happened"))
    happened_when = models.CharField(_("when it happened"), max_length=200, blank=True)
    who_it_concerns = models.TextField(_("who it concerns"), blank=True)
    safeguarding = models.CharField(max_length=10, choices=Safeguarding.choices)
    wants_reply = models.BooleanField(default=False)
    share_name = models.BooleanField(default=False)
    # The circles whose Coaches handle this (fixed when raised), and whether the team's
    # Safeguarding Lead does too.
    routed_circles = models.ManyToManyField("circles.Circle", related_name="+")
    to_safeguarding_lead = models.BooleanField(default=False)
    state = models.CharField(max_length=20, choices=State.choices, default=State.REPORTED)
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["reporter", "created_at"]),
            models.Index(fields=["state", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state__in=["outcome", "reviewed"]) | ~Q(outcome=""),
                name="concern_outcome_has_text",
            )
        ]

    def __str__(self) -> str:
        # Never the reporter's name or the text: audit events copy this.
        return f"Concern {self.pk}"

    @property
    def is_about_safeguarding(self) -> bool:
        return self.safeguarding != Safeguarding.NO


class ConcernEntry(models.Model):
    """One dated step in a concern's tracker: who moved it, from where to where, and why."""

    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="entries")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_state = models.CharField(max_length=20, choices=State.choices)
    to_state = models.CharField(max_length=20, choices=State.choices)
    note = models.TextField()
    # Shown to the person who raised the concern (handlers' notes stay among handlers unless so).
    for_reporter = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["concern", "created_at"])]

    def __str__(self) -> str:
        return f"Entry {self.pk} on concern {self.concern_id}"

    @property
    def changed_state(self) -> bool:
        return self.from_state != self.to_state
