"""Forms for care logs: the structured visit note, a disagreement, the Coach's settlement.

HTTP only: the rules live in ``visits.services.care_logs``; its refusals land on these forms.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.visits.models import CareLog, Eaten, Mood, Task
from coopcare.visits.services.care_logs import MAX_NOTES, MAX_TEXT, TEXT_FIELDS

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
TO_BOOL = {"yes": True, "no": False, "": None}
FROM_BOOL = {True: "yes", False: "no", None: ""}
SAME_IN_FORM = ("started_at", "ended_at", "mood", "tasks", "eaten", *TEXT_FIELDS)


class DateTimeInput(forms.DateTimeInput):
    """A phone's own date-and-time picker."""

    input_type = "datetime-local"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def _when(label: str, help_text: str, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        help_text=help_text,
        required=required,
        widget=DateTimeInput,
        error_messages={"invalid": _("Enter a date and time, like 3 March 2025 10:30.")},
    )


def _text(label: str, help_text: str = "", limit: int = MAX_TEXT, rows: int = 3):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class VisitNoteForm(forms.Form):
    """Arrival and leaving, mood, what was done, food and drink, follow-up, on leaving, notes."""

    started_at = _when(_("Arrived"), _("When support actually started."))
    ended_at = _when(_("Left"), _("When support actually ended."))
    mood = forms.ChoiceField(
        label=_("How were they?"), choices=Mood.choices, widget=forms.RadioSelect, required=False
    )
    tasks = forms.MultipleChoiceField(
        label=_("What was done"),
        choices=Task.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    food_and_drink = _text(_("Food and drink"), _("What was eaten and drunk."))
    eaten = forms.ChoiceField(
        label=_("How much was eaten"),
        choices=Eaten.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    follow_up = _text(_("Anything to follow up"), _("Something the team should know or do next."))
    water_in_reach = forms.ChoiceField(
        label=_("On leaving: water within reach"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    pendant_in_reach = forms.ChoiceField(
        label=_("On leaving: alarm pendant within reach"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    notes = _text(_("Anything else about the visit"), limit=MAX_NOTES, rows=5)

    @classmethod
    def initial_from(cls, log: CareLog) -> dict[str, Any]:
        initial = {name: getattr(log, name) for name in SAME_IN_FORM}
        initial["water_in_reach"] = FROM_BOOL[log.water_in_reach]
        initial["pendant_in_reach"] = FROM_BOOL[log.pendant_in_reach]
        return initial

    def note(self) -> dict[str, Any]:
        """The cleaned form as the service's keyword arguments."""
        data = dict(self.cleaned_data)
        data.pop("reason", None)
        for name in ("water_in_reach", "pendant_in_reach"):
            data[name] = TO_BOOL[data[name] or ""]
        return data


class CorrectionForm(VisitNoteForm):
    reason = _text(
        _("Why it needs correcting"),
        _("Everyone in the visit reads this before confirming the correction."),
    )


class DisputeForm(forms.Form):
    reason = forms.CharField(
        label=_("What do you disagree with?"),
        help_text=_(
            "Say what is wrong, for example the times or what was done. The Coach of the local "
            "circle reads this and helps you agree."
        ),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say what you disagree with.")},
    )


class ResolveForm(forms.Form):
    outcome_note = forms.CharField(
        label=_("What was agreed"),
        help_text=_("Everyone in the visit reads this before confirming the log again."),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write down what was agreed.")},
    )
    started_at = _when(_("Agreed start"), _("Leave as it is if the times were right."))
    ended_at = _when(_("Agreed end"), "")
