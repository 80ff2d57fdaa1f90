"""Forms for joining, acting for someone, trials and leaving. HTTP only: the rules live in
``teams.services``, which every form's view calls and whose errors land on the form."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from coopcare.teams.models import MemberKind, Representative, Scope, TeamMember, Trial
from coopcare.teams.services.membership import JOINING_KINDS, MAX_MESSAGE, MAX_TRIAL_SESSIONS

User = get_user_model()
KIND_CHOICES = [(value, label) for value, label in MemberKind.choices if value in JOINING_KINDS]


class DateInput(forms.DateInput):
    input_type = "date"


def _text(label: str, help_text: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class TrialChoiceForm(forms.Form):
    """Join straight away, or start with a few paid trial sessions."""

    start_with_trial = forms.BooleanField(
        label=_("Start with a trial"),
        required=False,
        help_text=_("A few paid sessions first; afterwards both sides say whether to go on."),
    )
    trial_sessions = forms.IntegerField(
        label=_("Number of trial sessions"),
        help_text=_("Usually 1 to 3."),
        min_value=1,
        max_value=MAX_TRIAL_SESSIONS,
        initial=1,
        required=False,
    )

    def sessions(self) -> int:
        if not self.cleaned_data.get("start_with_trial"):
            return 0
        return self.cleaned_data.get("trial_sessions") or 1


class InviteForm(TrialChoiceForm):
    field_order = ["email", "kind", "message", "start_with_trial", "trial_sessions"]

    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_(
            "If they have no account yet, we email them and they can accept once they have one."
        ),
        error_messages={"required": _("Enter the email address of the person to invite.")},
    )
    kind = forms.ChoiceField(
        label=_("They would join as"),
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how they would join the team.")},
    )
    message = _text(_("A message for them"))


class JoinRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("You would join as"),
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you would join the team.")},
    )
    message = _text(
        _("A message for the team owner"),
        _("Who you are, what support you offer, and when you are free."),
    )


class ApproveForm(TrialChoiceForm):
    """Approving a request to join: straight in, or a trial first."""


class DeclineForm(forms.Form):
    reason = _text(
        _("Reason"),
        _("You do not have to give one. If you do, the other side will read it."),
    )


class RepresentativeForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("The address of their account on this site."),
        error_messages={"required": _("Enter the email address of their account.")},
    )
    role = forms.ChoiceField(
        label=_("How they act for the owner"),
        choices=Representative.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how they act for the owner.")},
    )
    scope = forms.MultipleChoiceField(
        label=_("What they may do"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing they may do.")},
    )
    ends_on = forms.DateField(
        label=_("Until"),
        help_text=_("The last day they act for the owner. It must be in the future."),
        widget=DateInput,
        error_messages={
            "required": _("Enter the last day they act for the owner."),
            "invalid": _("Enter a real date."),
        },
    )


class TrialVerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Shall we go on together?"),
        choices=[(Trial.Verdict.YES, _("Yes")), (Trial.Verdict.NO, _("No"))],
        widget=forms.RadioSelect,
        help_text=_("You do not need to give a reason for no."),
        error_messages={"required": _("Choose yes or no.")},
    )
    note = _text(
        _("A private note"),
        _("Only your side of the trial can read it. It is not shown to the other side."),
    )


class ObserverForm(forms.Form):
    def __init__(self, trial: Trial, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = (
            TeamMember.objects.current()
            .filter(team=trial.team, status=TeamMember.Status.MEMBER)
            .exclude(person=trial.member.person_id)
            .values("person")
        )
        self.fields["observer"] = forms.ModelChoiceField(
            label=_("Observer"),
            help_text=_("Someone already in the team who joins the sessions and feeds back."),
            queryset=User.objects.filter(pk__in=people).select_related("profile"),
            required=False,
            empty_label=_("Nobody"),
        )


class NoticeForm(forms.Form):
    leaves_on = forms.DateField(
        label=_("Your leaving date"),
        help_text=_("Tell the team as early as you can, so they can plan."),
        widget=DateInput,
        error_messages={"required": _("Enter the day you leave."), "invalid": _("Enter a date.")},
    )
    farewell = _text(_("A farewell message"), _("Shown to everyone in the team, on the team page."))
    reflection = _text(
        _("Your reflections"),
        _("What worked and what could be better. Kept for the owner's side unless you share it."),
        rows=5,
    )
    share_reflection = forms.BooleanField(
        label=_("Share my reflections with the whole team"), required=False
    )
