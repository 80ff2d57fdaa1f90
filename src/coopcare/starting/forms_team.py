"""Forms for the Promise, the Supportive Conversation and Trust Assessment, call-outs and
stepping back. HTTP only: the rules live in the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.starting.forms import DATE, text
from coopcare.starting.models import (
    PROMISE_FUNDING,
    CallOut,
    DocumentAudience,
    Funding,
    Interest,
    PromiseSignature,
)
from coopcare.starting.questions import MAX_ANSWER, PARTS


class PromiseForm(forms.Form):
    funding = forms.ChoiceField(
        label=_("How is support funded?"),
        choices=[(value, Funding(value).label) for value in PROMISE_FUNDING],
        widget=forms.RadioSelect,
    )
    agreed = forms.BooleanField(label=_("I agree to the Getting Support Promise above"))


class RecordPromiseForm(PromiseForm):
    """A Team Starter recording a signature given on paper."""

    signed_as = forms.ChoiceField(
        label=_("Who signed?"), choices=PromiseSignature.SignedAs.choices, widget=forms.RadioSelect
    )
    signer = forms.ModelChoiceField(
        label=_("Someone who acts for the person on this platform"),
        queryset=None,
        required=False,
        help_text=_("If the representative or guardian has an account here."),
    )
    signer_name = text(
        _("Name of the representative or guardian"),
        required=False,
        max_length=120,
        help_text=_("If they have no account here."),
    )
    signed_on = forms.DateField(label=_("Date signed"), widget=DATE)

    def __init__(self, representatives, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signer"].queryset = representatives
        self.fields["agreed"].label = _("The Promise above was read and agreed")
        self.order_fields(["signed_as", "signer", "signer_name", "signed_on", "funding"])


class DocumentForm(forms.Form):
    """One field per question of the template; essential questions are required."""

    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.parts = []
        for part in PARTS[kind]:
            names = []
            for question in part.questions:
                if question.kind == "date":
                    field: forms.Field = forms.DateField(widget=DATE)
                else:
                    field = forms.CharField(
                        max_length=MAX_ANSWER, widget=forms.Textarea(attrs={"rows": 3})
                    )
                field.label = question.label
                field.required = question.essential
                field.help_text = question.help
                field.error_messages["required"] = _("This question is essential: please answer.")
                self.fields[question.key] = field
                names.append(question.key)
            self.parts.append((part.title, names))
        self.fields["note"] = text(
            _("What changed in this version"), required=False, max_length=200
        )

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.parts]

    def answers(self) -> dict[str, str]:
        result = {}
        for _title, names in self.parts:
            for name in names:
                value = self.cleaned_data.get(name)
                result[name] = value.isoformat() if hasattr(value, "isoformat") else value or ""
        return result


class AudienceForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Who may read it?"), choices=DocumentAudience.choices, widget=forms.RadioSelect
    )


class CallOutForm(forms.Form):
    key_needs = text(_("Key needs and preferences"), rows=4, max_length=3000)
    where_and_when = text(_("Where and when"), rows=3, max_length=3000)
    qualities = text(_("Qualities and experience wanted"), rows=3, max_length=3000)
    relationship = text(_("The relationship hoped for"), rows=3, max_length=3000)
    shared_fields = forms.MultipleChoiceField(
        label=_("Which parts did the person agree to share?"),
        choices=[
            ("key_needs", _("Key needs and preferences")),
            ("where_and_when", _("Where and when")),
            ("qualities", _("Qualities and experience wanted")),
            ("relationship", _("The relationship hoped for")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only the parts ticked are shown to anyone."),
    )
    consent = forms.BooleanField(
        label=_("The person agreed to share the parts ticked, with this audience"),
        required=False,
    )
    audience = forms.ChoiceField(
        label=_("Who will see it?"), choices=CallOut.Audience.choices, widget=forms.RadioSelect
    )
    named_emails = text(
        _("Email addresses of the members to share it with"),
        required=False,
        rows=2,
        help_text=_("Only for “people we know”. Separate addresses with commas."),
        max_length=2000,
    )

    def emails(self) -> list[str]:
        raw = self.cleaned_data.get("named_emails") or ""
        return [e.strip().lower() for e in raw.replace("\n", ",").split(",") if e.strip()]


class InterestForm(forms.Form):
    message = text(
        _("A message to the Team Starter"),
        required=False,
        rows=4,
        max_length=3000,
        help_text=_("Say a little about yourself, and when you could talk."),
    )


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Follow-up"), choices=Interest.Status.choices)
    note = text(_("Note"), required=False, max_length=2000)


class ReadinessForm(forms.Form):
    rota_running = forms.BooleanField(label=_("The rota is running consistently"), required=False)
    rota_note = text(
        _("How you know the rota is running"),
        required=False,
        rows=2,
        max_length=2000,
        help_text=_("For example: the last four weeks were filled without help."),
    )
    owner_informed = forms.BooleanField(
        label=_("The person getting support (or their advocate) knows and is involved"),
        required=False,
    )


class ContactForm(forms.Form):
    name = text(_("Name"), max_length=120)
    role = text(_("Role"), max_length=120, help_text=_("For example: social worker, referrer."))
    organisation = text(_("Organisation"), required=False, max_length=160)
    how_to_reach = text(_("How to reach them"), rows=2, max_length=2000)


class HandOverForm(forms.Form):
    holder = forms.ModelChoiceField(label=_("Hand over to"), queryset=None)

    def __init__(self, people, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = people
