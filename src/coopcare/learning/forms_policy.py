"""Forms for the learning policy and a team's learning needs. They parse input; the rules live
in ``services.policy`` and ``services.needs``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coopcare.circles.models import HatType
from coopcare.learning.models import Interval, Topic
from coopcare.learning.requirements import GIVING_KINDS
from coopcare.learning.services import needs, policy
from coopcare.starting.models import SupportKind
from coopcare.teams.models import MemberKind

REASON_HELP = _(
    "Policy changes are decisions of the circle: say what the circle decided and when. "
    "Everyone in the co-op can read the reason in the list of changes."
)


def reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Why (the circle's decision)"),
        help_text=REASON_HELP,
        max_length=policy.MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TopicForm(forms.Form):
    """A new topic, or a change to one (``topic`` given: its short name is shown, not asked)."""

    name = forms.CharField(label=_("Name of the topic"), max_length=policy.MAX_NAME)
    slug = forms.SlugField(
        label=_("Short name"),
        help_text=_(
            "Small letters, numbers and hyphens. People's learning is kept under it and it never "
            "changes; leave it empty to make it from the name. A topic with the same short name "
            "in another circle counts here too."
        ),
        max_length=policy.MAX_SLUG,
        required=False,
    )
    group = forms.CharField(
        label=_("Group"),
        help_text=_("Topics are listed by group, for example “Every year” or “Care Certificate”."),
        max_length=policy.MAX_GROUP,
        required=False,
    )
    interval = forms.ChoiceField(
        label=_("How often"), choices=Interval.choices, widget=forms.RadioSelect
    )
    custom_months = forms.IntegerField(
        label=_("Months between refreshes"),
        help_text=_("Only for “every so many months”: between 1 and 120."),
        required=False,
    )
    member_kinds = forms.MultipleChoiceField(
        label=_("Required of people taking part in a team as"),
        help_text=_("Leave all unticked to require it whatever way people take part."),
        choices=[(k, label) for k, label in MemberKind.choices if k in GIVING_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    hats = forms.MultipleChoiceField(
        label=_("Required of people wearing these hats"),
        help_text=_("Leave all unticked unless the topic is for a hat."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    support_kinds = forms.MultipleChoiceField(
        label=_("Required of people giving these kinds of support"),
        help_text=_(
            "A topic naming a kind of support must be in date before someone gives that support: "
            "it blocks only appointments that include it."
        ),
        choices=SupportKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    triggered = forms.BooleanField(
        label=_("Only when a person supported needs it"),
        help_text=_("Required of a team's givers once the team marks the need."),
        required=False,
    )
    observed = forms.BooleanField(
        label=_("Competence must be observed"),
        help_text=_("Counts only once an assessor who holds it saw the person do it."),
        required=False,
    )
    description = forms.CharField(
        label=_("What it covers"),
        max_length=policy.MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    reason = reason_field()

    def __init__(self, *args, topic: Topic | None = None, **kwargs) -> None:
        if topic is not None:
            initial = {field: getattr(topic, field) for field in policy.FIELDS}
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.topic = topic
        self.fields["hats"].choices = list(
            HatType.objects.order_by("name").values_list("slug", "name")
        )
        if topic is not None:
            del self.fields["slug"]
        self.order_fields(["name", "slug", "group", "interval", "custom_months"])

    def topic_fields(self) -> dict:
        """The cleaned values as the services take them."""
        data = {field: self.cleaned_data.get(field) for field in policy.FIELDS}
        data["group"] = data["group"] or ""
        data["description"] = data["description"] or ""
        return data


class ReasonForm(forms.Form):
    reason = reason_field()


class NeedForm(forms.Form):
    """Mark a topic as needed: triggered topics first, then every other topic."""

    topic = forms.ChoiceField(label=_("What do the people giving support need to learn?"))
    note = forms.CharField(
        label=_("Why (optional)"),
        help_text=_(
            "For example “Olive's profile now says dementia”. Everyone in the team and the "
            "circle's Team Starter and Coach can read it."
        ),
        max_length=needs.MAX_NOTE,
        required=False,
    )

    def __init__(self, *args, topics: list[Topic], marked: set[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        usual = [(t.slug, t.name) for t in topics if t.triggered and t.slug not in marked]
        other = [(t.slug, t.name) for t in topics if not t.triggered and t.slug not in marked]
        choices: list = [("", _("Choose a topic"))]
        if usual:
            choices.append((_("Usually marked for a person supported"), usual))
        if other:
            choices.append((_("Any other topic of the circle's policy"), other))
        self.fields["topic"].choices = choices
