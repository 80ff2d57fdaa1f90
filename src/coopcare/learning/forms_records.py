"""Forms for learning records, qualifications and registrations. They parse input and check the
evidence file at the edge; the rules live in the services (which check again)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopcare.errors import DomainError
from coopcare.learning import evidence
from coopcare.learning.models import Method, RegulatoryBody, Topic
from coopcare.learning.services.credentials import MAX_LEVEL, MAX_NUMBER, MAX_TEXT
from coopcare.learning.services.records import MAX_REASON

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EVIDENCE_HELP = _(
    "A certificate or a signed assessment: a PDF document, a JPEG photo or a PNG picture, at "
    "most 5 MB. Only the people who may see your learning can download it."
)


def topic_choices(topics: list[Topic]) -> list:
    """Topics grouped as the policy groups them (“Every year”, “Care Certificate”…)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for topic in topics:
        label = topic.name + (" " + str(_("(observed)")) if topic.observed else "")
        groups.setdefault(topic.group or str(_("Other topics")), []).append((topic.slug, label))
    return [("", _("Choose a topic")), *groups.items()]


class EvidenceField(forms.FileField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Evidence"))
        kwargs.setdefault("help_text", EVIDENCE_HELP)
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": evidence.ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            try:
                evidence.check_evidence(upload)
            except DomainError as error:
                raise forms.ValidationError(error.message) from None
        return upload


class RecordForm(forms.Form):
    """Learning a person did. ``topics``: what their circles' policies list; ``assessors``:
    (id, label) of people who may sign off observed competence; ``external``: the actor may
    record an external assessor (a Coach or Learning Lead)."""

    topic = forms.ChoiceField(label=_("What did you learn?"))
    completed_on = forms.DateField(
        label=_("Date"), widget=DATE, help_text=_("The day it was done, or the last day.")
    )
    method = forms.ChoiceField(
        label=_("How was it learned?"), choices=Method.choices, widget=forms.RadioSelect
    )
    provider = forms.CharField(
        label=_("Provider or facilitator"),
        max_length=200,
        required=False,
        help_text=_("Who ran it: a person, a course provider or a website."),
    )
    assessor = forms.TypedChoiceField(
        label=_("Who observed it?"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "Only for topics that must be observed: someone who holds that competence in date. "
            "They are asked to confirm it; until then it waits for sign-off and does not count."
        ),
    )
    assessor_name = forms.CharField(
        label=_("Or an external assessor"),
        max_length=200,
        required=False,
        help_text=_("Name and organisation of an assessor who is not on coopcare."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence = EvidenceField(required=False)

    def __init__(
        self, *args, topics: list[Topic], assessors=(), external: bool = False, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.topics = {t.slug: t for t in topics}
        self.fields["topic"].choices = topic_choices(topics)
        self.fields["completed_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        observed = any(t.observed for t in topics)
        if observed:
            self.fields["assessor"].choices = [("", _("Nobody yet")), *assessors]
        else:
            del self.fields["assessor"]
        if observed and external:
            self.fields["assessor"].help_text = _(
                "Only for topics that must be observed: someone who holds that competence in "
                "date. Recorded by you, it counts as signed off."
            )
        else:
            del self.fields["assessor_name"]

    def clean_topic(self) -> Topic:
        slug = self.cleaned_data["topic"]
        if slug not in self.topics:
            raise forms.ValidationError(_("Choose a topic from the list."))
        return self.topics[slug]

    def clean(self) -> dict:
        data = super().clean()
        topic = data.get("topic")
        named = data.get("assessor") or data.get("assessor_name")
        if topic is not None and not topic.observed and named:
            self.add_error(
                "assessor" if data.get("assessor") else "assessor_name",
                _("%(topic)s does not need an assessor: leave it empty.") % {"topic": topic.name},
            )
        if data.get("assessor") and data.get("assessor_name"):
            self.add_error("assessor_name", _("Name one assessor, not two."))
        return data


class EvidenceForm(forms.Form):
    evidence = EvidenceField(required=True)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it withdrawn?"),
        max_length=MAX_REASON,
        help_text=_("For example “wrong date” or “recorded twice”. The person can read this."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QualificationForm(forms.Form):
    title = forms.CharField(label=_("Qualification"), max_length=MAX_TEXT)
    accredited = forms.BooleanField(
        label=_("It is accredited (on a national framework)"), required=False
    )
    level = forms.CharField(
        label=_("Level"),
        max_length=MAX_LEVEL,
        required=False,
        help_text=_("For example “Level 3”."),
    )
    awarding_body = forms.CharField(
        label=_("Awarding body"),
        max_length=MAX_TEXT,
        required=False,
        help_text=_("Who awarded it. Needed for an accredited qualification."),
    )
    achieved_on = forms.DateField(label=_("Date achieved"), widget=DATE)


class RegistrationForm(forms.Form):
    body = forms.ChoiceField(
        label=_("Regulatory body"),
        choices=[("", _("Choose the body")), *RegulatoryBody.choices],
    )
    body_name = forms.CharField(
        label=_("Name of the body"),
        max_length=MAX_TEXT,
        required=False,
        help_text=_("Only when you chose “Another body”."),
    )
    number = forms.CharField(label=_("Registration number"), max_length=MAX_NUMBER)
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=DATE,
        help_text=_("A registration that has already expired can be added: it shows as expired."),
    )


class CheckForm(forms.Form):
    checked_on = forms.DateField(
        label=_("Checked on the register on"),
        widget=DATE,
        help_text=_("The day you saw this registration on the regulator's public register."),
    )
