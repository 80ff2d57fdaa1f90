"""Teams: one per person getting support, led by them, joined only by mutual consent.

A Team is also a Circle (playbook §1.1): each team has its own ``circles.Circle`` of kind "team",
so team hats are ordinary ``circles.Hat`` rows in that circle and team decisions use the same
consent engine as every other circle. Team membership itself is ``TeamMember``, the one source
of truth for "who is in this team" (the privacy rule's "my team(s)" audience asks it).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Team(models.Model):
    class Status(models.TextChoices):
        STARTING = "starting", _("Starting: a Team Starter is helping")
        ACTIVE = "active", _("Active")
        SELF_MANAGING = "self_managing", _("Self-managing")
        CLOSED = "closed", _("Closed")

    circle = models.OneToOneField("circles.Circle", on_delete=models.PROTECT, related_name="team")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_teams",
        help_text=_("The person getting support, who leads the team."),
    )
    # The local circle that starts and supports this team.
    local_circle = models.ForeignKey(
        "circles.Circle", on_delete=models.PROTECT, related_name="supported_teams"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.STARTING)
    created_at = models.DateTimeField(default=timezone.now)
    self_managing_since = models.DateField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["circle__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"], condition=~Q(status="closed"), name="one_open_team_per_owner"
            )
        ]

    def __str__(self) -> str:
        return self.circle.name

    @property
    def name(self) -> str:
        return self.circle.name


class MemberKind(models.TextChoices):
    OWNER = "owner", _("Team owner (getting support)")
    FAMILY_FRIEND = "family_friend", _("Family or friend")
    INDEPENDENT_WORKER = "independent_worker", _("Independent worker")
    EMPLOYED_WORKER = "employed_worker", _("Employed worker")
    VOLUNTEER = "volunteer", _("Volunteer")
    PEER_SUPPORTER = "peer_supporter", _("Peer supporter")
    PROFESSIONAL = "professional", _("Professional")


# Volunteers never take regulated activity (playbook §1.2): no personal care, no medicines.
REGULATED_ACTIVITY_FORBIDDEN = {MemberKind.VOLUNTEER}


class TeamMemberQuerySet(models.QuerySet):
    def current(self) -> "TeamMemberQuerySet":
        return self.filter(left_on__isnull=True, status__in=TeamMember.CURRENT)


class TeamMember(models.Model):
    class Status(models.TextChoices):
        TRIAL = "trial", _("On trial")
        MEMBER = "member", _("Member")
        LEAVING = "leaving", _("Leaving")
        LEFT = "left", _("Left")

    CURRENT = (Status.TRIAL, Status.MEMBER, Status.LEAVING)

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="team_memberships"
    )
    kind = models.CharField(max_length=30, choices=MemberKind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.MEMBER)
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ["joined_on", "id"]
        indexes = [models.Index(fields=["person", "left_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "person"],
                condition=Q(left_on__isnull=True),
                name="one_current_team_membership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.team}"


class Scope(models.TextChoices):
    """What someone acting for the owner may do on their behalf."""

    APPROVE_MEMBERS = "approve_members", _("Invite people and approve join requests")
    SIGN_PROMISE = "sign_promise", _("Sign the Getting Support Promise")
    MANAGE_PROFILE = "manage_profile", _("Write and share the Getting Support Profile")
    TEAM_DECISIONS = "team_decisions", _("Take part in team decisions")
    ARRANGE_SUPPORT = "arrange_support", _("Arrange support and trials")


class Representative(models.Model):
    """Someone who acts for the owner, within a recorded scope and until a recorded date."""

    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("Nominated representative")
        ADVOCATE = "advocate", _("Advocate")
        ATTORNEY = "attorney", _("Attorney (lasting power of attorney)")
        GUARDIAN = "guardian", _("Health and welfare guardian (deputy)")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="representatives")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="represents"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    scope = models.JSONField(default=list, help_text=_("The Scope values this person may use."))
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="representative_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}) for {self.team}"

    def is_current(self, on=None) -> bool:
        day = on or timezone.localdate()
        return self.ended_at is None and self.starts_on <= day <= self.ends_on
