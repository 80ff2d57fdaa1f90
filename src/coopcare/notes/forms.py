"""Forms for care notes. They parse input and check files at the edge; the rules live in
``services`` (which checks the files again)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopcare.errors import DomainError
from coopcare.notes import files
from coopcare.notes.models import Readership, Topic
from coopcare.notes.services import MAX_BODY, MAX_TITLE

DEFAULT = ""
NOT_SHARED = gettext_lazy("A team member (name not shared)")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one file input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": files.ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            cleaned = [single(item, initial) for item in data]
        else:
            cleaned = [single(data, initial)]
        return [item for item in cleaned if item]


def readership_choices(owner_name: str) -> list[tuple[str, str]]:
    """Who may read a note, in plain words (``DEFAULT`` follows the topic)."""
    words = {"owner": owner_name}
    return [
        (
            DEFAULT,
            _(
                "The usual for what it is about: the whole team for day-to-day notes; for health "
                "and safeguarding notes only %(owner)s, the people acting for them and the paid "
                "workers in the team"
            )
            % words,
        ),
        (
            Readership.TEAM,
            _("The whole team: everyone in the team now and the people acting for %(owner)s")
            % words,
        ),
        (
            Readership.GIVERS_AND_OWNER,
            _(
                "Only %(owner)s, the people acting for them and the paid workers in the team "
                "(independent and employed workers)"
            )
            % words,
        ),
        (
            Readership.NAMED,
            _("Only the people I name below, with %(owner)s and the people acting for them")
            % words,
        ),
    ]


class NoteForm(forms.Form):
    """A new care note. ``people`` are those the author may name (each carrying
    ``can_see_name``); ``owner_name`` is how the owner is named to this author; ``on_behalf_of``
    is the owner's name, given only to someone acting for the owner now."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=MAX_TITLE)
    topic = forms.ChoiceField(
        label=gettext_lazy("What is it about?"),
        choices=Topic.choices,
        initial=Topic.GENERAL,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=gettext_lazy("The note"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    readership = forms.ChoiceField(
        label=gettext_lazy("Who may read it?"),
        required=False,
        initial=DEFAULT,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Health and safeguarding notes are kept to the person, the people acting for them "
            "and the paid workers unless you choose the whole team. You can always read what "
            "you write. Someone who leaves the team stops seeing every note."
        ),
    )
    named_readers = forms.TypedMultipleChoiceField(
        label=gettext_lazy("The people you name"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Only when you chose “Only the people I name”."),
    )
    attachments = MultipleFileField(
        label=gettext_lazy("Files"),
        required=False,
        help_text=gettext_lazy(
            "Up to 5 files, each at most 5 MB: PDF documents, JPEG photos, PNG pictures or "
            "plain text files."
        ),
    )
    on_behalf = forms.BooleanField(required=False)

    def __init__(
        self, *args, people=(), owner_name: str = "", on_behalf_of: str = "", **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["readership"].choices = readership_choices(owner_name)
        choices = [
            (person.pk, person.display_name if person.can_see_name else NOT_SHARED)
            for person in people
        ]
        if choices:
            self.fields["named_readers"].choices = choices
        else:
            del self.fields["named_readers"]
        if on_behalf_of:
            self.fields["on_behalf"].label = _("Write this on behalf of %(owner)s") % {
                "owner": on_behalf_of
            }
            self.fields["on_behalf"].help_text = _(
                "Leave this unticked to write as yourself. Ticked, the note shows “you on "
                "behalf of %(owner)s”."
            ) % {"owner": on_behalf_of}
        else:
            del self.fields["on_behalf"]

    def clean_attachments(self) -> list:
        uploads = self.cleaned_data.get("attachments") or []
        try:
            files.check_files(uploads)
        except DomainError as error:
            raise forms.ValidationError(error.message) from None
        return uploads


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Words in the title or note"), required=False)
    topic = forms.ChoiceField(
        label=gettext_lazy("About"),
        required=False,
        choices=[("", gettext_lazy("Anything")), *Topic.choices],
    )
