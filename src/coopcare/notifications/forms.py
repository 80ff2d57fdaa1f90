"""The notification settings form: one radio group per kind of notification."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.notifications.models import Delivery
from coopcare.notifications.selectors import PreferenceRow


def field_name(kind: str) -> str:
    # Kinds contain dots ("membership.decided"); ids and fragment links read better without.
    return "kind_" + kind.replace(".", "_")


class PreferencesForm(forms.Form):
    def __init__(self, rows: list[PreferenceRow], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kinds: dict[str, str] = {}
        for row in rows:
            name = field_name(row.kind)
            self.kinds[name] = row.kind
            self.fields[name] = forms.ChoiceField(
                label=row.label,
                choices=[
                    (value, _("%s (the default)") % text if value == row.default else text)
                    for value, text in Delivery.choices
                ],
                initial=row.chosen,
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict[str, str]:
        """The chosen delivery for each kind, keyed by kind (after ``is_valid``)."""
        return {kind: self.cleaned_data[name] for name, kind in self.kinds.items()}
