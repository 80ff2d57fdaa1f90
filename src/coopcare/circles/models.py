"""Circles and hats, as data.

A Circle has an aim, a domain (what it may decide) and a parent; circles nest from the Purpose
Circle down to Local Circles (and, from the Teams issue on, Teams — every Team is also a Circle).
A Hat is a role held for a while: a type, a holder, the circle it is held in, and start, review
and end dates. The consent processes that create hats come in later issues; these models carry
what those processes need (terms, review dates, who selected whom).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Circle(models.Model):
    class Kind(models.TextChoices):
        PURPOSE = "purpose", _("Purpose Circle")
        PLACES = "places", _("Places Circle")
        LOCAL = "local", _("Local Circle")
        HELPING = "helping", _("Helping Circle")
        MEMBERS = "members", _("Members' Circle")
        TEAM = "team", _("Team")
        OTHER = "other", _("Circle")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.LOCAL)
    aim = models.TextField(_("aim"), help_text=_("The effect this circle wants to have."))
    domain = models.TextField(_("domain"), help_text=_("What this circle may decide."))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Helping circles are created for a question and close on a date.
    closes_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CircleMembership(models.Model):
    class Participation(models.TextChoices):
        FULL = "full", _("Full participant")
        LEARNING = "learning", _("Learning participant")
        GUEST = "guest", _("Guest")

    circle = models.ForeignKey(Circle, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="circle_memberships"
    )
    participation = models.CharField(
        max_length=20, choices=Participation.choices, default=Participation.FULL
    )
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "person"],
                condition=Q(left_on__isnull=True),
                name="one_current_circle_membership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.circle}"


class HatType(models.Model):
    class Scope(models.TextChoices):
        TEAM = "team", _("Team hat")
        PROCESS = "process", _("Circle process hat")
        OPERATIONAL = "operational", _("Circle operational hat")

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80)
    scope = models.CharField(max_length=20, choices=Scope.choices)
    description = models.TextField(blank=True)
    # Default length of a term, so a review date can be proposed when a hat is taken on.
    default_term_months = models.PositiveSmallIntegerField(default=12)

    class Meta:
        ordering = ["scope", "name"]

    def __str__(self) -> str:
        return self.name


class HatQuerySet(models.QuerySet):
    def current(self, on=None) -> "HatQuerySet":
        day = on or timezone.localdate()
        return self.filter(started_on__lte=day).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day)
        )


class Hat(models.Model):
    hat_type = models.ForeignKey(HatType, on_delete=models.PROTECT, related_name="hats")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hats"
    )
    circle = models.ForeignKey(Circle, on_delete=models.PROTECT, related_name="hats")
    started_on = models.DateField(default=timezone.localdate)
    review_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    objects = HatQuerySet.as_manager()

    class Meta:
        ordering = ["circle__name", "hat_type__name"]
        indexes = [models.Index(fields=["holder", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("started_on")),
                name="hat_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hat_type} in {self.circle}"


from coopcare.circles.consent_models import *  # noqa: E402, F403
