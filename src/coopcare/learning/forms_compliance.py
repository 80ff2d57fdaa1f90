"""The training matrix's filter form. HTTP only: the choices come from ``learning.matrix``."""

from django import forms
from django.utils.translation import gettext_lazy

from coopcare.learning.matrix import STATUS_FILTERS, Choices, Filters


class MatrixFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=100)
    group = forms.ChoiceField(label=gettext_lazy("Topics"), required=False)
    team = forms.TypedChoiceField(
        label=gettext_lazy("Team"), required=False, coerce=int, empty_value=None
    )
    hat = forms.ChoiceField(label=gettext_lazy("Hat"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind of team member"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Show"),
        required=False,
        choices=[("", gettext_lazy("Everyone")), *STATUS_FILTERS.items()],
    )

    def __init__(self, data, *, choices: Choices) -> None:
        data = data.copy() if data is not None else {}
        self.default_group = choices.default_group()
        if not data.get("group"):
            data["group"] = self.default_group
        super().__init__(data)
        self.fields["group"].choices = choices.group_choices()
        self.fields["team"].choices = [("", gettext_lazy("Every team")), *choices.teams]
        self.fields["hat"].choices = [("", gettext_lazy("Any hat or none")), *choices.hats]
        self.fields["kind"].choices = [("", gettext_lazy("Any kind")), *choices.kinds]

    def filters(self) -> Filters:
        """The filters asked for; the defaults where the form is not valid (its errors say why)."""
        if not self.is_valid():
            return Filters(group=self.default_group)
        data = self.cleaned_data
        return Filters(
            q=data["q"].strip(),
            group=data["group"] or self.default_group,
            team=data["team"],
            hat=data["hat"],
            kind=data["kind"],
            status=data["status"],
        )
