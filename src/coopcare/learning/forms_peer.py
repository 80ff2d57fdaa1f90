"""Forms for welcome routes, pathways and peer supervision. They parse input; the rules live in
``services.welcome``, ``services.pathways`` and ``services.supervision``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.learning.models import WelcomeStep
from coopcare.learning.services.supervision import ASK, MAX_DAYS, MAX_NOTES, MIN_DAYS, OFFER
from coopcare.learning.services.welcome import MAX_NOTE


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _people(people) -> list[tuple[int, str]]:
    return [(person.pk, person.display_name) for person in people]


class WelcomeStartForm(forms.Form):
    """``newcomers``, ``welcomers`` and ``buddies`` are the people the viewer may choose, by
    name; the viewer welcomes them unless they choose someone else."""

    newcomer = forms.TypedChoiceField(label=_("Who is new"), coerce=int)
    welcomer = forms.TypedChoiceField(
        label=_("Who welcomes them"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("You, unless you choose another member of the circle."),
    )
    buddy = forms.TypedChoiceField(
        label=_("Their buddy"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "Someone giving support in one of the circle's teams. You can choose one later."
        ),
    )

    def __init__(self, *args, newcomers=(), welcomers=(), buddies=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["newcomer"].choices = [("", _("Choose someone")), *_people(newcomers)]
        self.fields["welcomer"].choices = [("", _("Me")), *_people(welcomers)]
        self.fields["buddy"].choices = [("", _("Not yet")), *_people(buddies)]


class BuddyForm(forms.Form):
    buddy = forms.TypedChoiceField(label=_("Their buddy"), coerce=int)

    def __init__(self, *args, buddies=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buddy"].choices = [("", _("Choose someone")), *_people(buddies)]


class TickForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=WelcomeStep.choices)
    done = forms.TypedChoiceField(
        label=_("Done"),
        choices=[("1", _("Done")), ("0", _("Not done"))],
        coerce=lambda value: value == "1",
        initial="1",
    )
    note = forms.CharField(label=_("Note"), max_length=MAX_NOTE, required=False)


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=120, required=False)


class PairAskForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want?"),
        choices=[
            (ASK, _("Ask them to be my peer supervisor")),
            (OFFER, _("Offer to be their peer supervisor")),
        ],
        initial=ASK,
        widget=forms.RadioSelect,
    )
    person = forms.TypedChoiceField(
        label=_("Who"),
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("A co-op member or someone giving support in one of your circles."),
    )

    def __init__(self, *args, people=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = _people(people)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])


class CadenceForm(forms.Form):
    every_days = forms.IntegerField(
        label=_("Check in every (days)"),
        min_value=MIN_DAYS,
        max_value=MAX_DAYS,
        help_text=_(
            "Between 7 and 90 days. Independent workers check in at least every three months, "
            "employed workers about every two months."
        ),
    )


class CheckInForm(forms.Form):
    held_on = forms.DateField(label=_("When you checked in"), widget=DateInput())
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=MAX_NOTES,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Only the two of you can ever read these: no Coach, hat or administrator sees them."
        ),
    )
