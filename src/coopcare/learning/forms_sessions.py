"""Forms for learning sessions. They parse what a person typed; the rules live in
``learning.services.sessions`` and ``teachers``, whose errors land on the field they name."""

import datetime
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcare.errors import DomainError
from coopcare.learning.models import LearningSession, SessionKind, Setting, TeacherLevel
from coopcare.learning.services.sessions import (
    MAX_CAPACITY,
    MAX_DESCRIPTION,
    MAX_PLACE,
    MAX_REASON,
    MAX_TITLE,
)
from coopcare.learning.services.teachers import MAX_COMMENT, MAX_NOTE
from coopcare.visits.calendar import local_datetime

User = get_user_model()
# The service names its fields as the model does; the form asks for a date and two times.
SERVICE_FIELDS = {"starts_at": "start_time", "ends_at": "end_time", "marks": None}
# Above this many people, co-facilitators are chosen from a list box rather than tick boxes.
MANY_PEOPLE = 25


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


def add_error(form: forms.Form, error: DomainError) -> None:
    """Put a service's error on the field it names (or on the form)."""
    field = SERVICE_FIELDS.get(error.field, error.field)
    form.add_error(field if field in form.fields else None, error.message)


class SessionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of session"),
        choices=[("", _("Choose one")), *SessionKind.choices],
        error_messages={"required": _("Choose the kind of session.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=MAX_TITLE,
        help_text=_("What people will learn, like “Fire safety at home”."),
        error_messages={"required": _("Give the session a title.")},
    )
    description = forms.CharField(
        label=_("What it is about"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    topic_slugs = forms.MultipleChoiceField(
        label=_("Topics it covers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "People who come have these topics recorded when you complete the session. A "
            "competence that must be observed needs a facilitator who holds it in date."
        ),
    )
    setting = forms.ChoiceField(
        label=_("Where is it?"),
        choices=Setting.choices,
        widget=forms.RadioSelect,
        initial=Setting.CIRCLE,
        error_messages={"required": _("Choose where it happens.")},
    )
    team = forms.TypedChoiceField(
        label=_("Team"),
        coerce=int,
        required=False,
        help_text=_("Only for a session in a team: only that team sees it."),
    )
    circle = forms.TypedChoiceField(
        label=_("Circle"),
        coerce=int,
        required=False,
        help_text=_("The circle it belongs to (not needed for a team's session)."),
    )
    place_detail = forms.CharField(
        label=_("Where exactly"),
        max_length=MAX_PLACE,
        required=False,
        help_text=_("For example the community centre's name, or the video call link."),
    )
    area = forms.CharField(
        label=_("Postcode district"),
        max_length=10,
        required=False,
        help_text=_("The first part of the postcode, like LS6, so people nearby find it."),
    )
    date = forms.DateField(
        label=_("Date"),
        widget=DateInput,
        error_messages={
            "required": _("Enter the date of the session."),
            "invalid": _("Enter a real date, like 3 March 2026."),
        },
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        help_text=_("UK time, 24-hour clock, like 18:30."),
        widget=TimeInput(format="%H:%M"),
        error_messages={"required": _("Enter the time it starts."), "invalid": _("Like 18:30.")},
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        help_text=_("If it ends after midnight, give the time on the next morning."),
        widget=TimeInput(format="%H:%M"),
        error_messages={"required": _("Enter the time it ends."), "invalid": _("Like 20:00.")},
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=MAX_CAPACITY,
        initial=8,
        help_text=_("How many people can come. Others join a waiting list."),
        error_messages={
            "required": _("Say how many people can come."),
            "min_value": _("Offer at least 1 place."),
            "max_value": _("Offer at most 200 places."),
        },
    )
    co_facilitators = forms.TypedMultipleChoiceField(
        label=_("Who facilitates with you"),
        coerce=int,
        required=False,
        help_text=_("You facilitate it yourself. Add up to 5 people who teach it with you."),
    )

    def __init__(
        self,
        *args: Any,
        topics: list[tuple[str, str]],
        teams,
        circles,
        people,
        labels=None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.teams = {team.pk: team for team in teams}
        self.circles = {circle.pk: circle for circle in circles}
        self.people = {person.pk: person for person in people}
        self.fields["topic_slugs"].choices = topics
        self.fields["team"].choices = [("", _("Not in a team"))] + [
            (pk, team.name) for pk, team in self.teams.items()
        ]
        if not self.teams:
            del self.fields["team"]
        self.fields["circle"].choices = [(pk, circle.name) for pk, circle in self.circles.items()]
        if len(self.circles) == 1:
            self.fields["circle"].initial = next(iter(self.circles))
        if len(self.people) > MANY_PEOPLE:
            self.fields["co_facilitators"].widget = forms.SelectMultiple(attrs={"size": 8})
        else:
            self.fields["co_facilitators"].widget = forms.CheckboxSelectMultiple()
        self.fields["co_facilitators"].choices = [
            (pk, str((labels or {}).get(pk) or person)) for pk, person in self.people.items()
        ]
        if not self.people:
            del self.fields["co_facilitators"]

    @classmethod
    def initial_for(cls, session: LearningSession) -> dict[str, Any]:
        starts = timezone.localtime(session.starts_at)
        ends = timezone.localtime(session.ends_at)
        return {
            "kind": session.kind,
            "title": session.title,
            "description": session.description,
            "topic_slugs": session.topic_slugs,
            "setting": session.setting,
            "team": session.team_id,
            "circle": session.circle_id,
            "place_detail": session.place_detail,
            "area": session.area,
            "date": starts.date(),
            "start_time": starts.time().replace(second=0, microsecond=0),
            "end_time": ends.time().replace(second=0, microsecond=0),
            "capacity": session.capacity,
            "co_facilitators": [
                p.pk for p in session.facilitators.all() if p.pk != session.offered_by_id
            ],
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            try:
                data["starts_at"] = local_datetime(day, start, "start_time")
                end_day = day + datetime.timedelta(days=1) if end <= start else day
                data["ends_at"] = local_datetime(end_day, end, "end_time")
            except DomainError as error:
                add_error(self, error)
        return data

    def values(self) -> dict[str, Any]:
        """What the service takes, from the cleaned data."""
        data = self.cleaned_data
        people = [self.people[pk] for pk in data.get("co_facilitators") or [] if pk in self.people]
        return {
            "kind": data["kind"],
            "title": data["title"],
            "description": data.get("description", ""),
            "topic_slugs": data.get("topic_slugs") or [],
            "setting": data["setting"],
            "team": self.teams.get(data.get("team")) if data.get("team") else None,
            "circle": self.circles.get(data.get("circle")) if data.get("circle") else None,
            "place_detail": data.get("place_detail", ""),
            "area": data.get("area", ""),
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "capacity": data["capacity"],
            "co_facilitators": people,
        }


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words in the title"), required=False, max_length=100)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *SessionKind.choices]
    )

    def __init__(self, *args: Any, topics: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Any topic")), *topics]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        max_length=MAX_REASON,
        help_text=_("Everyone booked or waiting is told, with this reason."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why it is cancelled: the people booked are told.")},
    )


CAME = (("1", _("Came")), ("0", _("Did not come")))


class AttendanceForm(forms.Form):
    """One question per person holding a place: did they come?"""

    def __init__(self, *args: Any, places, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for place in places:
            initial = {"attended": "1", "absent": "0"}.get(place.status)
            self.fields[f"person_{place.person_id}"] = forms.ChoiceField(
                label=str(place.person),
                choices=CAME,
                widget=forms.RadioSelect,
                initial=initial,
                error_messages={"required": _("Say whether they came.")},
            )

    def marks(self) -> dict[int, bool]:
        return {
            int(name.removeprefix("person_")): value == "1"
            for name, value in self.cleaned_data.items()
        }


RATINGS = [
    ("5", _("5 — very useful")),
    ("4", _("4 — useful")),
    ("3", _("3 — so-so")),
    ("2", _("2 — not very useful")),
    ("1", _("1 — not useful")),
]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was it?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("Anything you would like the facilitators to know?"),
        max_length=MAX_COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The facilitators and the Learning Lead read it without your name."),
    )


class RecogniseForm(forms.Form):
    person = forms.TypedChoiceField(
        label=_("Who"), coerce=int, error_messages={"required": _("Choose who to recognise.")}
    )
    level = forms.ChoiceField(
        label=_("Recognise them as"),
        choices=TeacherLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose Associate Teacher or Teacher.")},
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=MAX_NOTE,
        required=False,
        help_text=_("For example what they teach well."),
    )

    def __init__(self, *args: Any, people, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people}
        self.fields["person"].choices = [("", _("Choose someone"))] + [
            (pk, str(person)) for pk, person in self.people.items()
        ]
