"""Forms for team decisions and hat nominations. HTTP only: the rules are in the services."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcare.circles.consent import MAX_OPEN_DAYS, OPEN_DAYS
from coopcare.circles.consent_models import ProposalKind, ProposalResponse
from coopcare.circles.services import add_months

MYSELF, FOR_OWNER = "myself", "owner"
TEXT = {"max_length": _("Please keep this to %(limit_value)d characters or fewer.")}


class DateInput(forms.DateInput):
    """The browser's date picker, which reads and writes ISO dates whatever the locale."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _acting_field(owner_name: str, verb: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Who are you %(verb)s for?") % {"verb": verb},
        choices=[
            (MYSELF, _("Myself")),
            (FOR_OWNER, _("%(owner)s, on their behalf") % {"owner": owner_name}),
        ],
        initial=MYSELF,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you answer for yourself or the owner.")},
    )


class ActingMixin:
    """Adds "for myself / on behalf of the owner" when the person may do either."""

    def add_acting(self, owner_name: str | None, verb: str) -> None:
        if owner_name:
            self.fields["acting"] = _acting_field(owner_name, verb)

    def for_owner(self) -> bool | None:
        if "acting" not in self.fields:
            return None
        return self.cleaned_data["acting"] == FOR_OWNER


class ProposalForm(ActingMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it about?"),
        choices=[
            (ProposalKind.TIMES, ProposalKind.TIMES.label),
            (ProposalKind.NEW_MEMBER, ProposalKind.NEW_MEMBER.label),
            (ProposalKind.SUPPORT, ProposalKind.SUPPORT.label),
            (ProposalKind.GENERAL, ProposalKind.GENERAL.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the proposal is about.")},
    )
    title = forms.CharField(
        label=_("A short title"),
        max_length=160,
        error_messages={"required": _("Give the proposal a short title."), **TEXT},
    )
    statement = forms.CharField(
        label=_("What do you propose?"),
        help_text=_("Say exactly what would change, from when, and for whom."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say what you propose."), **TEXT},
    )
    reason = forms.CharField(
        label=_("Why?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why you propose it."), **TEXT},
    )
    asked = forms.MultipleChoiceField(
        label=_("Who does it affect?"),
        help_text=_("They are asked whether they can live with it. Usually everyone."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one person it affects.")},
    )
    open_days = forms.IntegerField(
        label=_("How many days do people have to answer?"),
        min_value=1,
        max_value=MAX_OPEN_DAYS,
        initial=OPEN_DAYS,
        error_messages={
            "required": _("Say how many days people have to answer."),
            "min_value": _("Give people at least 1 day to answer."),
            "max_value": _("Keep a proposal open for %(limit_value)s days at most."),
        },
    )
    review_on = forms.DateField(
        label=_("When should the team look at this decision again?"),
        help_text=_("Every decision has a review date."),
        widget=DateInput,
        error_messages={
            "required": _("Choose a review date."),
            "invalid": _("Enter a real date."),
        },
    )

    def __init__(
        self, people: list[tuple[int, str]], owner_name: str | None, *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["asked"].choices = [(str(pk), name) for pk, name in people]
        self.fields["asked"].initial = [str(pk) for pk, _name in people]
        self.fields["review_on"].initial = add_months(timezone.localdate(), 12)
        self.add_acting(owner_name, _("proposing"))

    def closes_at(self) -> datetime.datetime:
        return timezone.now() + datetime.timedelta(days=self.cleaned_data["open_days"])

    def asked_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["asked"]]


class RespondForm(ActingMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=ProposalResponse.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you can live with it.")},
    )
    reason = forms.CharField(
        label=_("Your reason or concern"),
        help_text=_(
            "Needed if you object: say how it would harm the team's aim, so the proposal can be "
            "changed to meet it."
        ),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=TEXT,
    )

    def __init__(self, owner_name: str | None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_acting(owner_name, _("answering"))


class AmendForm(forms.Form):
    title = ProposalForm.base_fields["title"]
    statement = ProposalForm.base_fields["statement"]
    reason = ProposalForm.base_fields["reason"]
    measure = forms.CharField(
        label=_("What will the team watch?"),
        help_text=_("A measure that shows whether a concern is coming true. Optional."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TEXT,
    )
    review_on = forms.DateField(
        label=_("Review date"),
        help_text=_("An earlier review date shortens the term, to try it for a while."),
        widget=DateInput,
        error_messages={"required": _("Choose a review date."), "invalid": _("Enter a real date.")},
    )
    note = forms.CharField(
        label=_("What did you change, and why?"),
        help_text=_("Everyone is asked again, and sees this note."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TEXT,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing it?"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TEXT,
    )


class NominateForm(ActingMixin, forms.Form):
    hat_type = forms.ChoiceField(
        label=_("Which hat?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a hat.")},
    )
    nominee = forms.ChoiceField(
        label=_("Who would wear it?"),
        help_text=_("Anyone in the team, yourself included. They are asked first."),
        error_messages={"required": _("Choose who would wear it.")},
    )
    reason = forms.CharField(
        label=_("Why this person?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why you nominate them."), **TEXT},
    )
    review_on = forms.DateField(
        label=_("Review date"),
        help_text=_("Leave empty for the hat's usual term (a year)."),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Enter a real date.")},
    )

    def __init__(
        self,
        hats: list[tuple[str, str]],
        people: list[tuple[int, str]],
        owner_name: str | None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hat_type"].choices = hats
        self.fields["nominee"].choices = [("", _("Choose someone")), *people]
        self.add_acting(owner_name, _("nominating"))


class AnswerNominationForm(forms.Form):
    ACCEPT, DECLINE = "accept", "decline"
    answer = forms.ChoiceField(
        label=_("Would you wear this hat?"),
        choices=[
            (ACCEPT, _("Yes, I would wear it; ask the team")),
            (DECLINE, _("No, thank you")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    note = forms.CharField(
        label=_("Anything to add?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TEXT,
    )
