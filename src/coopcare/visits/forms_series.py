"""Forms for repeating visits. People choose days and an end in words; the form writes the
RFC 5545 rule (``recurrence_rules.build_rule``), so nobody types RRULE syntax. The rules themselves
live in ``services.recurrence``, whose refusals land on these forms."""

import datetime
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcare.starting.models import SupportKind
from coopcare.teams.models import MemberKind, Team, TeamMember
from coopcare.visits.models import Appointment, Place
from coopcare.visits.services import recurrence_rules as rules

User = get_user_model()

WEEKDAY_CHOICES = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


def team_people(team: Team, *, givers: bool):
    """Current members of the team (for givers: not the owner, who gets the support)."""
    members = TeamMember.objects.current().filter(team=team)
    if givers:
        members = members.exclude(kind=MemberKind.OWNER)
    return (
        User.objects.filter(pk__in=members.values("person_id"))
        .select_related("profile")
        .order_by("profile__name", "pk")
    )


class VisitTimesMixin(forms.Form):
    """A day, a start time and an end time later the same day."""

    start_time = forms.TimeField(
        label=_("Starts at"),
        widget=TimeInput(),
        error_messages={"required": _("Say what time it starts."), "invalid": _("Enter a time.")},
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        widget=TimeInput(),
        error_messages={"required": _("Say what time it ends."), "invalid": _("Enter a time.")},
    )

    def check_times(self, cleaned: dict[str, Any]) -> None:
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("It must end after it starts, on the same day."))

    @staticmethod
    def minutes(start: datetime.time, end: datetime.time) -> int:
        day = datetime.date(2000, 1, 1)
        span = datetime.datetime.combine(day, end) - datetime.datetime.combine(day, start)
        return int(span.total_seconds() // 60)


class SeriesForm(VisitTimesMixin):
    """A repeating visit: what, from when, how it repeats, until when, where and who."""

    field_order = [
        "title",
        "first_date",
        "start_time",
        "end_time",
        "repeats",
        "weeks_apart",
        "weekdays",
        "ends",
        "until",
        "times",
        "place",
        "place_detail",
        "support_kinds",
        "givers",
        "observers",
    ]

    title = forms.CharField(
        label=_("What it is"),
        help_text=_("For example “Morning visit” or “Shopping trip”."),
        max_length=120,
        error_messages={"required": _("Say what the visit is.")},
    )
    first_date = forms.DateField(
        label=_("First day"),
        widget=DateInput(),
        error_messages={"required": _("Choose the first day."), "invalid": _("Enter a date.")},
    )
    repeats = forms.ChoiceField(
        label=_("Repeats"),
        choices=[
            ("weekly", _("Every week, on the days chosen below")),
            ("weeks", _("Every few weeks, on the days chosen below")),
            ("daily", _("Every day")),
        ],
        initial="weekly",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it repeats.")},
    )
    weeks_apart = forms.IntegerField(
        label=_("How many weeks apart"),
        help_text=_("Only for “every few weeks”: 2 means every other week."),
        min_value=2,
        max_value=8,
        required=False,
    )
    weekdays = forms.MultipleChoiceField(
        label=_("On these days"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    ends = forms.ChoiceField(
        label=_("Stops"),
        choices=[
            ("until", _("On a date")),
            ("times", _("After a number of visits")),
        ],
        initial="until",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose when it stops.")},
    )
    until = forms.DateField(
        label=_("Last day"),
        help_text=_("At most two years after the first day."),
        widget=DateInput(),
        required=False,
        error_messages={"invalid": _("Enter a date.")},
    )
    times = forms.IntegerField(
        label=_("Number of visits"),
        min_value=1,
        max_value=rules.MAX_OCCURRENCES,
        required=False,
    )
    place = forms.ChoiceField(
        label=_("Where"),
        choices=Place.choices,
        initial=Place.HOME,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where it happens.")},
    )
    place_detail = forms.CharField(label=_("Where exactly"), max_length=200, required=False)
    support_kinds = forms.MultipleChoiceField(
        label=_("Kinds of support"),
        choices=SupportKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of support.")},
    )
    givers = PersonChoice(
        label=_("Who gives support"),
        help_text=_("Each person is asked once and joins the visits they can make."),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one person to give support.")},
    )
    observers = PersonChoice(
        label=_("Who observes"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, team: Team, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["givers"].queryset = team_people(team, givers=True)
        self.fields["observers"].queryset = team_people(team, givers=False)
        if not self.is_bound:
            self.initial.setdefault("first_date", timezone.localdate() + datetime.timedelta(days=1))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.check_times(cleaned)
        repeats, days = cleaned.get("repeats"), cleaned.get("weekdays") or []
        if repeats in {"weekly", "weeks"} and not days:
            self.add_error("weekdays", _("Choose at least one day of the week."))
        if repeats == "weeks" and not cleaned.get("weeks_apart"):
            self.add_error("weeks_apart", _("Say how many weeks apart, from 2 to 8."))
        ends = cleaned.get("ends")
        if ends == "until" and not cleaned.get("until") and "until" not in self.errors:
            self.add_error("until", _("Choose the last day."))
        if ends == "times" and not cleaned.get("times") and "times" not in self.errors:
            self.add_error("times", _("Say how many visits."))
        if self.errors:
            return cleaned
        cleaned["first_start"] = rules.local_start(cleaned["first_date"], cleaned["start_time"])
        cleaned["duration_minutes"] = self.minutes(cleaned["start_time"], cleaned["end_time"])
        cleaned["rule"] = rules.build_rule(
            "DAILY" if repeats == "daily" else "WEEKLY",
            interval=cleaned["weeks_apart"] if repeats == "weeks" else 1,
            weekdays=[] if repeats == "daily" else days,
            until=cleaned["until"] if ends == "until" else None,
            count=cleaned["times"] if ends == "times" else None,
        )
        return cleaned


class StopForm(forms.Form):
    from_date = forms.DateField(
        label=_("Stop from"),
        help_text=_("No visit happens on or after this day."),
        widget=DateInput(),
        error_messages={"required": _("Choose the day it stops."), "invalid": _("Enter a date.")},
    )
    reason = forms.CharField(
        label=_("Why it stops"),
        help_text=_("Everyone who was coming is told."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why it stops repeating.")},
    )


class OccurrenceForm(VisitTimesMixin):
    """One visit of a series, changed on its own."""

    field_order = ["title", "day", "start_time", "end_time", "place", "place_detail"]

    title = forms.CharField(
        label=_("What it is"), max_length=120, error_messages={"required": _("Say what it is.")}
    )
    day = forms.DateField(
        label=_("Day"),
        widget=DateInput(),
        error_messages={"required": _("Choose the day."), "invalid": _("Enter a date.")},
    )
    place = forms.ChoiceField(label=_("Where"), choices=Place.choices, widget=forms.RadioSelect)
    place_detail = forms.CharField(label=_("Where exactly"), max_length=200, required=False)

    @classmethod
    def for_visit(cls, appointment: Appointment, data=None) -> "OccurrenceForm":
        start = timezone.localtime(appointment.starts_at)
        end = timezone.localtime(appointment.ends_at)
        return cls(
            data,
            initial={
                "title": appointment.title,
                "day": start.date(),
                "start_time": start.time(),
                "end_time": end.time(),
                "place": appointment.place,
                "place_detail": appointment.place_detail,
            },
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.check_times(cleaned)
        if not self.errors:
            cleaned["starts_at"] = rules.local_start(cleaned["day"], cleaned["start_time"])
            cleaned["ends_at"] = rules.local_start(cleaned["day"], cleaned["end_time"])
        return cleaned


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is cancelled"),
        help_text=_("Everyone who was coming is told."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
