"""Forms for the profile, privacy and directory pages. HTTP only: the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.errors import DomainError
from coopcare.members.models import Audience, Section
from coopcare.members.services.profiles import PROFILE_FIELDS, clean_profile_value


def _text(label, name: str, hint="", required: bool = False, **attrs) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=PROFILE_FIELDS[name],
        widget=forms.TextInput(attrs=attrs),
    )


class ProfileForm(forms.Form):
    name = _text(
        _("The name you use"),
        "name",
        _("The name you would like people in the co-op to call you."),
        required=True,
        autocomplete="name",
    )
    pronouns = _text(_("Pronouns"), "pronouns", _("For example she/her, he/him or they/them."))
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=PROFILE_FIELDS["phone"],
        help_text=_("For example 07700 900123 or +44 7700 900123."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=PROFILE_FIELDS["address"],
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    postcode = _text(
        _("Postcode"),
        "postcode",
        _("A UK postcode, like LS6 1AA."),
        autocomplete="postal-code",
        size="10",
    )
    languages = _text(
        _("Languages"),
        "languages",
        _("The languages you speak, separated by commas."),
    )
    communication_needs = forms.CharField(
        label=_("Communication needs"),
        required=False,
        max_length=PROFILE_FIELDS["communication_needs"],
        help_text=_("Anything that helps people communicate with you well."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        # The service checks these again when saving; asking it here shows every problem at once.
        cleaned = super().clean()
        for name in PROFILE_FIELDS:
            if name in cleaned and name not in self.errors:
                try:
                    cleaned[name] = clean_profile_value(name, cleaned[name])
                except DomainError as error:
                    self.add_error(name, error.message)
        return cleaned


class PrivacyChoiceForm(forms.Form):
    """Who can see one section. Bound with ``prefix=<section>`` so six forms share a page."""

    audience = forms.ChoiceField(
        label=_("Who can see this?"), choices=Audience.choices, widget=forms.RadioSelect
    )
    named_people = forms.TypedMultipleChoiceField(
        label=_("People you name"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Used only when you choose “People I name”. These are members who share a "
            "circle with you."
        ),
    )
    named_email = forms.EmailField(
        label=_("Name someone else by their email address"),
        required=False,
        max_length=254,
        help_text=_("Used only when you choose “People I name”."),
    )

    def __init__(self, *args, candidates: list[tuple[int, str]], section_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].label = _("Who can see “%(section)s”?") % {"section": section_label}
        self.fields["named_people"].choices = candidates
        if not candidates:
            self.fields["named_people"].help_text = _(
                "Nobody shares a circle with you yet, so name people by their email address."
            )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("audience") == Audience.NAMED
            and not (cleaned.get("named_people") or cleaned.get("named_email"))
            and "named_email" not in self.errors
        ):
            self.add_error(
                "named_people",
                _("Choose at least one person, or give someone's email address."),
            )
        return cleaned


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class AccessLogFilterForm(forms.Form):
    viewed = forms.ChoiceField(
        label=_("Show views of"),
        required=False,
        choices=[("", _("Any part of your data")), *Section.choices],
    )
