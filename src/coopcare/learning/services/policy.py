"""Changing a circle's learning policy: adding, changing, retiring and restoring topics.

Policy changes are decisions of the circle. Until the Circles issue routes them through a consent
round, the Coach or Learning Lead of the circle records each one with the reason the circle gave;
every change leaves a ``PolicyChange`` row (what changed, before and after) and an audit event,
in the same transaction.

A topic's slug never changes once made: people's learning records are kept by slug, so renaming
a topic keeps everyone's learning. Expiry is computed from the policy in force, so changing an
interval moves every expiry at once; nothing is rewritten.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coopcare.audit.services import record as audit
from coopcare.circles.models import Circle, HatType
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import Interval, Policy, PolicyChange, Topic
from coopcare.learning.requirements import GIVING_KINDS, policy_for
from coopcare.starting.models import SupportKind

MAX_NAME = 150
MAX_GROUP = 60
MAX_SLUG = 80
MAX_DESCRIPTION = 2000
MAX_REASON = 2000
MIN_MONTHS, MAX_MONTHS = 1, 120
# The fields a circle may change. ``slug`` is not among them: records are kept by it.
FIELDS = (
    "name",
    "group",
    "interval",
    "custom_months",
    "member_kinds",
    "hats",
    "support_kinds",
    "triggered",
    "observed",
    "description",
)


def check_may_change(actor, circle: Circle) -> None:
    if actor is None or not actor.has_perm("learning.change_policy", circle):
        raise NotAllowed(
            _("Only the Coach or the Learning Lead of this circle records changes to its policy.")
        )


def clean_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Say why: policy changes are decisions of the circle, and the reason is kept."),
            field="reason",
        )
    if len(reason) > MAX_REASON:
        raise DomainError(_("Keep the reason to 2,000 characters."), field="reason")
    return reason


def _clean_text(value: Any, field: str, limit: int, label: str) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("%(label)s must be text.") % {"label": label}, field=field)
    value = value.strip()
    if len(value) > limit:
        raise DomainError(
            _("Keep %(label)s to %(limit)s characters.") % {"label": label, "limit": limit},
            field=field,
        )
    return value


def _clean_choices(values: Any, known: set[str], field: str, what: str) -> list[str]:
    """A list of known values, each once, in the order given."""
    if values is None:
        return []
    if isinstance(values, str) or not isinstance(values, list | tuple):
        raise DomainError(_("Give %(what)s as a list.") % {"what": what}, field=field)
    out: list[str] = []
    for value in values:
        if not isinstance(value, str) or value not in known:
            raise DomainError(
                _("“%(value)s” is not one of the %(what)s this co-op knows.")
                % {"value": value, "what": what},
                field=field,
            )
        if value not in out:
            out.append(value)
    return out


def clean_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Check and tidy a topic's fields (all of ``FIELDS``). Raises ``DomainError``."""
    name = _clean_text(data.get("name"), "name", MAX_NAME, _("the name"))
    if not name:
        raise DomainError(_("Give the topic a name."), field="name")
    interval = data.get("interval")
    if interval not in Interval.values:
        raise DomainError(
            _("Choose how often: every year, every three years, once, or every so many months."),
            field="interval",
        )
    months = data.get("custom_months")
    if interval == Interval.CUSTOM:
        if isinstance(months, bool) or not isinstance(months, int):
            raise DomainError(_("Say how many months between refreshes."), field="custom_months")
        if not MIN_MONTHS <= months <= MAX_MONTHS:
            raise DomainError(
                _("Choose between 1 and 120 months between refreshes."), field="custom_months"
            )
    elif months is not None:
        raise DomainError(
            _("Months between refreshes are only for “every so many months”: leave them empty."),
            field="custom_months",
        )
    hats = data.get("hats") or []
    known_hats = set(
        HatType.objects.filter(
            slug__in=[h for h in hats if isinstance(h, str)] if isinstance(hats, list) else []
        ).values_list("slug", flat=True)
    )
    return {
        "name": name,
        "group": _clean_text(data.get("group"), "group", MAX_GROUP, _("the group")),
        "interval": interval,
        "custom_months": months if interval == Interval.CUSTOM else None,
        "member_kinds": _clean_choices(
            data.get("member_kinds"), set(GIVING_KINDS), "member_kinds", _("ways of taking part")
        ),
        "hats": _clean_choices(data.get("hats"), known_hats, "hats", _("hats")),
        "support_kinds": _clean_choices(
            data.get("support_kinds"),
            set(SupportKind.values),
            "support_kinds",
            _("kinds of support"),
        ),
        "triggered": bool(data.get("triggered")),
        "observed": bool(data.get("observed")),
        "description": _clean_text(
            data.get("description"), "description", MAX_DESCRIPTION, _("what it covers")
        ),
    }


def _free_slug(policy: Policy, wanted: str | None, name: str) -> str:
    taken = set(policy.topics.values_list("slug", flat=True))
    if wanted:
        slug = wanted.strip()
        if slugify(slug) != slug or len(slug) > MAX_SLUG:
            raise DomainError(
                _("Use only small letters, numbers and hyphens in the short name (at most 80)."),
                field="slug",
            )
        if slug in taken:
            raise DomainError(
                _("Another topic of this policy (perhaps a retired one) has this short name."),
                field="slug",
            )
        return slug
    base = slugify(name)[:MAX_SLUG].strip("-") or "topic"
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug, n = base[: MAX_SLUG - len(suffix)] + suffix, n + 1
    return slug


def _log(actor, policy: Policy, topic: Topic, action: str, changes: dict, reason: str, request):
    """The PolicyChange row, the audit event, and the policy's ``updated_at``."""
    now = timezone.now()
    change = PolicyChange.objects.create(
        policy=policy,
        topic=topic,
        action=action,
        changes=changes,
        reason=reason,
        changed_by=actor,
        changed_at=now,
    )
    Policy.objects.filter(pk=policy.pk).update(updated_at=now)
    policy.updated_at = now
    audit(
        f"learning.policy_{action}",
        actor=actor,
        target=topic,
        request=request,
        changes=changes,
        detail={
            "circle": policy.circle_id,
            "topic": topic.slug,
            "policy_change": change.pk,
            "reason": reason,
        },
    )
    return change


def _values(topic: Topic) -> dict[str, Any]:
    return {field: getattr(topic, field) for field in FIELDS}


@transaction.atomic
def add_topic(
    actor,
    circle: Circle,
    *,
    name: str,
    slug: str | None = None,
    group: str = "",
    interval: str = Interval.YEARLY,
    custom_months: int | None = None,
    member_kinds=(),
    hats=(),
    support_kinds=(),
    triggered: bool = False,
    observed: bool = False,
    description: str = "",
    reason: str = "",
    request=None,
) -> Topic:
    """Add a topic to ``circle``'s policy. Its short name (slug) is made from the name unless
    given, and never changes afterwards."""
    check_may_change(actor, circle)
    fields = clean_fields(
        {
            "name": name,
            "group": group,
            "interval": interval,
            "custom_months": custom_months,
            "member_kinds": list(member_kinds or []),
            "hats": list(hats or []),
            "support_kinds": list(support_kinds or []),
            "triggered": triggered,
            "observed": observed,
            "description": description,
        }
    )
    reason = clean_reason(reason)
    policy = Policy.objects.select_for_update(of=("self",)).get(pk=policy_for(circle).pk)
    slug = _free_slug(policy, slug, fields["name"])
    order = (policy.topics.aggregate(last=Max("order"))["last"] or 0) + 1
    try:
        with transaction.atomic():
            topic = Topic.objects.create(policy=policy, slug=slug, order=order, **fields)
    except IntegrityError as error:  # two people adding the same short name at once
        raise DomainError(
            _("Another topic of this policy already has this short name."), field="slug"
        ) from error
    changes = {"slug": [None, slug], **{k: [None, v] for k, v in fields.items()}}
    _log(actor, policy, topic, "added", changes, reason, request)
    return topic


@transaction.atomic
def change_topic(actor, topic: Topic, reason: str, request=None, **fields: Any) -> Topic:
    """Change some of a topic's ``FIELDS``. Only what differs is recorded; the slug stays."""
    policy = topic.policy
    check_may_change(actor, policy.circle)
    unknown = set(fields) - set(FIELDS)
    if unknown:
        if "slug" in unknown:
            raise DomainError(
                _("The short name never changes: people's records are kept by it."), field="slug"
            )
        raise DomainError(_("These cannot be changed: %s.") % ", ".join(sorted(unknown)))
    topic = Topic.objects.select_for_update(of=("self",)).get(pk=topic.pk)
    before = _values(topic)
    wanted = {**before, **fields}
    # Moving away from "every so many months" drops the months unless they were sent too.
    if "interval" in fields and "custom_months" not in fields and wanted["interval"] != "custom":
        wanted["custom_months"] = None
    after = clean_fields(wanted)
    reason = clean_reason(reason)
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if not changes:
        raise DomainError(_("Nothing is different from the topic as it is: nothing was changed."))
    for field, value in after.items():
        setattr(topic, field, value)
    topic.save(update_fields=list(changes))
    _log(actor, policy, topic, "changed", changes, reason, request)
    return topic


@transaction.atomic
def retire_topic(actor, topic: Topic, reason: str, request=None) -> Topic:
    """Stop requiring a topic. Nothing is deleted: records keep counting wherever else the
    topic is required, and the circle may bring it back."""
    check_may_change(actor, topic.policy.circle)
    reason = clean_reason(reason)
    topic = Topic.objects.select_for_update(of=("self",)).select_related("policy").get(pk=topic.pk)
    if topic.retired_at is not None:
        raise DomainError(_("This topic is already retired."))
    topic.retired_at = timezone.now()
    topic.save(update_fields=["retired_at"])
    changes = {"retired_at": [None, topic.retired_at.isoformat()]}
    _log(actor, topic.policy, topic, "retired", changes, reason, request)
    return topic


@transaction.atomic
def restore_topic(actor, topic: Topic, reason: str, request=None) -> Topic:
    """Bring a retired topic back, as it was when it was retired."""
    check_may_change(actor, topic.policy.circle)
    reason = clean_reason(reason)
    topic = Topic.objects.select_for_update(of=("self",)).select_related("policy").get(pk=topic.pk)
    if topic.retired_at is None:
        raise DomainError(_("This topic is not retired: it is already part of the policy."))
    changes = {"retired_at": [topic.retired_at.isoformat(), None]}
    topic.retired_at = None
    topic.save(update_fields=["retired_at"])
    _log(actor, topic.policy, topic, "restored", changes, reason, request)
    return topic


# --- Reading the policy (shared by the pages and the API) ---------------------------------------


def how_often(topic: Topic) -> str:
    """The interval in plain words: "every year", "once", "every 18 months"."""
    if topic.interval == Interval.YEARLY:
        return _("every year")
    if topic.interval == Interval.THREE_YEARLY:
        return _("every three years")
    if topic.interval == Interval.ONCE:
        return _("once")
    months = topic.custom_months or 0
    if months and months % 12 == 0:
        years = months // 12
        return _("every year") if years == 1 else _("every %(n)s years") % {"n": years}
    return _("every month") if months == 1 else _("every %(n)s months") % {"n": months}


def hat_names(topics) -> dict[str, str]:
    """{hat type slug: name} for every hat the topics name, in one query."""
    slugs = {slug for topic in topics for slug in topic.hats}
    if not slugs:
        return {}
    return dict(HatType.objects.filter(slug__in=slugs).values_list("slug", "name"))


def required_of(topic: Topic, hats: dict[str, str]) -> list[str]:
    """Whom the topic is required of, in plain words, one line per condition (all must hold)."""
    from coopcare.starting.models import kind_labels
    from coopcare.teams.models import MemberKind

    kinds = dict(MemberKind.choices)
    lines = []
    if topic.member_kinds:
        lines.append(
            _("People taking part as: %(kinds)s")
            % {"kinds": _(" or ").join(str(kinds.get(k, k)) for k in topic.member_kinds)}
        )
    if topic.hats:
        lines.append(
            _("People wearing the hat: %(hats)s")
            % {"hats": _(" or ").join(hats.get(h, h) for h in topic.hats)}
        )
    if topic.support_kinds:
        lines.append(
            _("People giving: %(kinds)s")
            % {"kinds": _(" or ").join(kind_labels(topic.support_kinds)).lower()}
        )
    if not lines:
        lines.append(_("Everyone who gives support in the circle's teams"))
    if topic.triggered:
        lines.append(_("Only in a team whose person supported needs it"))
    return lines


def grouped(topics: list[Topic]) -> list[tuple[str, list[Topic]]]:
    """Topics by group, groups in the order their first topic comes."""
    groups: dict[str, list[Topic]] = {}
    for topic in topics:
        groups.setdefault(topic.group or _("Other topics"), []).append(topic)
    return list(groups.items())


def retired_topics(policy: Policy) -> list[Topic]:
    return list(policy.topics.filter(retired_at__isnull=False).order_by("-retired_at", "id"))


LABELS = {
    "slug": _("Short name"),
    "name": _("Name"),
    "group": _("Group"),
    "interval": _("How often"),
    "custom_months": _("Months between refreshes"),
    "member_kinds": _("Required of people taking part as"),
    "hats": _("Required of people wearing"),
    "support_kinds": _("Required for giving"),
    "triggered": _("Only when a person supported needs it"),
    "observed": _("Competence must be observed"),
    "description": _("What it covers"),
    "retired_at": _("Retired"),
}


def _shown(field: str, value: Any, hats: dict[str, str]) -> str:
    from coopcare.starting.models import kind_labels
    from coopcare.teams.models import MemberKind

    if value in (None, "", []):
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field == "interval":
        return str(dict(Interval.choices).get(value, value))
    if field == "member_kinds":
        kinds = dict(MemberKind.choices)
        return ", ".join(str(kinds.get(v, v)) for v in value)
    if field == "hats":
        return ", ".join(hats.get(v, v) for v in value)
    if field == "support_kinds":
        return ", ".join(kind_labels(value))
    if field == "retired_at":
        return _("yes")
    return str(value)


def change_lines(change: PolicyChange, hats: dict[str, str]) -> list[tuple[str, str, str]]:
    """(what, before, after) in plain words for each field a change touched."""
    return [
        (str(LABELS.get(field, field)), _shown(field, before, hats), _shown(field, after, hats))
        for field, (before, after) in change.changes.items()
    ]


def hats_in_changes(changes) -> dict[str, str]:
    slugs = {
        slug
        for change in changes
        for values in [change.changes.get("hats") or []]
        for side in values
        for slug in side or []
    }
    if not slugs:
        return {}
    return dict(HatType.objects.filter(slug__in=slugs).values_list("slug", "name"))


def visible_names(viewer, people_ids) -> set[int]:
    """Which of these people's names ``viewer`` may see, in one query."""
    from django.contrib.auth import get_user_model

    from coopcare.members.models import Section
    from coopcare.members.privacy import annotate_visibility

    ids = {pk for pk in people_ids if pk}
    if not ids:
        return set()
    people = annotate_visibility(
        get_user_model().objects.filter(pk__in=ids), viewer, [Section.NAME]
    )
    return set(people.filter(can_see_name=True).values_list("pk", flat=True))
