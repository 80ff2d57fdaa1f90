"""Who may see which section of a person's data.

There is one rule, written several ways on purpose: ``can_see_section`` answers it for one
viewer and one person (pages, API detail, exports); ``visible_section_q`` answers it as a query
over many people for one viewer (lists), so a list never calls a predicate per row, and
``hidden_section_q`` is its exact complement, shaped so a large list can start from the few
people who chose a narrower audience; ``viewers_q`` answers it as a query over many viewers for
one person ("who can see this now"), and ``viewer_counts`` counts those viewers from a few cheap
counts instead of asking the rule about every account. Change one, change them all:
``tests/members/test_privacy_rules.py`` checks that they always agree.

Relationships, from closest to widest, and the audiences each one opens:

* the person themself — every section;
* someone the person named — sections whose audience is "people I name" (named people need not
  be members: a person may name an applicant they are getting to know);
* a team-mate (the owner, a current member, or someone acting for the owner today, in a team
  the person is in) — "my team(s)", "my circle", "all members", whether or not the team-mate is
  a co-op member: family and representatives need to know who is in their team;
* a current member in a circle with the person — "my circle", "all members";
* any current member — "all members".
"""

from collections.abc import Callable
from functools import cache

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)

from coopcare.circles.models import CircleMembership
from coopcare.members.models import (
    DEFAULT_AUDIENCE,
    Audience,
    Membership,
    PrivacyChoice,
    Section,
)
from coopcare.members.selectors import active_membership_exists, is_member

User = get_user_model()

ALL_SECTIONS = [s.value for s in Section]
TEAM_AUDIENCES = (Audience.TEAMS, Audience.CIRCLE, Audience.MEMBERS)
CIRCLE_AUDIENCES = (Audience.CIRCLE, Audience.MEMBERS)
MEMBER_AUDIENCES = (Audience.MEMBERS,)

Audiences = dict[str, tuple[str, list[int]]]


def audience_of(person, section: str) -> tuple[str, list[int]]:
    """The person's chosen audience for a section, and the ids of people named."""
    choice = (
        PrivacyChoice.objects.filter(person=person, section=section)
        .prefetch_related(Prefetch("named_people", queryset=User.objects.only("pk")))
        .first()
    )
    if choice is None:
        return DEFAULT_AUDIENCE[section], []
    return choice.audience, [p.pk for p in choice.named_people.all()]


def audiences_of(person) -> Audiences:
    """Every section's audience and named ids for one person, in two queries."""
    result: Audiences = {s: (DEFAULT_AUDIENCE[s], []) for s in ALL_SECTIONS}
    choices = PrivacyChoice.objects.filter(person=person).prefetch_related(
        Prefetch("named_people", queryset=User.objects.only("pk"))
    )
    for choice in choices:
        result[choice.section] = (choice.audience, [p.pk for p in choice.named_people.all()])
    return result


def _current_circle_ids(person) -> QuerySet:
    return CircleMembership.objects.filter(person=person, left_on__isnull=True).values("circle")


def shares_circle(viewer, person) -> bool:
    return CircleMembership.objects.filter(
        person=person, left_on__isnull=True, circle__in=_current_circle_ids(viewer)
    ).exists()


def _team_mates_q(person) -> Q:
    from coopcare.teams.selectors import team_mates_q  # noqa: PLC0415  (teams imports members)

    return team_mates_q(person)


def _team_mate_ids(person) -> QuerySet:
    return User.objects.filter(_team_mates_q(person)).values("pk")


def shares_team(viewer, person) -> bool:
    return User.objects.filter(_team_mates_q(viewer), pk=person.pk).exists()


def _decide(
    viewer,
    person,
    audience: str,
    named: list[int],
    in_circle: Callable[[], bool],
    in_team: Callable[[], bool] | None = None,
) -> bool:
    """The rule for a signed-in viewer who is not the person. ``in_circle`` and ``in_team`` are
    asked lazily."""
    if audience == Audience.ONLY_ME:
        return False
    if audience == Audience.NAMED:
        return viewer.pk in named
    # Team-mates come before the membership test: a relative or representative in the team
    # need not be a co-op member to know who else is in it.
    in_team = in_team or (lambda: shares_team(viewer, person))
    if audience in TEAM_AUDIENCES and in_team():
        return True
    if not is_member(viewer):
        return False
    if audience == Audience.MEMBERS:
        return True
    if audience == Audience.CIRCLE:
        return in_circle()
    return False


def can_see_section(viewer, person, section: str) -> bool:
    if not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.pk == person.pk:
        return True
    audience, named = audience_of(person, section)
    return _decide(viewer, person, audience, named, lambda: shares_circle(viewer, person))


def visible_sections(viewer, person) -> list[str]:
    """The sections of ``person`` that ``viewer`` may see: ``can_see_section`` for them all,
    with the person's choices and the shared-circle question each looked up once."""
    if not getattr(viewer, "is_authenticated", False):
        return []
    if viewer.pk == person.pk:
        return list(ALL_SECTIONS)
    audiences = audiences_of(person)
    in_circle = cache(lambda: shares_circle(viewer, person))
    in_team = cache(lambda: shares_team(viewer, person))
    return [
        section
        for section in ALL_SECTIONS
        if _decide(viewer, person, *audiences[section], in_circle, in_team)
    ]


def _audience_in(section: str, audiences: tuple[str, ...]) -> Q:
    """People whose audience for ``section`` is one of ``audiences`` (default included)."""
    chosen = PrivacyChoice.objects.filter(person=OuterRef("pk"), section=section)
    q = Q(Exists(chosen.filter(audience__in=audiences)))
    if DEFAULT_AUDIENCE[section] in audiences:
        q |= ~Q(Exists(chosen))
    return q


def visible_section_q(viewer, section: str) -> Q:
    """A Q over people: those whose ``section`` the viewer may see."""
    if not getattr(viewer, "is_authenticated", False):
        # Matches nobody. Not ``pk__in=[]``: annotated, that becomes the integer 0 on PostgreSQL.
        return Q(pk__isnull=True)
    q = Q(pk=viewer.pk)
    named = PrivacyChoice.objects.filter(
        person=OuterRef("pk"), section=section, audience=Audience.NAMED, named_people=viewer
    )
    q |= Q(Exists(named))
    q |= _team_mates_q(viewer) & _audience_in(section, TEAM_AUDIENCES)
    if is_member(viewer):
        q |= _audience_in(section, MEMBER_AUDIENCES)
        in_my_circles = Exists(
            CircleMembership.objects.filter(
                person=OuterRef("pk"),
                left_on__isnull=True,
                circle__in=_current_circle_ids(viewer),
            )
        )
        q |= Q(in_my_circles) & _audience_in(section, CIRCLE_AUDIENCES)
    return q


def hidden_section_q(viewer, section: str) -> Q:
    """A Q over people: those whose ``section`` the viewer may not see (``~visible_section_q``).

    When the section's default audience is all members and the viewer is a member, only people
    who chose a narrower audience can be hidden from them, and of those the viewer still sees
    their own, those naming them, and circle-mates who chose "my circle". Written that way it
    is a short list of choices the database reads from indexes, not a test of every member.
    """
    if not (DEFAULT_AUDIENCE[section] == Audience.MEMBERS and is_member(viewer)):
        return ~visible_section_q(viewer, section)
    names_viewer = PrivacyChoice.named_people.through.objects.filter(user_id=viewer.pk)
    circle_mates = CircleMembership.objects.filter(
        left_on__isnull=True, circle__in=_current_circle_ids(viewer)
    )
    narrower = (
        PrivacyChoice.objects.filter(section=section)
        .exclude(audience=Audience.MEMBERS)
        .exclude(person=viewer.pk)
        .exclude(audience=Audience.NAMED, pk__in=names_viewer.values("privacychoice_id"))
        .exclude(audience=Audience.CIRCLE, person__in=circle_mates.values("person"))
        .exclude(audience__in=(Audience.TEAMS, Audience.CIRCLE), person__in=_team_mate_ids(viewer))
    )
    return Q(pk__in=narrower.values("person"))


def current_memberships() -> QuerySet:
    """Current memberships of open accounts: ``Count("person", distinct=True)`` over them is the
    number of current members, read from indexes alone (closed accounts are few)."""
    closed = User.objects.filter(is_active=False).values("pk")
    return Membership.objects.active().exclude(person__in=closed)


def viewers_q(person, section: str, audiences: Audiences | None = None) -> Q:
    """A Q over people: those who may see ``person``'s ``section`` (the person included).

    Pass ``audiences`` (from ``audiences_of``) to build several sections' Qs from one lookup.
    Only signed-in people can see anything, so callers count active accounts only.
    """
    audience, named = (audiences or {}).get(section) or audience_of(person, section)
    q = Q(pk=person.pk)
    if audience == Audience.NAMED:
        return q | Q(pk__in=named)
    if audience in TEAM_AUDIENCES:
        q |= _team_mates_q(person)
    if audience == Audience.MEMBERS:
        return q | Q(active_membership_exists())
    if audience == Audience.CIRCLE:
        shares = CircleMembership.objects.filter(
            person=OuterRef("pk"), left_on__isnull=True, circle__in=_current_circle_ids(person)
        )
        return q | (Q(active_membership_exists()) & Q(Exists(shares)))
    return q


def annotate_visibility(queryset: QuerySet, viewer, sections: list[str]) -> QuerySet:
    """Add ``can_see_<section>`` booleans to a queryset of people, in the same single query."""
    return queryset.annotate(
        **{
            f"can_see_{section}": ExpressionWrapper(
                visible_section_q(viewer, section), output_field=BooleanField()
            )
            for section in sections
        }
    )


def viewer_counts(person, audiences: Audiences | None = None) -> dict[str, int]:
    """For each section, how many open accounts other than ``person`` may see it now.

    The same answer as counting ``viewers_q`` over every open account, from a few small queries:
    all members is one count, "my circle" counts the current members of the person's circles,
    and named people are the named list itself.
    """
    audiences = audiences or audiences_of(person)
    mates = CircleMembership.objects.filter(
        left_on__isnull=True, circle__in=_current_circle_ids(person)
    ).values("person")
    others = current_memberships().exclude(person=person.pk)
    # Two queries, not one with a filtered count: the circle count then starts from the few
    # circle-mates instead of testing every membership against them.
    members = others.aggregate(n=Count("person", distinct=True))["n"]
    circle = others.filter(person__in=mates).aggregate(n=Count("person", distinct=True))["n"]
    named = {pk for audience, ids in audiences.values() if audience == Audience.NAMED for pk in ids}
    named.discard(person.pk)
    open_named = (
        set(User.objects.filter(pk__in=named, is_active=True).values_list("pk", flat=True))
        if named
        else set()
    )
    # Team-mates are few (a team is small): fetch them, then add those the wider counts missed.
    team = set(
        User.objects.filter(_team_mates_q(person), is_active=True)
        .exclude(pk=person.pk)
        .values_list("pk", flat=True)
    )
    team_members = set(others.filter(person__in=team).values_list("person", flat=True))
    team_in_circle = set(
        others.filter(person__in=team).filter(person__in=mates).values_list("person", flat=True)
    )
    result = {}
    for section, (audience, ids) in audiences.items():
        if audience == Audience.NAMED:
            result[section] = len(open_named.intersection(ids))
        elif audience == Audience.MEMBERS:
            result[section] = members + len(team - team_members)
        elif audience == Audience.CIRCLE:
            result[section] = circle + len(team - team_in_circle)
        elif audience == Audience.TEAMS:
            result[section] = len(team)
        else:
            result[section] = 0
    return result
