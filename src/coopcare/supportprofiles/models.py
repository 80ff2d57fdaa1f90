"""The Getting Support Profile (one per team) and the Giving Support Profile (one per supporter).

Both are versioned with django-simple-history, and both carry the six support-approach scales
of ``scales.py`` as columns made from that list, so matching can compare them later.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coopcare.supportprofiles.scales import HIGHEST, LOWEST, SCALES
from coopcare.supportprofiles.sections import Audience, Section

TEXT_LIMIT = 5000  # characters in any one text box: a page or two, never a pasted document


def _scale_columns() -> dict[str, models.Field]:
    return {
        scale.field: models.PositiveSmallIntegerField(
            scale.label,
            null=True,
            blank=True,
            validators=[MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)],
            help_text=format_lazy("{} (1) – {} (5)", scale.low, scale.high),
        )
        for scale in SCALES
    }


# An abstract model whose columns are the scales, one nullable 1–5 number each ("not answered").
SupportApproach = type(
    "SupportApproach",
    (models.Model,),
    {
        "__module__": __name__,
        "__doc__": "The six support-approach scales, one column each.",
        "Meta": type("Meta", (), {"abstract": True}),
        **_scale_columns(),
    },
)


def scale_constraints(prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(**{f"{scale.field}__isnull": True})
            | Q(**{f"{scale.field}__gte": LOWEST, f"{scale.field}__lte": HIGHEST}),
            name=f"{prefix}_{scale.key}_1_to_5",
        )
        for scale in SCALES
    ]


class GettingSupportProfile(SupportApproach):
    """The owner's profile, in sections (``sections.SECTION_FIELDS``), each with its audience."""

    team = models.OneToOneField(
        "teams.Team", on_delete=models.PROTECT, related_name="getting_support_profile"
    )
    # About me
    about_me = models.TextField(
        _("A bit about me"), blank=True, help_text=_("In your own words: who you are.")
    )
    current_situation = models.TextField(
        _("My situation now"),
        blank=True,
        help_text=_("What is going on in your life at the moment."),
    )
    # Essentials
    advance_decisions = models.TextField(
        _("Advance decisions and resuscitation"),
        blank=True,
        help_text=_(
            "Any advance decision to refuse treatment, DNACPR (do not attempt resuscitation) or "
            "ReSPECT form, and where the signed copy is kept."
        ),
    )
    communication = models.TextField(
        _("How to communicate with me"),
        blank=True,
        help_text=_("Hearing, sight, speech, language, or anything else that helps."),
    )
    mar_chart_location = models.CharField(
        _("Where the MAR chart is kept"),
        max_length=200,
        blank=True,
        help_text=_("The medicines administration record, if support includes medicines."),
    )
    legal_powers = models.TextField(
        _("Lasting power of attorney and DoLS"),
        blank=True,
        help_text=_(
            "Who holds a lasting power of attorney (health and welfare, or money and property), "
            "and any Deprivation of Liberty Safeguards in place."
        ),
    )
    routines_and_assessments = models.TextField(
        _("Routines and assessments"),
        blank=True,
        help_text=_("Where to find routines, care assessments and plans."),
    )
    # What's important
    important_to_me = models.TextField(
        _("What matters most to me"),
        blank=True,
        help_text=_("Priorities, values, and the things that are not negotiable."),
    )
    good_support = models.TextField(
        _("What good support looks like"),
        blank=True,
        help_text=_(
            "How to start and end a visit, what helps you feel safe and respected, and what to "
            "avoid."
        ),
    )
    # Wellbeing
    health_conditions = models.TextField(
        _("Health conditions"),
        blank=True,
        help_text=_("Diagnosed or not, and how they affect you."),
    )
    medicines = models.TextField(
        _("Medicines"), blank=True, help_text=_("What you take and any help you need with it.")
    )
    mobility_and_equipment = models.TextField(
        _("Moving about and equipment"),
        blank=True,
        help_text=_("For example a walking frame, a hoist, grab rails."),
    )
    mental_wellbeing = models.TextField(
        _("Mental wellbeing"), blank=True, help_text=_("What helps on good days and on bad days.")
    )
    # Relationships and community
    family_and_friends = models.TextField(_("Family and friends"), blank=True)
    faith_and_community = models.TextField(
        _("Faith, culture and community"),
        blank=True,
        help_text=_("Groups, places of worship, clubs and neighbours that matter to you."),
    )
    # Surroundings
    home = models.TextField(
        _("My home"),
        blank=True,
        help_text=_("Getting in, stairs, parking, pets, anything to know."),
    )
    help_at_home = models.TextField(
        _("Help around the home"),
        blank=True,
        help_text=_("From housework and cooking to gardening."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = scale_constraints("getting")

    def __str__(self) -> str:
        return f"Getting Support Profile of team {self.team_id}"


class ProfileSection(models.Model):
    """One section's audience and who last changed it. A missing row means the defaults.

    Who changed a section is kept here (not only in the history tables) so a page can say "last
    changed by X on behalf of Y" without reading the history.
    """

    profile = models.ForeignKey(
        GettingSupportProfile, on_delete=models.CASCADE, related_name="sections"
    )
    section = models.CharField(max_length=30, choices=Section.choices)
    audience = models.CharField(
        max_length=30, choices=Audience.choices, blank=True, help_text=_("Blank: the default.")
    )
    named_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="named_in_support_profiles"
    )
    audience_chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    audience_chosen_on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    audience_chosen_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The owner, when ``changed_by`` acted for them as a representative.
    changed_on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[named_people])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "section"], name="one_row_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.section} of profile {self.profile_id}"


class KeyContact(models.Model):
    """Someone in the owner's wider network. Shown beyond the owner side only with consent."""

    profile = models.ForeignKey(
        GettingSupportProfile, on_delete=models.CASCADE, related_name="key_contacts"
    )
    name = models.CharField(_("Name"), max_length=120)
    relationship = models.CharField(
        _("Relationship"), max_length=120, help_text=_("For example daughter, neighbour, GP.")
    )
    how_to_reach = models.TextField(
        _("How to reach them"),
        max_length=500,
        help_text=_("Phone, email or address, and the best times."),
    )
    agreed_to_be_listed = models.BooleanField(
        _("They agreed to be listed"),
        default=False,
        help_text=_(
            "Tick only if they said yes to being on this profile. Until then only you and the "
            "people acting for you see them."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class SupportKind(models.TextChoices):
    PERSONAL_CARE = "personal_care", _("Personal care")
    MEDICINES = "medicines", _("Help with medicines")
    COMPANIONSHIP = "companionship", _("Companionship")
    PRACTICAL = "practical", _("Practical help")
    OUT_AND_ABOUT = "out_and_about", _("Out and about")
    ONLINE = "online", _("Online support")


# Regulated activity: volunteers never offer it (playbook §1.2).
REGULATED_KINDS = frozenset({SupportKind.PERSONAL_CARE, SupportKind.MEDICINES})


class Skill(models.TextChoices):
    DEMENTIA = "dementia", _("Dementia")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    LEARNING_DISABILITIES = "learning_disabilities", _("Learning disabilities")
    AUTISM = "autism", _("Autism")
    END_OF_LIFE = "end_of_life", _("End of life")
    PHYSICAL_DISABILITIES = "physical_disabilities", _("Physical disabilities")
    SENSORY_LOSS = "sensory_loss", _("Sight or hearing loss")
    NEUROLOGICAL = "neurological", _("Stroke, Parkinson’s, MS or brain injury")
    MOVING_AND_HANDLING = "moving_and_handling", _("Moving and handling")
    NUTRITION = "nutrition", _("Cooking and nutrition")


class Weekday(models.TextChoices):
    MONDAY = "monday", _("Monday")
    TUESDAY = "tuesday", _("Tuesday")
    WEDNESDAY = "wednesday", _("Wednesday")
    THURSDAY = "thursday", _("Thursday")
    FRIDAY = "friday", _("Friday")
    SATURDAY = "saturday", _("Saturday")
    SUNDAY = "sunday", _("Sunday")


class DayPart(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")


# Availability is a list of "<weekday>-<part>" slots, e.g. "monday-morning".
SLOTS: tuple[str, ...] = tuple(f"{day}-{part}" for day in Weekday.values for part in DayPart.values)


class GivingSupportProfile(SupportApproach):
    """What someone who gives support tells owners and teams about themself (playbook §3.6)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="giving_support_profile"
    )
    about_me = models.TextField(_("A bit about me"), blank=True)
    based_in = models.CharField(
        _("Where I am based"), max_length=120, blank=True, help_text=_("A town or neighbourhood.")
    )
    # A full postcode or just its district; other people only ever see the district.
    postcode = models.CharField(_("Postcode"), max_length=10, blank=True)
    is_driver = models.BooleanField(_("I drive and can use a car for support"), default=False)
    support_kinds = models.JSONField(_("Kinds of support I offer"), default=list, blank=True)
    hourly_rate_pence = models.PositiveIntegerField(
        _("Hourly rate (pence)"), null=True, blank=True, help_text=_("Independent workers only.")
    )
    experience_years = models.PositiveSmallIntegerField(
        _("Years of experience"), null=True, blank=True
    )
    experience_background = models.TextField(
        _("My background"), blank=True, help_text=_("Professional, voluntary or lived experience.")
    )
    skills = models.JSONField(_("Skills"), default=list, blank=True)
    other_skills = models.CharField(_("Other skills"), max_length=300, blank=True)
    languages = models.CharField(_("Languages"), max_length=200, blank=True)
    interests = models.TextField(_("Interests"), blank=True)
    availability = models.JSONField(_("When I am usually available"), default=list, blank=True)
    travel_miles = models.PositiveSmallIntegerField(
        _("How far I will travel (miles)"), null=True, blank=True
    )
    travel_minutes = models.PositiveSmallIntegerField(
        _("Time I need to travel between visits (minutes)"),
        null=True,
        blank=True,
        help_text=_("Kept free after each visit, so no two visits are booked too close."),
    )
    minimum_booking_minutes = models.PositiveSmallIntegerField(
        _("Shortest booking I take (minutes)"), null=True, blank=True
    )
    open_to_new_owners = models.BooleanField(_("Open to meeting new team owners"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            *scale_constraints("giving"),
            models.CheckConstraint(
                condition=Q(hourly_rate_pence__isnull=True) | Q(hourly_rate_pence__gt=0),
                name="giving_rate_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["open_to_new_owners", "person"], name="giving_open_person_idx")
        ]

    def __str__(self) -> str:
        return f"Giving Support Profile of person {self.person_id}"

    @property
    def postcode_district(self) -> str:
        """'LS6 1AA' → 'LS6'; a district on its own stays as it is."""
        return self.postcode.split(" ")[0] if self.postcode else ""


class Qualification(models.Model):
    profile = models.ForeignKey(
        GivingSupportProfile, on_delete=models.CASCADE, related_name="qualifications"
    )
    title = models.CharField(_("Qualification or training"), max_length=200)
    accredited = models.BooleanField(_("Accredited"), default=False)
    achieved_on = models.DateField(_("Date achieved"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-achieved_on", "title", "id"]

    def __str__(self) -> str:
        return self.title
