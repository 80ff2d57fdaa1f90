"""Who may see which section of a person's data.

There is one rule, written twice on purpose: ``can_see_section`` answers it for one person
(pages, API detail, exports), and ``visible_section_q`` answers it as a query for many people at
once (lists), so a list never calls a predicate per row. ``tests/members/test_privacy_rules.py``
checks that the two always agree.

Relationships, from closest to widest, and the audiences each one opens:

* the person themself — every section;
* someone the person named — sections whose audience is "people I name";
* a team-mate — "my team(s)", "my circle", "all members" (Teams arrive with the Teams issue;
  until then nobody is anybody's team-mate);
* someone in a circle with the person — "my circle", "all members";
* any current member — "all members".
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from coopcare.circles.models import CircleMembership
from coopcare.members.models import DEFAULT_AUDIENCE, Audience, PrivacyChoice, Section
from coopcare.members.selectors import is_member

User = get_user_model()

TEAM_AUDIENCES = (Audience.TEAMS, Audience.CIRCLE, Audience.MEMBERS)
CIRCLE_AUDIENCES = (Audience.CIRCLE, Audience.MEMBERS)
MEMBER_AUDIENCES = (Audience.MEMBERS,)


def audience_of(person, section: str) -> tuple[str, list[int]]:
    """The person's chosen audience for a section, and the ids of people named."""
    choice = (
        PrivacyChoice.objects.filter(person=person, section=section)
        .prefetch_related("named_people")
        .first()
    )
    if choice is None:
        return DEFAULT_AUDIENCE[section], []
    return choice.audience, [p.pk for p in choice.named_people.all()]


def _current_circle_ids(person) -> QuerySet:
    return CircleMembership.objects.filter(person=person, left_on__isnull=True).values("circle")


def shares_circle(viewer, person) -> bool:
    return CircleMembership.objects.filter(
        person=person, left_on__isnull=True, circle__in=_current_circle_ids(viewer)
    ).exists()


def shares_team(viewer, person) -> bool:
    # Teams arrive with the Teams issue, which replaces this with real team membership.
    return False


def can_see_section(viewer, person, section: str) -> bool:
    if not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.pk == person.pk:
        return True
    audience, named = audience_of(person, section)
    if audience == Audience.ONLY_ME:
        return False
    if audience == Audience.NAMED:
        return viewer.pk in named
    if not is_member(viewer):
        return False
    if audience == Audience.MEMBERS:
        return True
    if shares_team(viewer, person):
        return audience in TEAM_AUDIENCES
    if audience == Audience.CIRCLE:
        return shares_circle(viewer, person)
    return False


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
        return Q(pk__in=[])
    q = Q(pk=viewer.pk)
    named = PrivacyChoice.objects.filter(
        person=OuterRef("pk"), section=section, audience=Audience.NAMED, named_people=viewer
    )
    q |= Q(Exists(named))
    if is_member(viewer):
        q |= _audience_in(section, MEMBER_AUDIENCES)
        in_my_circles = Exists(
            CircleMembership.objects.filter(
                person=OuterRef("pk"), left_on__isnull=True,
                circle__in=_current_circle_ids(viewer),
            )
        )
        q |= Q(in_my_circles) & _audience_in(section, CIRCLE_AUDIENCES)
    return q


def annotate_visibility(queryset: QuerySet, viewer, sections: list[str]) -> QuerySet:
    """Add ``can_see_<section>`` booleans to a queryset of people, in the same single query."""
    from django.db.models import BooleanField, ExpressionWrapper  # noqa: PLC0415

    return queryset.annotate(
        **{
            f"can_see_{section}": ExpressionWrapper(
                visible_section_q(viewer, section), output_field=BooleanField()
            )
            for section in sections
        }
    )


ALL_SECTIONS = [s.value for s in Section]
