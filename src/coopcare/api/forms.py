"""The form for creating a personal access token. HTTP only: the rules live in services."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coopcare.api.services import NAME_MAX_LENGTH

DEFAULT_DAYS = 90


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("What the token is for, so you recognise it later. For example: rota script."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Give the token a name, so you can recognise it later.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Built here, not at import, so the longest allowed life follows the current setting.
        most = settings.API_TOKEN_MAX_DAYS
        self.fields["days"] = forms.IntegerField(
            label=_("Days until it stops working"),
            min_value=1,
            max_value=most,
            initial=min(DEFAULT_DAYS, most),
            help_text=_("Between 1 and %(max)d days. Make a new token when it runs out.")
            % {"max": most},
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            error_messages={
                "required": _("Enter how many days the token should last."),
                "invalid": _("Enter a whole number of days, like 90."),
                "min_value": _("A token must last at least 1 day."),
                "max_value": _("A token can last at most %(limit_value)s days."),
            },
        )
