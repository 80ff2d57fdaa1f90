"""Appointments, change requests, care logs and calendar feeds: support agreed inside the team.

An appointment is a row with an aware start and end. A recurring appointment is a ``Series``: an
RFC 5545 rule (read with python-dateutil) applied to a wall-clock time in the co-op's time zone,
whose occurrences are materialised as ``Appointment`` rows up to a rolling horizon
(``services.recurrence``). Each occurrence remembers the start the rule gave it
(``occurrence_key``), so regenerating a series never duplicates, never resurrects a cancelled
occurrence and never overwrites one changed on its own (``detached``).

Who attends is ``Attendee``: givers (who join or decline) and observers. A giver who has joined an
appointment that is not cancelled *holds* its time, from its start to its end plus their travel
time; two held times of one person never overlap — checked in the booking service inside an
immediate transaction on SQLite, and enforced by an exclusion constraint on PostgreSQL
(migration 0002).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Place(models.TextChoices):
    HOME = "home", _("At home")
    OUT = "out", _("Out and about")
    ONLINE = "online", _("Online or by phone")


class VisitPolicy(models.Model):
    """A local circle's rules for its teams' appointments (defaults when a circle has none)."""

    DEFAULT_NOTICE_HOURS = 48

    circle = models.OneToOneField(
        "circles.Circle", on_delete=models.PROTECT, related_name="visit_policy"
    )
    cancellation_notice_hours = models.PositiveSmallIntegerField(
        _("notice needed to cancel without it counting as late (hours)"),
        default=DEFAULT_NOTICE_HOURS,
    )
    auto_confirm_hours = models.PositiveSmallIntegerField(
        _("confirm a care log on its own after (hours)"),
        null=True,
        blank=True,
        help_text=_("Leave empty (the default) so that every care log is confirmed by people."),
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Visit policy of circle {self.circle_id}"


class Series(models.Model):
    """A recurring appointment: the rule, and the template each occurrence starts from."""

    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="series")
    title = models.CharField(_("what it is"), max_length=120)
    # The RRULE body without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=20".
    rule = models.CharField(_("how it repeats"), max_length=300)
    first_start = models.DateTimeField(_("first start"))
    duration_minutes = models.PositiveIntegerField(_("length (minutes)"))
    place = models.CharField(_("place"), max_length=10, choices=Place.choices)
    place_detail = models.CharField(_("where exactly"), max_length=200, blank=True)
    support_kinds = models.JSONField(_("kinds of support"), default=list)
    givers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    observers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    # Occurrences exist as rows up to here; a task extends the horizon.
    generated_until = models.DateTimeField(null=True, blank=True)
    # Set when the series is stopped: no occurrence starts at or after it.
    ends_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "series"
        constraints = [
            models.CheckConstraint(condition=Q(duration_minutes__gt=0), name="series_has_length")
        ]

    def __str__(self) -> str:
        return f"Series {self.pk} of team {self.team_id}"


class Appointment(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Waiting for givers to join")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="appointments")
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.PROTECT, related_name="appointments"
    )
    occurrence_key = models.DateTimeField(null=True, blank=True)
    detached = models.BooleanField(default=False)
    title = models.CharField(_("what it is"), max_length=120)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=10, choices=Place.choices)
    place_detail = models.CharField(_("where exactly"), max_length=200, blank=True)
    support_kinds = models.JSONField(_("kinds of support"), default=list)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    # Offered to the team: the first eligible member to take it becomes its giver.
    open_slot = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancel_reason = models.TextField(blank=True)
    # Cancelled inside the circle's notice period: the money rules look at this.
    late_cancellation = models.BooleanField(default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set once the matching notification went out, so a task never sends it twice.
    reminded_at = models.DateTimeField(null=True, blank=True)
    no_check_in_alerted_at = models.DateTimeField(null=True, blank=True)
    log_opened_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="appointment_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["series", "occurrence_key"],
                condition=Q(series__isnull=False),
                name="one_row_per_occurrence",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["status", "ends_at"]),
        ]

    def __str__(self) -> str:
        # No title or place: audit events copy this text.
        return f"Appointment {self.pk} of team {self.team_id}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class Attendee(models.Model):
    class Role(models.TextChoices):
        GIVER = "giver", _("Giving support")
        OBSERVER = "observer", _("Observing")

    class Response(models.TextChoices):
        INVITED = "invited", _("Asked to join")
        JOINED = "joined", _("Joined")
        DECLINED = "declined", _("Declined")

    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="attendees")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendances"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    response = models.CharField(max_length=10, choices=Response.choices, default=Response.INVITED)
    responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=300, blank=True)
    # The giver's hourly rate when they joined (the rate in force, snapshotted).
    rate_pence = models.PositiveIntegerField(null=True, blank=True)
    travel_minutes = models.PositiveSmallIntegerField(default=0)
    # The time this attendance holds: from the start to the end plus travel (denormalised so
    # the overlap rule is one indexed query, and one exclusion constraint on PostgreSQL).
    busy_from = models.DateTimeField()
    busy_until = models.DateTimeField()
    holds_time = models.BooleanField(default=False)

    class Meta:
        ordering = ["appointment_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["appointment", "person"], name="one_attendance_each"),
            models.CheckConstraint(
                condition=Q(busy_until__gt=F("busy_from")), name="attendance_busy_range"
            ),
            models.CheckConstraint(
                condition=Q(holds_time=False) | Q(role="giver", response="joined"),
                name="only_joined_givers_hold_time",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "holds_time", "busy_from"]),
            models.Index(fields=["person", "busy_from"]),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} at appointment {self.appointment_id}"


class ChangeRequest(models.Model):
    """Moving or cancelling a confirmed appointment, which everyone it affects must agree to.

    Unlike a team decision (the consent engine, where silence by the closing time reads as
    consent), a change to a booked visit needs a yes from every person asked before the visit
    starts: it is their time. See docs/decisions/0008-appointment-changes.md.
    """

    class Kind(models.TextChoices):
        MOVE = "move", _("Move it")
        CANCEL = "cancel", _("Cancel it")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for answers")
        AGREED = "agreed", _("Agreed and done")
        DECLINED = "declined", _("Not agreed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        LAPSED = "lapsed", _("Lapsed: the visit started first")

    appointment = models.ForeignKey(
        Appointment, on_delete=models.PROTECT, related_name="change_requests"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    new_starts_at = models.DateTimeField(null=True, blank=True)
    new_ends_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("why"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    asked = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment"],
                condition=Q(status="open"),
                name="one_open_change_per_appointment",
            ),
            models.CheckConstraint(
                condition=Q(kind="cancel")
                | Q(new_starts_at__isnull=False, new_ends_at__gt=F("new_starts_at")),
                name="a_move_says_when",
            ),
        ]

    def __str__(self) -> str:
        return f"Change request {self.pk} for appointment {self.appointment_id}"


class ChangeAnswer(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("Yes, that works for me")
        NO = "no", _("No")

    change_request = models.ForeignKey(
        ChangeRequest, on_delete=models.PROTECT, related_name="answers"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answer = models.CharField(max_length=5, choices=Answer.choices)
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["change_request", "person"], name="one_answer_per_change"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.answer} to change request {self.change_request_id}"


class Mood(models.TextChoices):
    GOOD = "good", _("Good")
    OK = "ok", _("OK")
    LOW = "low", _("Low")
    UPSET = "upset", _("Upset or anxious")
    UNWELL = "unwell", _("Unwell")


class Eaten(models.TextChoices):
    ALL = "all", _("All of it")
    MOST = "most", _("Most of it")
    SOME = "some", _("Some of it")
    LITTLE = "little", _("A little")
    NONE = "none", _("None")
    NOT_OFFERED = "not_offered", _("Not part of this visit")


class Task(models.TextChoices):
    PERSONAL_CARE = "personal_care", _("Personal care")
    MEDICINES = "medicines", _("Medicines given")
    FOOD_AND_DRINK = "food_and_drink", _("Food and drink")
    BEDDING = "bedding", _("Changed bedding or pads")
    TOILETING = "toileting", _("Toileting")
    HOUSEWORK = "housework", _("Housework")
    SHOPPING = "shopping", _("Shopping or errands")
    COMPANY = "company", _("Company and conversation")
    OUTING = "outing", _("Out and about")


class CareLog(models.Model):
    """The record that support happened, agreed by both sides (eccoo §2.9 A).

    Pending until every giver who attended and the person getting support (or someone acting
    for them) have confirmed the current version; an adjustment makes a new version, so earlier
    confirmations no longer count. Confirmed logs are never changed: a correction is a new log
    that points at the one it corrects.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DISPUTED = "disputed", _("Disputed: the Coach is helping")
        SUPERSEDED = "superseded", _("Corrected by a later entry")

    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="care_logs")
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="care_logs")
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    version = models.PositiveIntegerField(default=1)
    started_at = models.DateTimeField(_("actual start"))
    ended_at = models.DateTimeField(_("actual end"))
    mood = models.CharField(_("mood"), max_length=10, choices=Mood.choices, blank=True)
    tasks = models.JSONField(_("what was done"), default=list, blank=True)
    eaten = models.CharField(
        _("how much was eaten"), max_length=12, choices=Eaten.choices, blank=True
    )
    food_and_drink = models.TextField(_("food and drink"), blank=True)
    follow_up = models.TextField(_("anything to follow up"), blank=True)
    water_in_reach = models.BooleanField(_("water left within reach"), null=True, blank=True)
    pendant_in_reach = models.BooleanField(_("pendant left within reach"), null=True, blank=True)
    notes = models.TextField(_("what happened"), blank=True)
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adjusted_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    auto_confirmed = models.BooleanField(default=False)
    disputed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    disputed_at = models.DateTimeField(null=True, blank=True)
    dispute_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__gt=F("started_at")), name="care_log_ends_after_start"
            ),
            # One live log per appointment; corrections and superseded logs stand beside it.
            models.UniqueConstraint(
                fields=["appointment"],
                condition=Q(corrects__isnull=True),
                name="one_first_log_per_appointment",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "status", "-started_at"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"Care log {self.pk} for appointment {self.appointment_id}"

    @property
    def minutes(self) -> int:
        return int((self.ended_at - self.started_at).total_seconds() // 60)


class CareLogConfirmation(models.Model):
    """One side's "yes, this happened as written" for one version of a care log."""

    care_log = models.ForeignKey(CareLog, on_delete=models.PROTECT, related_name="confirmations")
    # Whose confirmation this is: a giver, or the person getting support.
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Who gave it: the person, or someone acting for the owner.
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["care_log", "person", "version"], name="one_confirmation_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} confirmed care log {self.care_log_id} v{self.version}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret iCal address. Regenerating it replaces the token; the old one stops."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed of {self.person_id}"
