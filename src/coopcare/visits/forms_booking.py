"""Forms for booking a one-off appointment and for declining one. HTTP only: the rules live in
``visits.services.booking``, whose errors land on the field they name."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.errors import DomainError
from coopcare.starting.models import SupportKind
from coopcare.teams.models import Team
from coopcare.visits import calendar
from coopcare.visits.models import Place
from coopcare.visits.services.booking import MAX_TITLE

# The service names its fields as the model does; the form asks for a date and two times.
SERVICE_FIELDS = {"starts_at": "start_time", "ends_at": "end_time"}


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class PeopleField(forms.ModelMultipleChoiceField):
    """Tick boxes of team members, named only where the viewer may see the name."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args: Any, visible: set[int] | None = None, **kwargs: Any) -> None:
        self.visible = visible or set()
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        if obj.pk in self.visible:
            return str(obj)
        return str(_("A team member (name not shared with you)"))


class BookingForm(forms.Form):
    title = forms.CharField(
        label=_("What is it?"),
        help_text=_("A short name everyone will recognise, like “Morning visit”."),
        max_length=MAX_TITLE,
        error_messages={"required": _("Say what the appointment is, like “Morning visit”.")},
    )
    date = forms.DateField(
        label=_("Date"),
        widget=DateInput,
        error_messages={
            "required": _("Enter the date of the appointment."),
            "invalid": _("Enter a real date, like 3 March 2025."),
        },
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        help_text=_("UK time, 24-hour clock, like 09:30."),
        widget=TimeInput(format="%H:%M"),
        error_messages={
            "required": _("Enter the time it starts."),
            "invalid": _("Enter a time like 09:30."),
        },
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        help_text=_("If it ends after midnight, give the time on the next morning."),
        widget=TimeInput(format="%H:%M"),
        error_messages={
            "required": _("Enter the time it ends."),
            "invalid": _("Enter a time like 10:30."),
        },
    )
    place = forms.ChoiceField(
        label=_("Where?"),
        choices=Place.choices,
        widget=forms.RadioSelect,
        initial=Place.HOME,
        error_messages={"required": _("Choose where it happens.")},
    )
    place_detail = forms.CharField(
        label=_("Where exactly"),
        help_text=_("For example the café's name, or the video call link."),
        max_length=200,
        required=False,
    )
    support_kinds = forms.MultipleChoiceField(
        label=_("Kinds of support"),
        choices=SupportKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of support.")},
    )
    open_slot = forms.BooleanField(
        label=_("Offer it to the team as an open slot"),
        help_text=_("Nobody is asked yet: the first team member who can take it gets it."),
        required=False,
    )

    def __init__(self, *args: Any, team: Team, visible: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = calendar.team_people(team)
        self.fields["givers"] = PeopleField(
            people,
            visible=visible,
            label=_("Who is asked to give support"),
            help_text=_("Each of them is asked to join or decline."),
            required=False,
        )
        self.fields["observers"] = PeopleField(
            people,
            visible=visible,
            label=_("Who observes"),
            help_text=_("For example someone learning the routine. They do not give support."),
            required=False,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if start == end:
                self.add_error("end_time", _("It must end after it starts."))
            else:
                try:
                    data["starts_at"], data["ends_at"] = calendar.times_from(day, start, end)
                except DomainError as error:
                    self.add_error(error.field, error.message)
        return data

    def add_service_error(self, error: DomainError) -> None:
        """Put a service's refusal beside its field, or at the top of the form."""
        name = SERVICE_FIELDS.get(error.field or "", error.field)
        self.add_error(name if name in self.fields else None, error.message)

    @staticmethod
    def initial_for(day: datetime.date | None) -> dict[str, Any]:
        return {"date": day} if day else {}


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why not?"),
        help_text=_("The people who arrange the rota will see this."),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
