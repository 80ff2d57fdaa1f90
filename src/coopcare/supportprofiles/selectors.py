"""Read queries for support profiles, with what each page shows already fetched."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from coopcare.circles.models import Hat
from coopcare.supportprofiles.models import (
    GettingSupportProfile,
    GivingSupportProfile,
    KeyContact,
    ProfileSection,
)
from coopcare.teams.models import Representative, Team, TeamMember
from coopcare.teams.selectors import current_representatives, teams_of

User = get_user_model()

PROFILE_HOLDER_HAT = "profile-holder"
SUPPORTER_HATS = ("team-starter", "coach")


def wears_profile_holder_hat(user, team: Team | None) -> bool:
    if not getattr(user, "is_authenticated", False) or team is None:
        return False
    return (
        Hat.objects.current()
        .filter(holder=user, circle_id=team.circle_id, hat_type__slug=PROFILE_HOLDER_HAT)
        .exists()
    )


def getting_profile_of(team: Team) -> GettingSupportProfile:
    """The team's profile with its section rows and contacts; an unsaved empty one if none yet."""
    people = User.objects.select_related("profile")
    sections = ProfileSection.objects.select_related(
        "changed_by__profile",
        "changed_on_behalf_of__profile",
        "audience_chosen_by__profile",
        "audience_chosen_on_behalf_of__profile",
    ).prefetch_related(Prefetch("named_people", queryset=people))
    profile = (
        GettingSupportProfile.objects.filter(team=team)
        .prefetch_related(
            Prefetch("sections", queryset=sections),
            Prefetch("key_contacts", queryset=KeyContact.objects.order_by("name", "id")),
        )
        .first()
    )
    if profile is None:
        profile = GettingSupportProfile(team=team)
    profile.team = team  # the caller's copy, with its related rows already loaded
    return profile


def section_rows(profile: GettingSupportProfile) -> dict[str, ProfileSection]:
    """The stored rows by section (prefetched by ``getting_profile_of``)."""
    if profile.pk is None:
        return {}
    return {row.section: row for row in profile.sections.all()}


def key_contacts(profile: GettingSupportProfile) -> list[KeyContact]:
    return list(profile.key_contacts.all()) if profile.pk is not None else []


def audience_candidates(team: Team) -> list[tuple[int, str]]:
    """People the owner may name for a section: current team members (not the owner), people
    acting for the owner now, and the Team Starters and Coaches of the supporting circle."""
    members = TeamMember.objects.current().filter(team=team).values("person")
    reps = current_representatives(team).values("person")
    supporters = (
        Hat.objects.current()
        .filter(circle_id=team.local_circle_id, hat_type__slug__in=SUPPORTER_HATS)
        .values("holder")
    )
    people = (
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=members) | Q(pk__in=reps) | Q(pk__in=supporters))
        .exclude(pk=team.owner_id)
        .select_related("profile")
        .order_by("profile__name", "pk")
    )
    return [(person.pk, str(person)) for person in people]


def team_by_id(team_id: int) -> Team | None:
    return Team.objects.select_related("circle", "owner__profile").filter(pk=team_id).first()


def giving_profile_by_person(person_id: int) -> GivingSupportProfile | None:
    return (
        GivingSupportProfile.objects.select_related("person__profile")
        .prefetch_related("qualifications")
        .filter(person_id=person_id, person__is_active=True)
        .first()
    )


def shares_a_team(viewer, person) -> bool:
    """Both are in one open team now: as its owner, a current member, or acting for the owner."""
    if viewer.pk == person.pk:
        return True
    return teams_of(person).filter(pk__in=teams_of(viewer).values("pk")).exists()


def in_team_q(teams: QuerySet, person_field: str = "person") -> Q:
    """A Q over rows with a person: that person is in one of ``teams`` now (owner, current
    member, or acting for the owner) — the other side of ``shares_a_team``."""
    ref = OuterRef(person_field)
    return (
        Q(Exists(Team.objects.filter(owner=ref, pk__in=teams)))
        | Q(Exists(TeamMember.objects.current().filter(person=ref, team__in=teams)))
        | Q(Exists(_current_reps().filter(person=ref, team__in=teams)))
    )


def _current_reps() -> QuerySet:
    today = timezone.localdate()
    return Representative.objects.filter(
        ended_at__isnull=True, starts_on__lte=today, ends_on__gte=today
    )
