"""Forms for the team discussion. They parse input; the rules live in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.discussion.services import MAX_BODY, MAX_TITLE


class MessageForm(forms.Form):
    """A reply. ``owner_name`` is given only to someone acting for the owner now, who may then
    choose to post on the owner's behalf."""

    body = forms.CharField(
        label=_("Your message"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 5})
    )
    on_behalf = forms.BooleanField(required=False)

    def __init__(self, *args, owner_name: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if owner_name:
            self.fields["on_behalf"].label = _("Post this on behalf of %(owner)s") % {
                "owner": owner_name
            }
            self.fields["on_behalf"].help_text = _(
                "Leave this unticked to post as yourself. Ticked, the message shows "
                "“you on behalf of %(owner)s”."
            ) % {"owner": owner_name}
        else:
            del self.fields["on_behalf"]


class ThreadForm(MessageForm):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    field_order = ["title", "body", "on_behalf"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("First message")


class EditForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, opens_thread: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if opens_thread:
            self.fields["title"] = forms.CharField(label=_("Thread title"), max_length=MAX_TITLE)
            self.order_fields(["title", "body"])
