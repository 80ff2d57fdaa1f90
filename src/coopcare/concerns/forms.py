"""Forms for raising a concern and for a handler's entry. The rules live in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.concerns.models import TRANSITIONS, Concern, Kind, Safeguarding, State
from coopcare.concerns.services import MAX_TEXT

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _yes_no(label, help_text="") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class ConcernForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Which team is it about?"),
        queryset=None,
        required=False,
        empty_label=_("Not about a particular team"),
    )
    kind = forms.ChoiceField(
        label=_("Is this a concern or feedback?"),
        choices=Kind.choices,
        initial=Kind.CONCERN,
        widget=forms.RadioSelect,
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        help_text=_("In your own words. Include anything you think matters."),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    happened_when = forms.CharField(
        label=_("When did it happen?"),
        help_text=_("A date, or roughly: for example “last Tuesday evening”."),
        max_length=200,
        required=False,
    )
    who_it_concerns = forms.CharField(
        label=_("Who does it concern?"),
        help_text=_("Names or roles, as far as you know them."),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    safeguarding = forms.ChoiceField(
        label=_("Is it about someone's safety (safeguarding)?"),
        help_text=_(
            "For example someone being harmed, neglected or put at risk. If someone is in "
            "danger now, call 999 first."
        ),
        choices=Safeguarding.choices,
        widget=forms.RadioSelect,
    )
    wants_reply = _yes_no(_("Would you like a reply?"))
    share_name = _yes_no(
        _("Can we share your name with the people handling this and the people involved?"),
        _(
            "If you say no, they see “Someone in the team” instead of your name. The co-op "
            "still keeps a private record that it was you, because it has a duty to keep "
            "people safe."
        ),
    )

    def __init__(self, *args, teams, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        if not teams.exists():
            # Nothing to choose; still validated, so a team id sent anyway is refused.
            self.fields["team"].widget = forms.HiddenInput()


class UpdateForm(forms.Form):
    """A handler's entry: where the concern is now, a note, and the outcome when there is one."""

    state = forms.ChoiceField(label=_("State"))
    note = forms.CharField(
        label=_("Note"),
        help_text=_("What happened, what was decided, or what you are waiting for."),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        help_text=_("Needed when you choose “Outcome reached”."),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    for_reporter = forms.BooleanField(
        label=_("Show this note to the person who raised it"),
        help_text=_("They are told there is an update. Otherwise only the handlers see it."),
        required=False,
    )

    def __init__(self, *args, concern: Concern, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        now = State(concern.state)
        self.fields["state"].choices = [
            (now.value, _("Keep it as “%(state)s” (add a note)") % {"state": now.label}),
            *[(value, State(value).label) for value in TRANSITIONS[now]],
        ]
        self.fields["state"].initial = now.value
        if concern.state == State.OUTCOME:
            self.fields["outcome"].initial = concern.outcome
