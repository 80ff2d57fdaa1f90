"""Learning: each circle's learning policy, people's learning records, and learning together.

Two halves (DOMAIN.md, Learning; playbook §6):

* the **minimums** the law and the co-op set — a per-circle ``Policy`` of ``Topic`` s, each with a
  refresh interval and who it applies to; ``LearningRecord`` s, ``Qualification`` s and
  ``Registration`` s per person; expiry is *computed* from the policy in force
  (``learning.requirements``), never stored, so changing an interval changes every expiry at
  once;
* **peer learning** — ``LearningSession`` s that anyone may offer, teachers the Learning Lead
  recognises, a welcome route for new workers, pathways from volunteering to paid work, and peer
  supervision pairs who chose each other.

Records are keyed by the topic's ``slug``, not by a ``Topic`` row: a person's learning belongs to
them and counts in every circle whose policy has a topic with that slug.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# --- The learning policy ------------------------------------------------------------------------


class Interval(models.TextChoices):
    YEARLY = "yearly", _("Every year")
    THREE_YEARLY = "three_yearly", _("Every three years")
    ONCE = "once", _("Once")
    CUSTOM = "custom", _("Every so many months")


class Policy(models.Model):
    """A circle's learning policy: its catalogue of topics. Changed by the circle's decision."""

    circle = models.OneToOneField(
        "circles.Circle", on_delete=models.PROTECT, related_name="learning_policy"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return f"Learning policy of circle {self.circle_id}"


class Topic(models.Model):
    """Something to learn, how often, and whom it is required of.

    Who it applies to: every non-empty list among ``member_kinds`` (team member kinds, e.g.
    independent workers), ``hats`` (hat type slugs) and ``support_kinds`` (kinds of support the
    person gives) must match; a topic with all three empty applies to everyone giving support in
    the circle's teams. A ``triggered`` topic is required only of the givers of teams whose owner
    or Profile Holder marked the need (``TeamNeed``). Topics that name ``support_kinds`` are the
    ones that *gate* work: an appointment that includes one of those kinds needs them in date.
    """

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="topics")
    slug = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("what it covers"), blank=True)
    group = models.CharField(
        _("group"), max_length=60, blank=True, help_text=_("For example “Care Certificate”.")
    )
    interval = models.CharField(
        _("how often"), max_length=20, choices=Interval.choices, default=Interval.YEARLY
    )
    custom_months = models.PositiveSmallIntegerField(
        _("months between refreshes"), null=True, blank=True
    )
    member_kinds = models.JSONField(_("required of these team members"), default=list, blank=True)
    hats = models.JSONField(_("required of people wearing these hats"), default=list, blank=True)
    support_kinds = models.JSONField(
        _("required for these kinds of support"), default=list, blank=True
    )
    triggered = models.BooleanField(
        _("only when a person supported needs it"),
        default=False,
        help_text=_("Required of a team's givers once the owner or Profile Holder marks the need."),
    )
    observed = models.BooleanField(
        _("competence must be observed"),
        default=False,
        help_text=_("Counts only when an assessor who holds it saw the person do it."),
    )
    order = models.PositiveSmallIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "slug"], name="one_topic_slug_per_policy"),
            models.CheckConstraint(
                condition=~Q(interval="custom")
                | Q(custom_months__isnull=False, custom_months__gt=0),
                name="custom_interval_has_months",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.retired_at is None


class PolicyChange(models.Model):
    """Who changed what in a circle's policy, when and why (the Circles issue adds the decision)."""

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="changes")
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    action = models.CharField(max_length=40)
    changes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(_("why"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} in policy {self.policy_id}"


class TeamNeed(models.Model):
    """A topic the person supported needs their givers to know (a triggered requirement)."""

    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="learning_needs")
    topic_slug = models.SlugField(max_length=80)
    note = models.CharField(_("why"), max_length=300, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["team_id", "topic_slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "topic_slug"],
                condition=Q(ended_at__isnull=True),
                name="one_current_need_per_topic",
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic_slug} needed in team {self.team_id}"


# --- Records ------------------------------------------------------------------------------------


class Method(models.TextChoices):
    PEER_SESSION = "peer_session", _("Peer learning session")
    EXTERNAL_COURSE = "external_course", _("External course")
    E_LEARNING = "e_learning", _("E-learning")
    OBSERVED = "observed", _("Observed practice")


def evidence_path(instance, filename: str) -> str:
    # Never the uploader's file name in the path: it can say something about the person.
    return f"learning/{instance.person_id}/{instance.evidence_token}"


class LearningRecord(models.Model):
    """One piece of learning a person did. Mistakes are withdrawn (kept), never deleted."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_records"
    )
    topic_slug = models.SlugField(max_length=80)
    topic_name = models.CharField(max_length=150)
    completed_on = models.DateField(_("date"))
    method = models.CharField(_("how"), max_length=20, choices=Method.choices)
    provider = models.CharField(_("provider or facilitator"), max_length=200, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    session = models.ForeignKey(
        "learning.LearningSession",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    # Observed competence: signed off by an assessor on the platform who holds it, or (for the
    # first assessor a circle has) by a named external assessor the Coach recorded.
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assessor_name = models.CharField(_("external assessor"), max_length=200, blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(upload_to=evidence_path, blank=True)
    evidence_token = models.CharField(max_length=64, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_type = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_reason = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on", "-id"]
        indexes = [models.Index(fields=["person", "topic_slug", "completed_on"])]

    def __str__(self) -> str:
        return f"Learning record {self.pk} of person {self.person_id}"

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None


class Qualification(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_qualifications"
    )
    title = models.CharField(_("qualification"), max_length=200)
    accredited = models.BooleanField(_("accredited"), default=False)
    level = models.CharField(_("level"), max_length=40, blank=True)
    awarding_body = models.CharField(_("awarding body"), max_length=200, blank=True)
    achieved_on = models.DateField(_("date achieved"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-achieved_on", "title", "id"]

    def __str__(self) -> str:
        return f"Qualification {self.pk} of person {self.person_id}"


class RegulatoryBody(models.TextChoices):
    NMC = "nmc", _("Nursing and Midwifery Council")
    HCPC = "hcpc", _("Health and Care Professions Council")
    SWE = "swe", _("Social Work England")
    GMC = "gmc", _("General Medical Council")
    GPHC = "gphc", _("General Pharmaceutical Council")
    OTHER = "other", _("Another body")


class Registration(models.Model):
    """A professional registration the Coach keeps in date."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="registrations"
    )
    body = models.CharField(_("regulatory body"), max_length=10, choices=RegulatoryBody.choices)
    body_name = models.CharField(_("name of the body"), max_length=200, blank=True)
    number = models.CharField(_("registration number"), max_length=60)
    expires_on = models.DateField(_("expires on"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_on = models.DateField(_("checked on the register on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["expires_on", "id"]

    def __str__(self) -> str:
        return f"Registration {self.pk} of person {self.person_id}"


class Reminder(models.Model):
    """One reminder sent (an expiry 60, 30 or 7 days ahead, or on the day): never sent twice."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # What it is about: "topic:<slug>", "registration:<id>", "supervision:<pair id>".
    about = models.CharField(max_length=100)
    due_on = models.DateField()
    stage = models.PositiveSmallIntegerField(help_text="Days before the due date (0: on the day).")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "about", "due_on", "stage"], name="one_reminder_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder {self.about} {self.stage}d before {self.due_on}"


# --- Learning together --------------------------------------------------------------------------


class SessionKind(models.TextChoices):
    BUDDY = "buddy", _("Buddy meeting")
    TEAM_MEETING = "team_meeting", _("Team meeting")
    EDUCATION_SLOT = "education_slot", _("Circle meeting education slot")
    ONE_TO_ONE = "one_to_one", _("One-to-one")
    SHADOWING = "shadowing", _("Shadowing or an overlapping shift")
    ACTION_LEARNING = "action_learning", _("Action learning set")
    CRITICAL_THINKING = "critical_thinking", _("Critical-thinking buddies")
    FEEDBACK = "feedback", _("Feedback session")
    EXTERNAL_COURSE = "external_course", _("External course")


class Setting(models.TextChoices):
    TEAM = "team", _("In a team")
    CIRCLE = "circle", _("In the circle")
    COMMUNITY = "community", _("In the community")
    ONLINE = "online", _("Online")


class LearningSession(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.PROTECT, related_name="learning_sessions"
    )
    team = models.ForeignKey(
        "teams.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="learning_sessions",
    )
    kind = models.CharField(_("kind of session"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what it is about"), blank=True)
    topic_slugs = models.JSONField(_("topics covered"), default=list, blank=True)
    setting = models.CharField(_("where"), max_length=12, choices=Setting.choices)
    place_detail = models.CharField(_("place or link"), max_length=200, blank=True)
    # The postcode district it happens in, so people nearby find it ("shortest distance").
    area = models.CharField(_("postcode district"), max_length=8, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(_("places"), default=8)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="sessions_facilitated"
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sessions_offered"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords(m2m_fields=[facilitators])

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["circle", "status", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="session_has_places"),
        ]

    def __str__(self) -> str:
        return f"Learning session {self.pk}"

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class Place(models.Model):
    """A person's place at a session: booked, on the waiting list, then attended or absent."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Did not come")

    HOLDING = (Status.BOOKED, Status.ATTENDED, Status.ABSENT)

    session = models.ForeignKey(LearningSession, on_delete=models.PROTECT, related_name="places")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="session_places"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BOOKED)
    asked_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["asked_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_place_per_person")
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"Place of {self.person_id} at session {self.session_id}"


class SessionFeedback(models.Model):
    session = models.ForeignKey(LearningSession, on_delete=models.PROTECT, related_name="feedback")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(_("how useful was it (1 to 5)"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_feedback_each"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback {self.pk} on session {self.session_id}"


class TeacherLevel(models.TextChoices):
    ASSOCIATE = "associate", _("Associate Teacher")
    TEACHER = "teacher", _("Teacher")


class TeacherRecognition(models.Model):
    """The Learning Lead recognises a member as an Associate Teacher or a Teacher in a circle."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="teacher_recognitions"
    )
    circle = models.ForeignKey("circles.Circle", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=12, choices=TeacherLevel.choices)
    note = models.CharField(max_length=300, blank=True)
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recognised_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recognised_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "circle"],
                condition=Q(ended_on__isnull=True),
                name="one_current_recognition_per_circle",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.person_id} in circle {self.circle_id}"


# --- Welcome route ------------------------------------------------------------------------------


class WelcomeStep(models.TextChoices):
    BUDDY = "buddy", _("A buddy is assigned")
    CIRCLE_MEETING = "circle_meeting", _("Came to a first circle meeting")
    SHADOWING = "shadowing", _("Shadowing done")
    LEARNING_SHOWN = "learning_shown", _("Shown the learning on offer")
    SUPERVISOR = "supervisor", _("Chose a peer supervisor")


class WelcomeRoute(models.Model):
    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="welcome_routes"
    )
    circle = models.ForeignKey("circles.Circle", on_delete=models.PROTECT, related_name="+")
    welcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="welcomes_given"
    )
    buddy = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(default=timezone.localdate)
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["newcomer", "circle"],
                condition=Q(completed_on__isnull=True),
                name="one_open_welcome_per_circle",
            )
        ]

    def __str__(self) -> str:
        return f"Welcome route {self.pk}"


class WelcomeTick(models.Model):
    route = models.ForeignKey(WelcomeRoute, on_delete=models.PROTECT, related_name="ticks")
    step = models.CharField(max_length=20, choices=WelcomeStep.choices)
    done_on = models.DateField(default=timezone.localdate)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["done_on", "id"]
        constraints = [models.UniqueConstraint(fields=["route", "step"], name="one_tick_per_step")]

    def __str__(self) -> str:
        return f"{self.step} on route {self.route_id}"


# --- Pathways -----------------------------------------------------------------------------------


class Pathway(models.Model):
    """A route from one way of giving support to another, e.g. volunteer → paid worker."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class PathwayStage(models.Model):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    # What a person needs before moving on to the next stage.
    topic_slugs = models.JSONField(default=list, blank=True)
    steps = models.JSONField(default=list, blank=True, help_text="Plain-language steps.")

    class Meta:
        ordering = ["pathway_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "order"], name="one_stage_per_order")
        ]

    def __str__(self) -> str:
        return self.name


class PathwayJourney(models.Model):
    """A person on a pathway: the stage they have reached, and when."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pathway_journeys"
    )
    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="journeys")
    stage = models.ForeignKey(PathwayStage, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(default=timezone.localdate)
    stage_reached_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "pathway"],
                condition=Q(ended_on__isnull=True),
                name="one_open_journey_per_pathway",
            )
        ]

    def __str__(self) -> str:
        return f"Journey {self.pk} on pathway {self.pathway_id}"


class StageMove(models.Model):
    """Each stage reached on a journey, with who confirmed it."""

    journey = models.ForeignKey(PathwayJourney, on_delete=models.PROTECT, related_name="moves")
    stage = models.ForeignKey(PathwayStage, on_delete=models.PROTECT, related_name="+")
    reached_on = models.DateField(default=timezone.localdate)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["reached_on", "id"]

    def __str__(self) -> str:
        return f"Journey {self.journey_id} reached stage {self.stage_id}"


# --- Peer supervision ---------------------------------------------------------------------------


class SupervisionPair(models.Model):
    """A supervisor and a supervisee who chose each other (both say yes)."""

    class Status(models.TextChoices):
        ASKED = "asked", _("Asked, waiting for an answer")
        ACTIVE = "active", _("Checking in")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervising"
    )
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervised_by"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASKED)
    # Days between check-ins the pair agreed: at most 90 (independent workers), about 60 for
    # employed workers.
    every_days = models.PositiveSmallIntegerField(default=90)
    asked_at = models.DateTimeField(default=timezone.now)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(supervisor=F("supervisee")), name="no_self_supervision"
            ),
            models.UniqueConstraint(
                fields=["supervisor", "supervisee"],
                condition=Q(status__in=["asked", "active"]),
                name="one_open_pair",
            ),
            models.CheckConstraint(
                condition=Q(every_days__gte=7, every_days__lte=90),
                name="check_in_every_7_to_90_days",
            ),
        ]

    def __str__(self) -> str:
        return f"Supervision pair {self.pk}"


class CheckIn(models.Model):
    """A check-in. Its notes are private to the pair: no hat, no admin page shows them."""

    pair = models.ForeignKey(SupervisionPair, on_delete=models.PROTECT, related_name="check_ins")
    held_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Check-in {self.pk} of pair {self.pair_id}"


# --- Learning passport --------------------------------------------------------------------------


class PassportLink(models.Model):
    """A link that shows someone's learning passport to anyone holding it, until it expires.

    Only a hash of the secret is kept; the person sees the link once, when they make it.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="passport_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("who it is for"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Passport link {self.pk}"

    def is_live(self, now: datetime.datetime | None = None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())
