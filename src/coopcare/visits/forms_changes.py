"""Forms for asking to move or cancel an appointment, answering, and cancelling outright.

HTTP only: the rules live in ``visits.services.changes``, whose refusals land on the field they
name (the service speaks of ``starts_at``/``ends_at``; the form asks for a date and two times).
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.errors import DomainError
from coopcare.visits import calendar
from coopcare.visits.models import ChangeAnswer, ChangeRequest
from coopcare.visits.services.changes import MAX_ANSWER_REASON, MAX_REASON

SERVICE_FIELDS = {"starts_at": "new_start", "ends_at": "new_end"}


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


def _reason(label, help_text, limit: int = MAX_REASON, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=limit,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why, so everyone understands.")},
    )


class ServiceErrorsMixin:
    def add_service_error(self, error: DomainError) -> None:
        """Put a service's refusal beside its field, or at the top of the form."""
        name = SERVICE_FIELDS.get(error.field or "", error.field)
        self.add_error(name if name in self.fields else None, error.message)  # type: ignore[attr-defined]


class ChangeRequestForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like to change?"),
        choices=ChangeRequest.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to move it or cancel it.")},
    )
    new_date = forms.DateField(
        label=_("New date"),
        help_text=_("Only if you are moving it."),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Enter a real date, like 3 March 2025.")},
    )
    new_start = forms.TimeField(
        label=_("New start time"),
        help_text=_("UK time, 24-hour clock, like 09:30."),
        required=False,
        widget=TimeInput(format="%H:%M"),
        error_messages={"invalid": _("Enter a time like 09:30.")},
    )
    new_end = forms.TimeField(
        label=_("New end time"),
        help_text=_("If it ends after midnight, give the time on the next morning."),
        required=False,
        widget=TimeInput(format="%H:%M"),
        error_messages={"invalid": _("Enter a time like 10:30.")},
    )
    reason = _reason(
        _("Why?"), _("Everyone asked will see this. It changes only if they all say yes.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["new_starts_at"] = data["new_ends_at"] = None
        if data.get("kind") != ChangeRequest.Kind.MOVE:
            return data
        day, start, end = data.get("new_date"), data.get("new_start"), data.get("new_end")
        missing = {
            "new_date": _("Enter the new date."),
            "new_start": _("Enter the new start time."),
            "new_end": _("Enter the new end time."),
        }
        for name, message in missing.items():
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, message)
        if day and start and end:
            if start == end:
                self.add_error("new_end", _("It must end after it starts."))
            else:
                try:
                    data["new_starts_at"], data["new_ends_at"] = calendar.times_from(
                        day, start, end
                    )
                except DomainError as error:
                    self.add_service_error(error)
        return data


class AnswerForm(ServiceErrorsMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=ChangeAnswer.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer yes or no.")},
    )
    reason = _reason(
        _("Anything to add?"),
        _("For example why not, or what would work instead."),
        MAX_ANSWER_REASON,
        required=False,
    )
    for_owner = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CancelForm(ServiceErrorsMixin, forms.Form):
    reason = _reason(
        _("Why are you cancelling?"),
        _("Everyone in the appointment is told, with this reason."),
    )
