"""People, their profiles and privacy choices, and co-op membership.

Anyone may hold an account (a ``User``) before becoming a member. Membership is a separate,
dated record with a reason, so it can lapse when that reason ends and keep its history.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager, _user_has_perm
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """An account. The person's own name lives on their Profile, under their privacy choices."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            # Closed accounts are few: counting current members subtracts them from this index
            # instead of reading every account (members.privacy.member_count).
            models.Index(fields=["id"], condition=Q(is_active=False), name="user_inactive_idx"),
        ]

    def __str__(self) -> str:
        profile = getattr(self, "profile", None)
        return profile.name if profile and profile.name else f"Person {self.pk}"

    @property
    def display_name(self) -> str:
        return str(self)

    def has_perm(self, perm: str, obj=None) -> bool:
        """Ask the backends even for superusers.

        Django lets an active superuser pass every permission check. Here a superuser runs the
        (audited) admin, but gets no extra right over people's data in pages and the API: the
        co-op's rules in ``coopcare/permissions.py`` apply to them as to anyone. Model
        permissions still pass for them through ``ModelBackend``, so the admin works.
        """
        if not self.is_active:
            return False
        return _user_has_perm(self, perm, obj)


class Profile(models.Model):
    """The basic profile every person has. Sections of it are shown under PrivacyChoice rules."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    name = models.CharField(_("the name you use"), max_length=120, blank=True)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True, db_index=True)
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("The languages you speak, separated by commas."),
    )
    communication_needs = models.TextField(
        _("communication needs"),
        blank=True,
        help_text=_("Anything that helps people communicate with you well."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [
            # The member directory walks names in this order and stops after a page.
            models.Index(Lower("name"), "person", name="profile_name_lower_idx"),
        ]

    def __str__(self) -> str:
        return self.name or f"Profile {self.pk}"


class Section(models.TextChoices):
    """The parts of a person's data they choose an audience for, one by one."""

    NAME = "name", _("Name and pronouns")
    CONTACT = "contact", _("Contact details (email, phone, address)")
    LOCATION = "location", _("Postcode")
    LANGUAGES = "languages", _("Languages and communication needs")
    MEMBERSHIP = "membership", _("Membership class")
    HATS = "hats", _("Hats you wear")
    LEARNING = "learning", _("Learning records, qualifications and registrations")


class Audience(models.TextChoices):
    ONLY_ME = "only_me", _("Only me")
    NAMED = "named", _("People I name")
    TEAMS = "teams", _("My team(s)")
    CIRCLE = "circle", _("My circle")
    MEMBERS = "members", _("All members")


# The most private sensible choice per section. Members need each other's names for the co-op
# to work at all (minutes, who wears which hat), and hats are public to members by the model;
# everything else starts narrower, and contact details and postcode start with the person only.
DEFAULT_AUDIENCE: dict[str, str] = {
    Section.NAME: Audience.MEMBERS,
    Section.CONTACT: Audience.ONLY_ME,
    Section.LOCATION: Audience.ONLY_ME,
    Section.LANGUAGES: Audience.TEAMS,
    Section.MEMBERSHIP: Audience.CIRCLE,
    Section.HATS: Audience.MEMBERS,
    # The Coach and the Learning Lead of the person's circle always see it (the law asks them
    # to keep it in date); this choice is about everyone else.
    Section.LEARNING: Audience.ONLY_ME,
}


class PrivacyChoice(models.Model):
    """Who may see one section of a person's data. A missing row means DEFAULT_AUDIENCE."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="privacy_choices"
    )
    section = models.CharField(max_length=20, choices=Section.choices)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    named_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="named_in_privacy_choices"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[named_people])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "section"], name="one_choice_per_section")
        ]
        indexes = [
            # "Whose name might be hidden from me": the few people with a narrower choice.
            models.Index(
                fields=["section", "audience", "person"], name="privacy_section_audience_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section}: {self.audience}"


class MemberClass(models.TextChoices):
    SUPPORTED = "supported", _("Supported member")
    ADVOCATE = "advocate", _("Advocate member")
    WORKER = "worker", _("Worker member")
    INVESTOR = "investor", _("Investor member")


class WorkerKind(models.TextChoices):
    EMPLOYED = "employed", _("Employed worker")
    INDEPENDENT = "independent", _("Independent (self-employed) worker")
    VOLUNTEER = "volunteer", _("Volunteer")


class MembershipApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for a decision")
        ADMITTED = "admitted", _("Admitted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    member_class = models.CharField(max_length=20, choices=MemberClass.choices)
    worker_kind = models.CharField(max_length=20, choices=WorkerKind.choices, blank=True)
    # The class's application questions (playbook §2.4), stored as {question_key: answer}.
    answers = models.JSONField(default=dict)
    accepted_commitment_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications_decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant"],
                condition=Q(status="submitted"),
                name="one_open_application_per_person",
            ),
            models.CheckConstraint(
                condition=Q(member_class="worker", worker_kind__gt="")
                | (~Q(member_class="worker") & Q(worker_kind="")),
                name="worker_kind_only_for_workers",
            ),
        ]

    def __str__(self) -> str:
        return f"Application {self.pk} ({self.get_member_class_display()})"


class MembershipQuerySet(models.QuerySet):
    def active(self) -> "MembershipQuerySet":
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    """A person's membership in one class, from admission until its reason ends.

    ``basis`` says why the person is a member (e.g. "admitted on application"). Later
    capabilities register eligibility checks (see ``members.lapsing``) that end a membership
    whose reason has gone — a Supported member whose support stopped, say.
    """

    class EndReason(models.TextChoices):
        LAPSED = "lapsed", _("Lapsed: the reason for membership ended")
        EXPIRED = "expired", _("Reached its end date")
        RESIGNED = "resigned", _("Resigned")
        REMOVED = "removed", _("Removed by the members")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    member_class = models.CharField(max_length=20, choices=MemberClass.choices)
    worker_kind = models.CharField(max_length=20, choices=WorkerKind.choices, blank=True)
    application = models.OneToOneField(
        MembershipApplication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="membership",
    )
    basis = models.CharField(_("reason for membership"), max_length=200)
    started_at = models.DateTimeField(default=timezone.now)
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("If set, the membership lapses after this date unless renewed."),
    )
    ended_at = models.DateTimeField(null=True, blank=True, db_index=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    end_note = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "member_class"],
                condition=Q(ended_at__isnull=True),
                name="one_active_membership_per_class",
            )
        ]
        # Current members, in person order, without reading the rows: member counts use it.
        indexes = [models.Index(fields=["ended_at", "person"], name="membership_current_idx")]

    def __str__(self) -> str:
        return f"{self.get_member_class_display()} since {self.started_at:%d %b %Y}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None
