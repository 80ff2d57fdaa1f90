"""Read queries for the people pages: the member directory and the privacy page.

Every list here is filtered by the privacy rule in the database (``annotate_visibility``,
``visible_section_q``, ``hidden_section_q``, ``viewer_counts``), so a page's query count stays
the same however many members, choices or views there are, and each query reads a page's worth
of people or a few indexes rather than every member (docs/decisions/0006). Rows handed to
templates carry only what the viewer may see.
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import Circle, CircleMembership, Hat
from coopcare.members.models import (
    DEFAULT_AUDIENCE,
    Audience,
    Membership,
    PrivacyChoice,
    Profile,
    Section,
)
from coopcare.members.privacy import (
    ALL_SECTIONS,
    Audiences,
    annotate_visibility,
    current_memberships,
    hidden_section_q,
    viewer_counts,
    visible_section_q,
)
from coopcare.members.selectors import active_membership_exists

User = get_user_model()

DIRECTORY_SECTIONS = [Section.NAME, Section.LOCATION, Section.MEMBERSHIP, Section.HATS]
# The named-people chooser lists circle-mates; beyond this many, people name others by email.
CANDIDATE_LIMIT = 50


def _listed_by_name(hidden: QuerySet, search: str) -> QuerySet:
    """Ids of current members with a profile whose name the viewer may see, by that name.

    It starts from profiles so the database can walk the name index in order and stop after a
    page; a per-row EXISTS keeps it walking (an IN list of members would make it sort them all).
    """
    current = current_memberships().filter(person=OuterRef("person"))
    profiles = Profile.objects.filter(Exists(current)).exclude(person__in=hidden)
    if search:
        profiles = profiles.filter(name__icontains=search)
    return profiles.order_by(Lower("name"), "person").values("person")


def _listed_last(hidden: QuerySet) -> QuerySet:
    """Current members with no name to show the viewer (hidden, or no profile yet), by id."""
    return (
        User.objects.filter(is_active=True)
        .filter(active_membership_exists())
        .filter(~Q(pk__in=Profile.objects.values("person")) | Q(pk__in=hidden))
        .order_by("pk")
    )


class MemberDirectory:
    """The member directory in display order, a page at a time (``Paginator`` takes it).

    People whose name the viewer may see come first, by name; everyone else (a hidden name, or
    no profile yet) comes last, by id, so their place says nothing about their name. Search
    matches visible names only. Sorting every member by the privacy rule would read them all for
    every page; instead cheap counts say where the names end, and one query fetches a page's
    rows from whichever part(s) it covers: the names part walks the name index and stops.
    """

    def __init__(self, viewer, search: str = "") -> None:
        self.viewer = viewer
        self.search = search
        self.hidden = User.objects.filter(hidden_section_q(viewer, Section.NAME)).values("pk")
        self._counts: tuple[int, int] | None = None

    def _count_parts(self) -> tuple[int, int]:
        """(everyone listed, people listed by name), counted from current memberships.

        Without a search that is two cheap counts, everyone and the few listed last, rather than
        one count that tests every member against the privacy rule.
        """
        if self._counts is None:
            memberships = current_memberships()
            if self.search:
                matching = Profile.objects.filter(name__icontains=self.search).values("person")
                by_name = _people_in(
                    memberships.filter(person__in=matching).exclude(person__in=self.hidden)
                )
                self._counts = (by_name, by_name)
            else:
                everyone = _people_in(memberships)
                last = _people_in(
                    memberships.filter(
                        ~Q(person__in=Profile.objects.values("person")) | Q(person__in=self.hidden)
                    )
                )
                self._counts = (everyone, everyone - last)
        return self._counts

    def count(self) -> int:
        return self._count_parts()[0]

    def __getitem__(self, page: slice) -> list:
        start, stop = page.start or 0, page.stop
        if stop is None or page.step is not None:
            raise TypeError("Take the directory a page at a time: directory[start:stop].")
        everyone, by_name = self._count_parts()
        stop = min(stop, everyone)
        if start >= stop:
            return []
        wanted = Q(pk__in=[])
        if start < min(stop, by_name):
            named = _listed_by_name(self.hidden, self.search)
            wanted |= Q(pk__in=named[start : min(stop, by_name)])
        if stop > max(start, by_name):
            last = _listed_last(self.hidden).values("pk")
            wanted |= Q(pk__in=last[max(start - by_name, 0) : stop - by_name])
        people = annotate_visibility(
            User.objects.filter(wanted).select_related("profile"), self.viewer, DIRECTORY_SECTIONS
        )
        # The database orders the rows by name; the names part keeps that order and the rest goes
        # back into id order here, so a hidden name never decides where anyone appears.
        rows = list(
            people.order_by(Lower("profile__name"), "pk").prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.active(),
                    to_attr="current_memberships",
                ),
                Prefetch(
                    "hats",
                    queryset=Hat.objects.current().select_related("hat_type", "circle"),
                    to_attr="current_hats",
                ),
            )
        )
        named_rows = [person for person in rows if _listed_by_name_row(person)]
        other_rows = [person for person in rows if not _listed_by_name_row(person)]
        return named_rows + sorted(other_rows, key=lambda person: person.pk)


def _people_in(memberships: QuerySet) -> int:
    return memberships.aggregate(n=Count("person", distinct=True))["n"]


def _listed_by_name_row(person) -> bool:
    """The row's own flag agrees with ``hidden_section_q``, which chose the page's people."""
    return person.can_see_name and getattr(person, "profile", None) is not None


def directory_members(viewer, search: str = "") -> MemberDirectory:
    """Current members as the viewer may see them, with ``can_see_<section>`` flags on each.

    Search matches only names the viewer may see. People whose name is hidden come last, in a
    fixed order that says nothing about their name.
    """
    return MemberDirectory(viewer, search)


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
    mates = CircleMembership.objects.filter(
        left_on__isnull=True,
        circle__in=CircleMembership.objects.filter(person=person, left_on__isnull=True).values(
            "circle"
        ),
    ).values("person")
    # Starting from the circle-mates (one IN list) keeps this to a few hundred rows at most.
    people = (
        User.objects.filter(is_active=True, pk__in=mates)
        .filter(active_membership_exists())
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
    others = viewer_counts(person, audiences)
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
