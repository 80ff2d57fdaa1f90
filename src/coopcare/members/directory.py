"""Read queries for the people pages: the member directory and the privacy page.

Every list here is filtered by the privacy rule in the database (``annotate_visibility``,
``visible_section_q``, ``viewers_q``), so a page's query count stays the same however many
members, choices or views there are. Rows handed to templates carry only what the viewer may see.
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import Circle, CircleMembership, Hat
from coopcare.members.models import (
    DEFAULT_AUDIENCE,
    Audience,
    Membership,
    PrivacyChoice,
    Section,
)
from coopcare.members.privacy import (
    ALL_SECTIONS,
    Audiences,
    annotate_visibility,
    viewers_q,
    visible_section_q,
)
from coopcare.members.selectors import active_members

User = get_user_model()

DIRECTORY_SECTIONS = [Section.NAME, Section.LOCATION, Section.MEMBERSHIP, Section.HATS]
# The named-people chooser lists circle-mates; beyond this many, people name others by email.
CANDIDATE_LIMIT = 50


def directory_members(viewer, search: str = "") -> QuerySet:
    """Current members, with ``can_see_<section>`` flags, ordered by the names the viewer sees.

    Search matches only names the viewer may see. People whose name is hidden come last, in a
    fixed order that says nothing about their name.
    """
    people = annotate_visibility(
        active_members().select_related("profile"), viewer, DIRECTORY_SECTIONS
    )
    if search:
        people = people.filter(can_see_name=True, profile__name__icontains=search)
    return (
        people.annotate(
            sort_name=Case(When(can_see_name=True, then=Lower("profile__name")), default=Value(""))
        )
        .order_by("-can_see_name", "sort_name", "pk")
        .prefetch_related(
            Prefetch(
                "memberships", queryset=Membership.objects.active(), to_attr="current_memberships"
            ),
            Prefetch(
                "hats",
                queryset=Hat.objects.current().select_related("hat_type", "circle"),
                to_attr="current_hats",
            ),
        )
    )


@dataclass
class DirectoryRow:
    """One directory line. ``None`` means the viewer may not see that part."""

    pk: int
    name: str | None
    pronouns: str | None
    postcode: str | None
    member_classes: list[str] | None
    hats: list[str] | None


def directory_rows(people: list) -> list[DirectoryRow]:
    """Copy only the visible parts of each person, so a template cannot show a hidden one."""
    rows = []
    for person in people:
        profile = getattr(person, "profile", None)
        rows.append(
            DirectoryRow(
                pk=person.pk,
                name=(profile.name if profile else "") if person.can_see_name else None,
                pronouns=(profile.pronouns if profile else "") if person.can_see_name else None,
                postcode=(profile.postcode if profile else "") if person.can_see_location else None,
                member_classes=(
                    [m.get_member_class_display() for m in person.current_memberships]
                    if person.can_see_membership
                    else None
                ),
                hats=(
                    [f"{h.hat_type.name} ({h.circle.name})" for h in person.current_hats]
                    if person.can_see_hats
                    else None
                ),
            )
        )
    return rows


def find_person_by_email(email: str):
    """An active account with this email address, or None (used to name someone)."""
    return User.objects.filter(email__iexact=email.strip(), is_active=True).first()


def named_people_candidates(person) -> list[tuple[int, str]]:
    """Members who share a circle with the person and whose name the person may see."""
    shares = CircleMembership.objects.filter(
        person=OuterRef("pk"),
        left_on__isnull=True,
        circle__in=CircleMembership.objects.filter(person=person, left_on__isnull=True).values(
            "circle"
        ),
    )
    people = (
        active_members()
        .filter(Exists(shares))
        .filter(visible_section_q(person, Section.NAME))
        .exclude(pk=person.pk)
        .select_related("profile")
        .order_by(Lower("profile__name"), "pk")[:CANDIDATE_LIMIT]
    )
    return [(p.pk, p.profile.name if hasattr(p, "profile") else str(p)) for p in people]


@dataclass
class SectionSummary:
    """One section of the privacy page: its audience now, who that is, and how often it was seen."""

    section: str
    label: str
    audience: str
    audience_label: str
    is_default: bool
    named_ids: list[int]
    others: int
    views: int
    named_labels: list[str] = field(default_factory=list)


def _sections_views_q(section: str) -> Q:
    # The sections list is JSON; matching its quoted value works on SQLite and PostgreSQL alike.
    return Q(detail__sections__icontains=f'"{section}"')


def reads_of(person) -> QuerySet:
    """Reads of the person's data by other people (the access log), most recent first."""
    return (
        AuditEvent.objects.reads_of(person)
        .exclude(actor=person)
        .select_related("actor__profile")
        .order_by("-at", "-id")
    )


def reads_of_section(person, section: str) -> QuerySet:
    return reads_of(person).filter(_sections_views_q(section))


def privacy_summary(person) -> dict[str, Any]:
    """Everything the privacy page shows about the person's choices, in a fixed few queries."""
    choices = {
        c.section: c
        for c in PrivacyChoice.objects.filter(person=person).prefetch_related(
            Prefetch("named_people", queryset=User.objects.only("pk"))
        )
    }
    audiences: Audiences = {}
    for section in ALL_SECTIONS:
        choice = choices.get(section)
        audiences[section] = (
            (choice.audience, [p.pk for p in choice.named_people.all()])
            if choice
            else (DEFAULT_AUDIENCE[section], [])
        )
    others = (
        User.objects.filter(is_active=True)
        .exclude(pk=person.pk)
        .aggregate(**{s: Count("pk", filter=viewers_q(person, s, audiences)) for s in ALL_SECTIONS})
    )
    views = reads_of(person).aggregate(
        **{s: Count("pk", filter=_sections_views_q(s)) for s in ALL_SECTIONS}
    )
    all_named = {pk for _audience, named in audiences.values() for pk in named}
    labels = named_labels(person, all_named)
    summaries = []
    for section in Section:
        audience, named = audiences[section.value]
        summaries.append(
            SectionSummary(
                section=section.value,
                label=str(section.label),
                audience=audience,
                audience_label=str(Audience(audience).label),
                is_default=section.value not in choices,
                named_ids=named,
                others=others[section.value],
                views=views[section.value],
                named_labels=[labels[pk] for pk in named if pk in labels],
            )
        )
    circles = list(
        Circle.objects.filter(memberships__person=person, memberships__left_on__isnull=True)
        .order_by("name")
        .values_list("name", flat=True)
    )
    return {"sections": summaries, "circles": circles, "labels": labels}


def named_labels(person, ids: set[int]) -> dict[int, str]:
    """How the person sees each named person: their name if shared with them, else a phrase."""
    if not ids:
        return {}
    people = annotate_visibility(
        User.objects.filter(pk__in=ids).select_related("profile"), person, [Section.NAME]
    )
    hidden = gettext("A person (name not shared with you)")
    return {
        p.pk: (p.profile.name if p.can_see_name and hasattr(p, "profile") else hidden)
        for p in people
    }
