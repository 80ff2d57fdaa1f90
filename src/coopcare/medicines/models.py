"""The medicines administration record (MAR) kept by the team's MAR Holder.

A ``Medicine`` is one line of the person's list, with the times each day a dose is due. A
``DoseRecord`` says what happened to one due dose: given, refused, or not given (with a reason).
A time-critical dose with no record by the end of its window raises one ``MissedDoseAlert``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Medicine(models.Model):
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="medicines")
    name = models.CharField(_("medicine"), max_length=150)
    dose = models.CharField(_("dose"), max_length=100, help_text=_("For example: 2 tablets, 5 ml."))
    # Wall-clock times in the co-op's time zone, "HH:MM", in order.
    times = models.JSONField(_("times each day"), default=list)
    time_critical = models.BooleanField(
        _("time-critical"),
        default=False,
        help_text=_("Like insulin or Parkinson's medicines: a late dose can cause harm."),
    )
    window_minutes = models.PositiveSmallIntegerField(
        _("how late a dose may be (minutes)"), default=30
    )
    instructions = models.TextField(_("instructions"), blank=True)
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    stops_on = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stops_on__isnull=True) | Q(stops_on__gte=models.F("starts_on")),
                name="medicine_stops_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"Medicine {self.pk} of team {self.team_id}"


class DoseRecord(models.Model):
    class Outcome(models.TextChoices):
        GIVEN = "given", _("Given")
        REFUSED = "refused", _("Refused")
        NOT_GIVEN = "not_given", _("Not given")

    medicine = models.ForeignKey(Medicine, on_delete=models.PROTECT, related_name="doses")
    due_at = models.DateTimeField()
    appointment = models.ForeignKey(
        "visits.Appointment", null=True, blank=True, on_delete=models.PROTECT, related_name="doses"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-due_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["medicine", "due_at"], name="one_record_per_dose"),
            models.CheckConstraint(
                condition=Q(outcome="given") | ~Q(reason=""), name="a_missed_dose_says_why"
            ),
        ]

    def __str__(self) -> str:
        return f"Dose of medicine {self.medicine_id} due {self.due_at:%Y-%m-%d %H:%M}"


class MissedDoseAlert(models.Model):
    medicine = models.ForeignKey(Medicine, on_delete=models.PROTECT, related_name="alerts")
    due_at = models.DateTimeField()
    alerted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["medicine", "due_at"], name="one_alert_per_dose")
        ]

    def __str__(self) -> str:
        return f"Missed dose of medicine {self.medicine_id} due {self.due_at:%Y-%m-%d %H:%M}"
