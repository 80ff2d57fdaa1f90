"""Forms for the support-profile pages. HTTP only: every rule lives in the services, which the
forms ask field by field so a page lists every problem at once, and which check again on save."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopcare.errors import DomainError
from coopcare.supportprofiles.models import (
    TEXT_LIMIT,
    DayPart,
    GettingSupportProfile,
    GivingSupportProfile,
    Skill,
    SupportKind,
    Weekday,
)
from coopcare.supportprofiles.scales import SCALE_BY_FIELD, SCALES, Scale
from coopcare.supportprofiles.sections import SECTION_FIELDS, Audience
from coopcare.supportprofiles.services.contacts import clean_contact
from coopcare.supportprofiles.services.getting import clean_section
from coopcare.supportprofiles.services.giving import (
    MAX_RATE_PENCE,
    clean_giving,
    clean_qualification,
)


def scale_field(scale: Scale) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=scale.label,
        choices=[*scale.choices(), ("", _("I’d rather not say"))],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


def _text_field(model: type[models.Model], name: str) -> forms.CharField:
    model_field = model._meta.get_field(name)
    is_long = isinstance(model_field, models.TextField)
    return forms.CharField(
        label=model_field.verbose_name,
        help_text=model_field.help_text,
        required=False,
        max_length=model_field.max_length or TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}) if is_long else forms.TextInput(),
    )


class DomainErrorForm(forms.Form):
    aliases: dict[str, str] = {}  # service field name → form field name, where they differ

    def add_domain_error(self, error: DomainError) -> None:
        """Show a service's refusal on the field it names (or above the form)."""
        name = self.aliases.get(error.field or "", error.field)
        self.add_error(name if name in self.fields else None, error.message)


class ServiceCheckedForm(DomainErrorForm):
    """Asks a service's ``check(name, value)`` about each field after the form's own checks."""

    def check(self, name: str, value: Any) -> Any:
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in list(cleaned):
            if name in self.errors:
                continue
            try:
                cleaned[name] = self.check(name, cleaned[name])
            except DomainError as error:
                self.add_domain_error(error)
        return cleaned


def section_form_class(section: str) -> type[ServiceCheckedForm]:
    """A form for one section of the Getting Support Profile, made from its field list."""
    fields: dict[str, forms.Field] = {}
    for name in SECTION_FIELDS[section]:
        if name in SCALE_BY_FIELD:
            fields[name] = scale_field(SCALE_BY_FIELD[name])
        else:
            fields[name] = _text_field(GettingSupportProfile, name)

    def check(self, name: str, value: Any) -> Any:
        return clean_section(section, {name: value})[name]

    return type("SectionForm", (ServiceCheckedForm,), {**fields, "check": check})


class AudienceForm(forms.Form):
    """Who can see one section. Bound with ``prefix=<section>`` so every section shares a page."""

    audience = forms.ChoiceField(
        label=_("Who can see this?"), choices=Audience.choices, widget=forms.RadioSelect
    )
    named_people = forms.TypedMultipleChoiceField(
        label=_("People you name"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Used only when you choose “People I name”."),
    )

    def __init__(self, *args, candidates: list[tuple[int, str]], section_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].label = _("Who can see “%(section)s”?") % {"section": section_label}
        self.fields["named_people"].choices = candidates
        if not candidates:
            self.fields["named_people"].help_text = _(
                "Nobody is in the team or supporting it yet, so there is nobody to name."
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("audience") == Audience.NAMED and not cleaned.get("named_people"):
            self.add_error("named_people", _("Choose at least one person."))
        return cleaned


class KeyContactForm(ServiceCheckedForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    relationship = forms.CharField(
        label=_("Relationship"),
        max_length=120,
        help_text=_("Who they are to the person getting support: for example daughter, GP."),
    )
    how_to_reach = forms.CharField(
        label=_("How to reach them"),
        max_length=500,
        help_text=_("Phone, email or address, and the best times."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreed_to_be_listed = forms.BooleanField(
        label=_("They agreed to be listed on this profile"),
        required=False,
        help_text=_(
            "Until they agree, only the owner and people acting for them see this contact."
        ),
    )

    def check(self, name: str, value: Any) -> Any:
        return clean_contact({name: value})[name]


def _weekday_field(label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=DayPart.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class GivingProfileForm(ServiceCheckedForm):
    """The whole Giving Support Profile on one page, in the person's own words."""

    aliases = {"hourly_rate_pence": "hourly_rate"}
    DAY_FIELDS = {f"available_{day}": day for day in Weekday.values}

    about_me = _text_field(GivingSupportProfile, "about_me")
    based_in = _text_field(GivingSupportProfile, "based_in")
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        help_text=_(
            "Your full postcode or just its first part, like LS6. Other people only ever see the "
            "first part."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": "10"}),
    )
    is_driver = forms.BooleanField(label=_("I drive and can use a car for support"), required=False)
    support_kinds = forms.MultipleChoiceField(
        label=_("Kinds of support I offer"),
        choices=SupportKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Volunteers do not give personal care or help with medicines."),
    )
    hourly_rate = forms.CharField(
        label=_("My hourly rate, in pounds"),
        required=False,
        max_length=10,
        help_text=_("Independent workers only, for example 21.50. Leave empty otherwise."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": "8"}),
    )
    experience_years = forms.IntegerField(
        label=_("Years of experience giving support"), required=False, min_value=0, max_value=80
    )
    experience_background = _text_field(GivingSupportProfile, "experience_background")
    skills = forms.MultipleChoiceField(
        label=_("Skills and experience with"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_skills = _text_field(GivingSupportProfile, "other_skills")
    languages = _text_field(GivingSupportProfile, "languages")
    interests = _text_field(GivingSupportProfile, "interests")
    travel_miles = forms.IntegerField(
        label=_("How far I will travel, in miles"), required=False, min_value=0, max_value=500
    )
    travel_minutes = forms.IntegerField(
        label=_("Time I need to travel between visits, in minutes"),
        required=False,
        min_value=0,
        max_value=240,
        help_text=_("Kept free after each visit you give, so visits are never booked too close."),
    )
    minimum_booking_minutes = forms.IntegerField(
        label=_("The shortest booking I take, in minutes"),
        required=False,
        min_value=15,
        max_value=1440,
        help_text=_("For example 60 for an hour."),
    )
    open_to_new_owners = forms.BooleanField(
        label=_("I am open to meeting new team owners"),
        required=False,
        help_text=_(
            "If ticked, every member of the co-op can see this profile. If not, only the people "
            "in your teams can."
        ),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        for name, day in self.DAY_FIELDS.items():
            self.fields[name] = _weekday_field(str(Weekday(day).label))
        for scale in SCALES:
            self.fields[scale.field] = scale_field(scale)

    @classmethod
    def initial_from(cls, profile: GivingSupportProfile | None) -> dict[str, Any]:
        if profile is None:
            return {}
        initial = {name: getattr(profile, name) for name in profile_fields()}
        pence = profile.hourly_rate_pence
        initial["hourly_rate"] = f"{pence // 100}.{pence % 100:02d}" if pence else ""
        for name, day in cls.DAY_FIELDS.items():
            initial[name] = [p for p in DayPart.values if f"{day}-{p}" in profile.availability]
        return initial

    def clean_hourly_rate(self) -> int | None:
        text = self.cleaned_data["hourly_rate"].strip().lstrip("£").replace(",", "")
        if not text:
            return None
        try:
            pounds = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Enter the rate in pounds and pence, like 21.50.")
            ) from None
        if not pounds.is_finite() or pounds.as_tuple().exponent < -2:
            raise forms.ValidationError(_("Enter the rate in pounds and pence, like 21.50."))
        pence = pounds * 100
        if not 0 < pence <= MAX_RATE_PENCE:
            raise forms.ValidationError(
                _("Enter an hourly rate between £0.01 and £%(max)d.")
                % {"max": MAX_RATE_PENCE // 100}
            )
        return int(pence)

    def check(self, name: str, value: Any) -> Any:
        if name in self.DAY_FIELDS:
            return value
        service_name = "hourly_rate_pence" if name == "hourly_rate" else name
        return clean_giving(self.person, {service_name: value})[service_name]

    def service_data(self) -> dict[str, Any]:
        """The cleaned form as the service takes it: pence, and availability as slots."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.DAY_FIELDS}
        data["hourly_rate_pence"] = data.pop("hourly_rate")
        data["availability"] = [
            f"{day}-{part}"
            for name, day in self.DAY_FIELDS.items()
            for part in self.cleaned_data.get(name, [])
        ]
        return data


def profile_fields() -> list[str]:
    """The Giving Support Profile fields this form edits directly (as the model names them)."""
    return [
        "about_me",
        "based_in",
        "postcode",
        "is_driver",
        "support_kinds",
        "experience_years",
        "experience_background",
        "skills",
        "other_skills",
        "languages",
        "interests",
        "travel_miles",
        "travel_minutes",
        "minimum_booking_minutes",
        "open_to_new_owners",
        *(scale.field for scale in SCALES),
    ]


class QualificationForm(DomainErrorForm):
    title = forms.CharField(
        label=_("Qualification or training"),
        max_length=200,
        help_text=_("For example Level 3 Diploma in Adult Care, or Dementia Friends."),
    )
    accredited = forms.BooleanField(
        label=_("It is accredited (it comes with a certificate from an awarding body)"),
        required=False,
    )
    achieved_on = forms.DateField(
        label=_("Date achieved"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("For example 2024-03-31."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            try:
                cleaned.update(clean_qualification(cleaned))
            except DomainError as error:
                self.add_domain_error(error)
        return cleaned
