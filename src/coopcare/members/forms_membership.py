"""Forms for applying and for deciding applications. HTTP only: the rules are in services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.members.models import MemberClass, WorkerKind
from coopcare.members.questions import MAX_ANSWER_LENGTH, Question, questions_for


class ApplicationForm(forms.Form):
    """The application for one member class: its questions and the Members' Commitment."""

    def __init__(self, member_class: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member_class = member_class
        if member_class == MemberClass.WORKER:
            self.fields["worker_kind"] = forms.ChoiceField(
                label=_("How do you work with the co-op?"),
                choices=WorkerKind.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose how you work with the co-op.")},
            )
        self.questions: tuple[Question, ...] = questions_for(member_class)
        for question in self.questions:
            self.fields[question.key] = forms.CharField(
                label=question.text,
                max_length=MAX_ANSWER_LENGTH,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={
                    "required": _("Please answer this question."),
                    "max_length": _(
                        "Please keep your answer to %(limit_value)d characters or fewer."
                    ),
                },
            )
        self.fields["accept_commitment"] = forms.BooleanField(
            label=_("I agree to the Members' Commitment"),
            error_messages={"required": _("Tick the box to agree to the Members' Commitment.")},
        )

    @property
    def question_fields(self) -> list[forms.BoundField]:
        return [self[q.key] for q in self.questions]

    def answers(self) -> dict[str, str]:
        return {q.key: self.cleaned_data[q.key] for q in self.questions}


class DecisionForm(forms.Form):
    ADMIT = "admit"
    DECLINE = "decline"

    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[(ADMIT, _("Admit as a member")), (DECLINE, _("Decline the application"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to admit or decline.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Required either way. The applicant is told this reason by email."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Give a reason for the decision; the applicant will read it.")
        },
    )
