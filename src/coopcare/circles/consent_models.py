"""The consent engine's records: proposals, the answers to them, amendments, hat nominations.

One engine serves every circle, a team's circle included (every Team is also a Circle), so a
team decision and a circle decision are the same kind of record. A proposal asks the people it
affects "Can you live with this?"; each answers consent, concern or objection for the version
they read. Amending a proposal makes a new version, so earlier answers stay on the record but no
longer count. The Circles issue extends this with clarifying questions, reactions and consent
rounds; ``version`` is the round counter it builds on, and ``ProposalAmendment.Kind`` already
names the three ways an objection is integrated (amend, shorten the term, add a measure).

The state changes live in ``coopcare.circles.consent``; reads in ``consent_selectors``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = [
    "HatNomination",
    "HatReviewReminder",
    "Proposal",
    "ProposalAmendment",
    "ProposalKind",
    "ProposalResponse",
]


class ProposalKind(models.TextChoices):
    """What a proposal is about. New kinds may be added; the engine treats them all alike
    except ``HAT_NOMINATION``, whose consent puts a hat on."""

    GENERAL = "general", _("Something else")
    TIMES = "times", _("A change of times")
    NEW_MEMBER = "new_member", _("A new member")
    SUPPORT = "support", _("What support is given")
    HAT_NOMINATION = "hat_nomination", _("Someone to wear a hat")


class Proposal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open: asking for answers")
        CONSENTED = "consented", _("Agreed by consent")
        OBJECTED = "objected", _("Not agreed: an objection was raised")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Closed without a decision")

    circle = models.ForeignKey("circles.Circle", on_delete=models.PROTECT, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals_made"
    )
    # Set when the author acts for someone else (a representative for a team owner), so the
    # record can always say "X on behalf of Y".
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals_made_for",
    )
    kind = models.CharField(max_length=30, choices=ProposalKind.choices)
    title = models.CharField(_("title"), max_length=160)
    statement = models.TextField(_("what is proposed"))
    reason = models.TextField(_("why"))
    measure = models.TextField(
        _("what we will watch"),
        blank=True,
        help_text=_("A measure that tells the circle whether a concern came true."),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    asked = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="proposals_asked",
        help_text=_("The people it affects, who are asked whether they can live with it."),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    review_on = models.DateField(_("review date"))
    outcome_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["circle", "-created_at"]),
            models.Index(fields=["status", "closes_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ProposalResponse(models.Model):
    """One person's answer to one version of a proposal. Changing an answer while the proposal
    is open updates this row; its history keeps what was said before."""

    class Answer(models.TextChoices):
        CONSENT = "consent", _("Yes, I can live with this")
        CONCERN = "concern", _("I can live with it, but I have a concern")
        OBJECTION = "objection", _("No, I object: it would harm our aim")

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="responses")
    # Whose answer this is: one of the people asked.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposal_responses"
    )
    # Who gave it: the person themself, or someone acting for them.
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField()
    answer = models.CharField(max_length=20, choices=Answer.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "person", "version"], name="one_answer_per_person_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.answer} (v{self.version})"

    @property
    def for_someone_else(self) -> bool:
        return self.answered_by_id != self.person_id


class ProposalAmendment(models.Model):
    """A change to an open proposal. It makes a new version and asks everyone again."""

    class Kind(models.TextChoices):
        AMEND = "amend", _("Amended the proposal")
        SHORTEN_TERM = "shorten_term", _("Shortened the term")
        ADD_MEASURE = "add_measure", _("Added a measure to watch")

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="amendments")
    version = models.PositiveIntegerField(help_text=_("The version this amendment made."))
    kind = models.CharField(max_length=20, choices=Kind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # {field: [before, after]} for every field the amendment changed.
    changes = models.JSONField(default=dict)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["version", "id"]

    def __str__(self) -> str:
        return f"{self.proposal} v{self.version}"


class HatNomination(models.Model):
    """Someone put forward to wear a hat. Hats are held by consent of the wearer and of the
    circle (playbook §2.1.3): the nominee answers first, then the circle is asked through a
    hat-nomination proposal, and only when both consent is the hat put on."""

    class Status(models.TextChoices):
        AWAITING_NOMINEE = "awaiting_nominee", _("Waiting for the nominee's answer")
        AWAITING_CIRCLE = "awaiting_circle", _("Waiting for the team's consent")
        AGREED = "agreed", _("Agreed: the hat is on")
        DECLINED = "declined", _("Declined by the nominee")
        NOT_AGREED = "not_agreed", _("Not agreed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.AWAITING_NOMINEE, Status.AWAITING_CIRCLE)

    circle = models.ForeignKey(
        "circles.Circle", on_delete=models.PROTECT, related_name="hat_nominations"
    )
    hat_type = models.ForeignKey("circles.HatType", on_delete=models.PROTECT, related_name="+")
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hat_nominations"
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("why this person"))
    review_on = models.DateField(_("review date"))
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.AWAITING_NOMINEE
    )
    created_at = models.DateTimeField(default=timezone.now)
    nominee_answered_at = models.DateTimeField(null=True, blank=True)
    nominee_answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    nominee_note = models.TextField(blank=True)
    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, null=True, blank=True, related_name="hat_nomination"
    )
    hat = models.OneToOneField(
        "circles.Hat", on_delete=models.PROTECT, null=True, blank=True, related_name="nomination"
    )
    outcome_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "hat_type", "nominee"],
                condition=Q(status__in=["awaiting_nominee", "awaiting_circle"]),
                name="one_open_nomination_per_hat_and_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nominee} for {self.hat_type} in {self.circle}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class HatReviewReminder(models.Model):
    """That the holder of a hat was reminded of one review date, so a daily job reminds once."""

    hat = models.ForeignKey("circles.Hat", on_delete=models.CASCADE, related_name="+")
    review_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hat", "review_on"], name="one_reminder_per_review")
        ]

    def __str__(self) -> str:
        return f"{self.hat} review {self.review_on}"
