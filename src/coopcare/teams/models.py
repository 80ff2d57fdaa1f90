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
from django.utils.translation import gettext
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


def acted_by_label(person, on_behalf_of=None) -> str:
    """Who did something, as people should read it: "Rhys Roberts on behalf of Olive Oyelaran"
    for every step a representative takes, or just the person when they acted for themself."""
    if person is None:
        return ""
    if on_behalf_of is None or on_behalf_of.pk == person.pk:
        return str(person)
    return gettext("%(person)s on behalf of %(owner)s") % {"person": person, "owner": on_behalf_of}


def invitation_days() -> int:
    """How long an invitation or request waits for an answer before it expires."""
    return int(getattr(settings, "TEAM_INVITATION_DAYS", 14))


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> "InvitationQuerySet":
        return self.filter(status=Invitation.Status.PENDING)


class Invitation(models.Model):
    """One way into a team, by mutual consent, in either direction.

    An *invitation* is started by the owner (or someone acting for them) and answered by the
    person invited; a *request* is started by the would-be member and answered by the owner's
    side. Either way nobody joins until both sides have said yes, and whoever answers may say no.
    An invitation may go to an email address with no account yet (a neighbour, a daughter): the
    person it reaches accepts it once they have an account with that address.
    """

    class Direction(models.TextChoices):
        INVITE = "invite", _("Invitation from the team")
        REQUEST = "request", _("Request to join")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="invitations")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    # The would-be member. Empty for an invitation sent to an address nobody has an account with.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="team_invitations",
    )
    email = models.EmailField(_("email address"))
    kind = models.CharField(_("joins as"), max_length=30, choices=MemberKind.choices)
    message = models.TextField(_("message"), blank=True)
    # 0: joins as a member straight away; otherwise the number of paid trial sessions first.
    trial_sessions = models.PositiveSmallIntegerField(default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The owner, when ``started_by`` acted for them as their representative.
    started_on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    # A reason given when declining: optional, and shown to the other side.
    reason = models.TextField(blank=True)
    member = models.ForeignKey(
        TeamMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["team", "status"]),
            models.Index(fields=["person", "status"]),
            models.Index(fields=["email", "status"]),
            models.Index(fields=["status", "expires_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "email"],
                condition=Q(status="pending"),
                name="one_pending_invitation_per_address",
            ),
            models.CheckConstraint(
                condition=~Q(kind="owner"), name="invitation_never_for_the_owner_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} to {self.team}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def started_by_label(self) -> str:
        return acted_by_label(self.started_by, self.started_on_behalf_of)

    @property
    def closed_by_label(self) -> str:
        return acted_by_label(self.closed_by, self.closed_on_behalf_of)


class Trial(models.Model):
    """A few paid sessions before someone joins, after which both sides say how it went.

    Either side may say no, and nobody is asked for a reason: a no ends the trial kindly and the
    candidate leaves the team without anyone being told why (playbook §2.6).
    """

    class Status(models.TextChoices):
        ARRANGED = "arranged", _("Sessions arranged")
        ASKING = "asking", _("Asking how it went")
        JOINED = "joined", _("Joined the team")
        ENDED = "ended", _("Ended")

    class Verdict(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="trials")
    member = models.OneToOneField(TeamMember, on_delete=models.PROTECT, related_name="trial")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.PROTECT, related_name="trial"
    )
    sessions_planned = models.PositiveSmallIntegerField()
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ARRANGED)
    created_at = models.DateTimeField(default=timezone.now)
    sessions_done_at = models.DateTimeField(null=True, blank=True)
    sessions_done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sessions_done_on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_verdict = models.CharField(max_length=3, choices=Verdict.choices, blank=True)
    owner_verdict_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_verdict_on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_verdict_at = models.DateTimeField(null=True, blank=True)
    # Private notes: each is shown only to the side that wrote it.
    owner_note = models.TextField(blank=True)
    candidate_verdict = models.CharField(max_length=3, choices=Verdict.choices, blank=True)
    candidate_verdict_at = models.DateTimeField(null=True, blank=True)
    candidate_note = models.TextField(blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["team", "status"])]

    def __str__(self) -> str:
        return f"Trial of {self.member.person} in {self.team}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.ARRANGED, self.Status.ASKING)

    @property
    def sessions_done_by_label(self) -> str:
        return acted_by_label(self.sessions_done_by, self.sessions_done_on_behalf_of)

    @property
    def owner_verdict_by_label(self) -> str:
        return acted_by_label(self.owner_verdict_by, self.owner_verdict_on_behalf_of)


class Leave(models.Model):
    """A member's notice that they are leaving the team, and how the leaving went."""

    class Status(models.TextChoices):
        NOTICE = "notice", _("Notice given")
        COMPLETED = "completed", _("Left")
        WITHDRAWN = "withdrawn", _("Notice withdrawn")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="leaves")
    member = models.ForeignKey(TeamMember, on_delete=models.PROTECT, related_name="leaves")
    leaves_on = models.DateField(_("leaving date"))
    farewell = models.TextField(_("farewell message"), blank=True)
    reflection = models.TextField(_("reflection"), blank=True)
    # Reflections are kept for the owner's side unless the leaver chooses to share them.
    reflection_shared = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOTICE)
    given_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The day the leaver and owner were told hats still stop the leave, so they are told once.
    hats_reminder_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["leaves_on", "id"]
        indexes = [models.Index(fields=["status", "leaves_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(status="notice"), name="one_open_notice_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member.person} leaving {self.team}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.NOTICE
