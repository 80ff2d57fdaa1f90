"""Forms for the medicines list and for recording a dose. The rules live in ``services``."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcare.medicines.models import DoseRecord, Medicine
from coopcare.medicines.services import (
    MAX_DOSE,
    MAX_INSTRUCTIONS,
    MAX_NAME,
    MAX_REASON,
    MAX_WINDOW,
    MIN_WINDOW,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MedicineForm(forms.Form):
    name = forms.CharField(label=_("Medicine"), max_length=MAX_NAME)
    dose = forms.CharField(
        label=_("Dose"), help_text=_("For example: 2 tablets, 5 ml."), max_length=MAX_DOSE
    )
    times = forms.CharField(
        label=_("Times each day"),
        help_text=_("24-hour times, separated by commas: for example 08:00, 13:00, 18:00."),
        max_length=200,
    )
    time_critical = forms.BooleanField(
        label=_("Time-critical"),
        help_text=_(
            "Like insulin or Parkinson's medicines: a late dose can cause harm. If a dose is not "
            "recorded in time, the owner and the MAR Holder are told."
        ),
        required=False,
    )
    window_minutes = forms.IntegerField(
        label=_("How late a dose may be (minutes)"),
        help_text=_("Between 5 and 240. A dose may be given this much before or after its time."),
        min_value=MIN_WINDOW,
        max_value=MAX_WINDOW,
        initial=30,
    )
    instructions = forms.CharField(
        label=_("Instructions"),
        help_text=_("For example: with food; do not crush."),
        max_length=MAX_INSTRUCTIONS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    stops_on = forms.DateField(
        label=_("Last day"),
        help_text=_("Only for a course with an end, like antibiotics for a week."),
        required=False,
        widget=DateInput(),
    )

    def __init__(self, *args, medicine: Medicine | None = None, **kwargs) -> None:
        if medicine is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": medicine.name,
                    "dose": medicine.dose,
                    "times": ", ".join(medicine.times),
                    "time_critical": medicine.time_critical,
                    "window_minutes": medicine.window_minutes,
                    "instructions": medicine.instructions,
                    "starts_on": medicine.starts_on,
                    "stops_on": medicine.stops_on,
                },
            )
        else:
            kwargs.setdefault("initial", {"starts_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class StopForm(forms.Form):
    stops_on = forms.DateField(
        label=_("Last day it is given"),
        help_text=_(
            "Doses are still due on this day. To stop before today's remaining doses, choose "
            "yesterday."
        ),
        widget=DateInput(),
    )


class DoseForm(forms.Form):
    """One dose's record. Names are not prefixed, so every dose on a page posts the same
    fields; ids are made unique with ``auto_id``."""

    due_at = forms.DateTimeField(widget=forms.HiddenInput)
    appointment = forms.IntegerField(required=False, widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("What happened?"),
        choices=DoseRecord.Outcome.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason, if it was not given"),
        help_text=_("Needed if it was refused or not given."),
        max_length=MAX_REASON,
        required=False,
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)
