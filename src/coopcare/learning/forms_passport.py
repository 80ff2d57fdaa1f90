"""Forms for the passport's links and the measures' period. HTTP only: the rules live in
``services.passport`` and ``measures``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.learning.models import PassportLink
from coopcare.learning.services.passport import DEFAULT_DAYS, MAX_DAYS


class LinkForm(forms.Form):
    label = forms.CharField(
        label=_("Who it is for"),
        max_length=PassportLink._meta.get_field("label").max_length,
        required=False,
        help_text=_("So you recognise the link later. For example: Calder Care Co-op."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": _("Keep it to %(limit_value)d characters or fewer.")},
    )
    days = forms.IntegerField(
        label=_("Days until it stops working"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
        help_text=_("Between 1 and %(max)d days.") % {"max": MAX_DAYS},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter how many days the link should work."),
            "invalid": _("Enter a whole number of days, like 30."),
            "min_value": _("A link must work for at least 1 day."),
            "max_value": _("A link can work for at most %(limit_value)s days."),
        },
    )


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date like 2025-04-01.")},
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date like 2025-04-01.")},
    )
