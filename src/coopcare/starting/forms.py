"""Forms for enquiries and cases. HTTP only: the rules live in the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.starting import spam
from coopcare.starting.models import ENQUIRY_FUNDING, Enquiry, Funding, SupportKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def text(label, required: bool = True, help_text: str = "", rows: int = 0, max_length=5000):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label, required=required, help_text=help_text, max_length=max_length, widget=widget
    )


class EnquiryForm(forms.Form):
    """First contact: short questions only (playbook §2.5 step 1)."""

    for_whom = forms.ChoiceField(
        label=_("Who is the support for?"),
        choices=Enquiry.ForWhom.choices,
        widget=forms.RadioSelect,
    )
    contact_name = text(_("Your name"), max_length=120)
    person_name = text(
        _("Name of the person who would get support"),
        required=False,
        help_text=_("Leave this empty if the support is for you."),
        max_length=120,
    )
    organisation = text(
        _("Your organisation"),
        required=False,
        help_text=_("For professional referrals."),
        max_length=160,
    )
    email = forms.EmailField(label=_("Email address"), required=False)
    phone = text(_("Phone number"), required=False, max_length=40)
    support_kinds = forms.MultipleChoiceField(
        label=_("What kind of help is needed?"),
        choices=SupportKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_help = text(_("Other help, in your own words"), required=False, rows=3, max_length=2000)
    needs = text(
        _("Needs, preferences and anything we should know"),
        help_text=_("A few lines is plenty. We will talk it through with you."),
        rows=5,
    )
    timings = text(
        _("When would support be needed?"),
        required=False,
        help_text=_("Days, times, how often, and how soon."),
        rows=3,
        max_length=2000,
    )
    postcode = text(_("Postcode where support would happen"), max_length=10)
    area = text(_("Town or area"), required=False, max_length=120)
    funding = forms.ChoiceField(
        label=_("How would support be paid for?"),
        choices=[(value, Funding(value).label) for value in ENQUIRY_FUNDING],
        widget=forms.RadioSelect,
    )
    referral_source = forms.ChoiceField(
        label=_("How did you hear about us?"),
        choices=Enquiry.Source.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    referral_detail = text(_("Anything more about that"), required=False, max_length=200)

    def answers(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.base_fields}


class PublicEnquiryForm(EnquiryForm):
    """The public form, with its two quiet spam checks."""

    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = spam.started_token()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("website") or not spam.filled_in_by_a_person(cleaned.get("started", "")):
            # The same words for both, so a script learns nothing about which check it failed.
            raise forms.ValidationError(
                _("We could not accept this form. Please wait a moment and send it again.")
            )
        return cleaned

    def refresh_started(self) -> None:
        """A re-shown form keeps its timestamp (it only gets older, so a person correcting it
        passes) unless the timestamp is unusable, when it gets a new one."""
        if not spam.token_usable(self.data.get("started", "")):
            data = self.data.copy()
            data["started"] = spam.started_token()
            self.data = data


class StaffEnquiryForm(EnquiryForm):
    """An enquiry taken by a Team Starter on the phone or from a referral."""

    channel = forms.ChoiceField(
        label=_("How did the enquiry come in?"),
        choices=[c for c in Enquiry.Channel.choices if c[0] != Enquiry.Channel.WEB],
        widget=forms.RadioSelect,
    )
    local_circle = forms.ModelChoiceField(
        label=_("Local circle"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to let any Team Starter pick it up."),
    )

    def __init__(self, circles, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_circle"].queryset = circles
        self.order_fields(["channel", "local_circle"])


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Enquiry.Status.PROCEED, _("Proceed: start a case and a longer conversation")),
            (Enquiry.Status.WAITING_LIST, _("Waiting list: review on a date")),
            (Enquiry.Status.SIGNPOSTED, _("Signposted elsewhere")),
        ],
        widget=forms.RadioSelect,
    )
    local_circle = forms.ModelChoiceField(
        label=_("Local circle"),
        queryset=None,
        required=False,
        help_text=_("Needed to proceed or for the waiting list."),
    )
    review_on = forms.DateField(
        label=_("Review on"),
        required=False,
        widget=DATE,
        help_text=_("For the waiting list: when to look at it again."),
    )
    signposted_to = text(
        _("Signposted to"),
        required=False,
        rows=2,
        max_length=2000,
        help_text=_("Where you suggested they go instead."),
    )
    note = text(_("Note"), required=False, rows=3)

    def __init__(self, circles, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_circle"].queryset = circles


class PassOnForm(forms.Form):
    local_circle = forms.ModelChoiceField(label=_("Pass it to"), queryset=None)

    def __init__(self, circles, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_circle"].queryset = circles


class PersonForm(forms.Form):
    LINK, INVITE = "link", "invite"
    email = forms.EmailField(label=_("The person's email address"))
    action = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            (LINK, _("They already have an account: link it")),
            (INVITE, _("Invite them to create an account")),
        ],
        widget=forms.RadioSelect,
    )


class StartTeamForm(forms.Form):
    name = text(
        _("Team name"),
        required=False,
        max_length=120,
        help_text=_("Leave empty for “Team” and the person's name."),
    )


class RelationshipForm(forms.Form):
    talked_on = forms.DateField(label=_("Date of the conversation"), widget=DATE)
    daily_life = text(_("Daily life, routines and current support"), required=False, rows=4)
    support_wanted = text(_("Support wanted"), required=False, rows=3)
    support_not_wanted = text(_("Support not wanted"), required=False, rows=3)
    preferences = text(
        _("Preferences"),
        required=False,
        rows=3,
        help_text=_("Timings, who they would like (for example a worker's gender), languages."),
    )
    risks = text(_("Immediate risks or time-sensitive needs"), required=False, rows=3)


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Date of the visit"), widget=DATE)
    present = text(_("Who was present"), rows=2, max_length=2000)
    notes = text(_("Notes"), required=False, rows=4)
