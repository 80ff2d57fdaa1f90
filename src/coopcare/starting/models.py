"""Starting a team (playbook §2.5, §3.1–3.4, §3.7): what a Team Starter's work records.

An ``Enquiry`` is the first contact. When a Team Starter decides to proceed, it becomes a
``Case``: one per person, following the eight steps until the Team Starter steps back. Gates the
platform enforces live here too: ``FaceToFaceVisit`` and ``PromiseSignature`` (see ``gates``).
The Supportive Conversation and Trust Assessment are ``TeamDocument``s whose every save is a new
``DocumentVersion``. A ``CallOut`` is a support-opportunity summary shared with an audience;
people answer it with an ``Interest``. ``ExternalContact`` is a relationship the Team Starter
holds (a social worker, a referrer) until it is handed over to a team member.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SupportKind(models.TextChoices):
    PERSONAL_CARE = "personal_care", _("Personal care (like washing, dressing, using the toilet)")
    MEDICINES = "medicines", _("Help taking or managing medicines")
    COMPANIONSHIP = "companionship", _("Companionship")
    PRACTICAL = "practical", _("Practical help (like cooking, cleaning, shopping)")
    OUT_AND_ABOUT = "out_and_about", _("Getting out and about")
    ONLINE = "online", _("Support online or by phone")


def kind_labels(values: list[str]) -> list[str]:
    """Labels of support kinds, in the order chosen; unknown values shown as they are."""
    labels = dict(SupportKind.choices)
    return [str(labels.get(value, value)) for value in values]


# Support that needs a face-to-face visit before it starts (playbook §2.5, step 4).
NEEDS_VISIT = frozenset({SupportKind.PERSONAL_CARE.value, SupportKind.MEDICINES.value})


class Funding(models.TextChoices):
    SELF_FUNDED = "self_funded", _("Self-funded")
    COUNCIL = "council", _("Council (local authority)")
    NHS = "nhs", _("NHS")
    DIRECT_PAYMENT = "direct_payment", _("Direct payment")
    MIXED = "mixed", _("A mix of these")
    NOT_SURE = "not_sure", _("Not sure yet")


ENQUIRY_FUNDING = [
    Funding.SELF_FUNDED,
    Funding.COUNCIL,
    Funding.NHS,
    Funding.DIRECT_PAYMENT,
    Funding.NOT_SURE,
]
PROMISE_FUNDING = [
    Funding.SELF_FUNDED,
    Funding.COUNCIL,
    Funding.NHS,
    Funding.DIRECT_PAYMENT,
    Funding.MIXED,
]


class Enquiry(models.Model):
    """First contact (§3.1): short questions only, answered by the enquirer or a Team Starter."""

    class ForWhom(models.TextChoices):
        SELF = "self", _("Me")
        CARED_FOR = "cared_for", _("Someone I care for")
        REFERRAL = "referral", _("A professional referral")

    class Channel(models.TextChoices):
        WEB = "web", _("Website form")
        PHONE = "phone", _("Phone call")
        EMAIL = "email", _("Email")
        REFERRAL = "referral", _("Referral")

    class Source(models.TextChoices):
        SELF = "self", _("Found you myself")
        FAMILY_FRIEND = "family_friend", _("A family member or friend")
        PROFESSIONAL = "professional", _("A professional (like a social worker or GP)")
        CONTRACT = "contract", _("A council or NHS referral route")
        OTHER = "other", _("Somewhere else")

    class Status(models.TextChoices):
        NEW = "new", _("Waiting for a Team Starter")
        PROCEED = "proceed", _("Proceeding")
        WAITING_LIST = "waiting_list", _("On the waiting list")
        SIGNPOSTED = "signposted", _("Signposted elsewhere")

    for_whom = models.CharField(max_length=20, choices=ForWhom.choices)
    contact_name = models.CharField(_("name of the person enquiring"), max_length=120)
    person_name = models.CharField(
        _("name of the person who would get support"), max_length=120, blank=True
    )
    organisation = models.CharField(max_length=160, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    support_kinds = models.JSONField(default=list, blank=True)
    other_help = models.TextField(blank=True)
    needs = models.TextField()
    timings = models.TextField(blank=True)
    postcode = models.CharField(max_length=10)
    area = models.CharField(max_length=120, blank=True)
    funding = models.CharField(max_length=20, choices=Funding.choices)
    referral_source = models.CharField(max_length=20, choices=Source.choices, blank=True)
    referral_detail = models.CharField(max_length=200, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.WEB)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    local_circle = models.ForeignKey(
        "circles.Circle",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enquiries",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    review_on = models.DateField(null=True, blank=True)
    # The review date a reminder went out for, so the daily job reminds once per date.
    reminded_for = models.DateField(null=True, blank=True)
    signposted_to = models.TextField(blank=True)
    outcome_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "review_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="waiting_list") | Q(review_on__isnull=False),
                name="waiting_list_has_review_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="signposted") | ~Q(signposted_to=""),
                name="signposted_says_where",
            ),
        ]

    def __str__(self) -> str:
        return f"Enquiry {self.pk}: {self.name_of_person}"

    @property
    def name_of_person(self) -> str:
        """Who would get support: the enquirer themself unless they named someone else."""
        return self.person_name or self.contact_name


class Case(models.Model):
    """One person's team-starting case, from a "proceed" enquiry until the Team Starter steps
    back. ``person`` is set once they have an account; ``team`` once their team is started."""

    enquiry = models.OneToOneField(Enquiry, on_delete=models.PROTECT, related_name="case")
    local_circle = models.ForeignKey(
        "circles.Circle", on_delete=models.PROTECT, related_name="team_starting_cases"
    )
    team_starter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cases_led",
        help_text=_("The Team Starter who leads this case."),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="team_starting_cases",
    )
    team = models.OneToOneField(
        "teams.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="starting_case"
    )
    invited_email = models.EmailField(blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    # Step 2, beginning the relationship (§3.2): a conversation, noted afterwards.
    relationship_talk_on = models.DateField(null=True, blank=True)
    daily_life = models.TextField(blank=True)
    support_wanted = models.TextField(blank=True)
    support_not_wanted = models.TextField(blank=True)
    preferences = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    # Step 8, stepping back: the parts of readiness a person has to judge.
    rota_running = models.BooleanField(default=False)
    rota_note = models.TextField(blank=True)
    owner_informed = models.BooleanField(default=False)
    stepped_back_at = models.DateTimeField(null=True, blank=True)
    stepped_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["local_circle", "stepped_back_at"])]

    def __str__(self) -> str:
        return str(_("Case: %(name)s") % {"name": self.enquiry.name_of_person})

    @property
    def is_open(self) -> bool:
        return self.stepped_back_at is None


class FaceToFaceVisit(models.Model):
    """A visit in person, required before personal care or medicines support (§2.5 step 4)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField()
    present = models.TextField(help_text=_("Who was there."))
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"Visit on {self.visited_on:%d %b %Y}"


class PromiseSignature(models.Model):
    """The Getting Support Promise, signed for a team before team-based support (§3.7)."""

    class SignedAs(models.TextChoices):
        OWNER = "owner", _("The person getting support")
        REPRESENTATIVE = "representative", _("A nominated representative")
        GUARDIAN = "guardian", _("A health and welfare guardian (deputy)")

    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="promises")
    signed_as = models.CharField(max_length=20, choices=SignedAs.choices)
    # The signer's account when they have one; their name always, as it was written.
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signer_name = models.CharField(max_length=120)
    funding = models.CharField(max_length=20, choices=Funding.choices)
    signed_on = models.DateField()
    version = models.CharField(max_length=40)
    # The sections agreed, as they read in that version: [{"heading": …, "text": …}, …].
    sections = models.JSONField(default=list)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return f"Promise {self.version} signed {self.signed_on:%d %b %Y}"


class DocumentAudience(models.TextChoices):
    OWNER_SIDE = "owner_side", _("Only me (and anyone acting for me)")
    TEAM = "team", _("My team")
    TEAM_AND_STARTER = (
        "team_and_starter",
        _("My team and the local circle's Team Starters and Coaches"),
    )


class TeamDocument(models.Model):
    """The Supportive Conversation or Trust Assessment of a team, co-written with the owner."""

    class Kind(models.TextChoices):
        SUPPORTIVE_CONVERSATION = "supportive_conversation", _("Supportive Conversation")
        TRUST_ASSESSMENT = "trust_assessment", _("Trust Assessment")

    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    audience = models.CharField(
        max_length=20, choices=DocumentAudience.choices, default=DocumentAudience.OWNER_SIDE
    )
    audience_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "kind"], name="one_document_of_a_kind_per_team")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.team_id}"


class DocumentVersion(models.Model):
    """One saved version. Versions are never changed: a new save is a new version."""

    document = models.ForeignKey(TeamDocument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    answers = models.JSONField(default=dict)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Set when a representative wrote it for the owner: shown as "X on behalf of Y".
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"


class CallOut(models.Model):
    """A support-opportunity summary (§3.2), published only with the fields consented to."""

    class Audience(models.TextChoices):
        NAMED = "named", _("People we know (named members)")
        CIRCLE = "circle", _("Members of the local circle")
        RECRUITER = "recruiter", _("The local circle's Recruiters")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    FIELDS = ("key_needs", "where_and_when", "qualities", "relationship")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="call_outs")
    key_needs = models.TextField(_("key needs and preferences"))
    where_and_when = models.TextField(_("where and when"))
    qualities = models.TextField(_("qualities and experience wanted"))
    relationship = models.TextField(_("the relationship hoped for"))
    shared_fields = models.JSONField(default=list)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    named_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="call_outs_named_in"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return f"Call-out {self.pk}"

    def shared(self) -> list[tuple[str, str, str]]:
        """(field, label, text) of only the fields the person agreed to share, in a fixed
        order. Everything shown to a call-out's audience goes through here."""
        return [
            (name, str(self._meta.get_field(name).verbose_name).capitalize(), getattr(self, name))
            for name in self.FIELDS
            if name in self.shared_fields
        ]


class Interest(models.Model):
    """Someone offering to support the person a call-out is about."""

    class Status(models.TextChoices):
        NEW = "new", _("Not yet followed up")
        CONTACTED = "contacted", _("Talking it over")
        MEETING = "meeting", _("Meeting or trial being arranged")
        NOT_GOING_AHEAD = "not_going_ahead", _("Not going ahead")

    call_out = models.ForeignKey(CallOut, on_delete=models.PROTECT, related_name="interests")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="call_out_interests"
    )
    message = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    status_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call_out", "person"], name="one_interest_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} interested in call-out {self.call_out_id}"


class ExternalContact(models.Model):
    """Someone outside the co-op the case relies on; the Team Starter hands them over."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="contacts")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120)
    organisation = models.CharField(max_length=160, blank=True)
    how_to_reach = models.TextField()
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who holds the relationship now."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"
