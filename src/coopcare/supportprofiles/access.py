"""Who may see and change support profiles: the one audience rule, and fetch-with-permission.

Getting Support Profile. ``can_see_section`` is the one audience rule; pages, the API and any
export ask it (through ``visible_sections`` or the fetch helpers below). The owner side — the
owner, or someone acting for them now with the "manage_profile" scope — sees every section.
Otherwise a section is seen by its audience:

* "only me and people acting for me" — nobody else;
* "people I name" — the people named, while they can still see the team;
* "my team" — current team members and anyone acting for the owner now (any scope);
* "my team and its Team Starter or Coach" — those, and the Team Starter and Coach hat wearers of
  the local circle that supports the team.

Key contacts who have not agreed to be listed are shown to the owner side only. A person who
cannot see the team at all gets 404 for everything about its profile; someone who can see the
team gets 404 for a section outside its audience and 403 for a change they have no right to.

Giving Support Profile. ``can_see_giving_profile`` is its rule, ``giving_profiles_visible_to``
the same rule as a queryset (for lists and matching); tests check they agree.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.members.selectors import is_member
from coopcare.supportprofiles import selectors
from coopcare.supportprofiles.models import (
    GettingSupportProfile,
    GivingSupportProfile,
    KeyContact,
    ProfileSection,
    Qualification,
)
from coopcare.supportprofiles.sections import ALL_SECTIONS, DEFAULT_AUDIENCE, Audience, Section
from coopcare.teams.models import Scope, Team
from coopcare.teams.selectors import (
    current_representatives,
    is_current_member,
    supports_team,
    teams_of,
)

Audiences = dict[str, tuple[str, list[int]]]


@dataclass(frozen=True)
class Standing:
    """How one viewer stands towards one team, worked out once per request."""

    viewer_id: int | None
    is_owner: bool = False
    owner_side: bool = False  # the owner, or acting for them now with "manage_profile"
    acts_for_owner: bool = False  # the owner, or acting for them now in any scope
    in_team: bool = False  # a current member (the owner included) or acting for the owner
    supports: bool = False  # wears Team Starter or Coach in the supporting local circle

    @property
    def can_see_team(self) -> bool:
        return self.in_team or self.supports


def standing_of(user, team: Team) -> Standing:
    if not getattr(user, "is_authenticated", False):
        return Standing(viewer_id=None)
    is_owner = team.owner_id == user.pk
    reps = [] if is_owner else list(current_representatives(team).filter(person=user))
    manages = is_owner or any(Scope.MANAGE_PROFILE in (rep.scope or []) for rep in reps)
    acts = is_owner or bool(reps)
    return Standing(
        viewer_id=user.pk,
        is_owner=is_owner,
        owner_side=manages,
        acts_for_owner=acts,
        in_team=acts or is_current_member(user, team),
        supports=supports_team(user, team),
    )


def audiences_of(rows: dict[str, ProfileSection]) -> Audiences:
    """Each section's audience (the default where none is chosen) and the ids of people named."""
    result: Audiences = {}
    for section in ALL_SECTIONS:
        row = rows.get(section)
        if row is None or not row.audience:
            result[section] = (DEFAULT_AUDIENCE[section], [])
        else:
            result[section] = (row.audience, [p.pk for p in row.named_people.all()])
    return result


def _decide(standing: Standing, audience: str, named: list[int]) -> bool:
    if standing.owner_side:
        return True
    if audience == Audience.NAMED:
        # Someone named who has since left the team no longer sees it.
        return standing.viewer_id in named and standing.can_see_team
    if audience == Audience.TEAM:
        return standing.in_team
    if audience == Audience.TEAM_AND_SUPPORTERS:
        return standing.in_team or standing.supports
    return False


def can_see_section(
    viewer,
    team: Team,
    section: str,
    *,
    standing: Standing | None = None,
    audiences: Audiences | None = None,
) -> bool:
    """May ``viewer`` see this section of the team's Getting Support Profile? The one rule.

    Pass ``standing`` and ``audiences`` when asking about several sections in one request.
    """
    if section not in DEFAULT_AUDIENCE:
        return False
    standing = standing or standing_of(viewer, team)
    if audiences is None:
        audiences = audiences_of(selectors.section_rows(selectors.getting_profile_of(team)))
    return _decide(standing, *audiences[section])


def visible_sections(viewer, team: Team, *, standing: Standing, audiences: Audiences) -> list[str]:
    return [
        s
        for s in ALL_SECTIONS
        if can_see_section(viewer, team, s, standing=standing, audiences=audiences)
    ]


def can_see_contact(standing: Standing, contact: KeyContact) -> bool:
    """Within the key contacts section: a contact who has not agreed stays with the owner side."""
    return standing.owner_side or contact.agreed_to_be_listed


@dataclass
class TeamProfile:
    """A team's profile as one viewer may reach it: what the pages and the API work from."""

    team: Team
    standing: Standing
    profile: GettingSupportProfile
    rows: dict[str, ProfileSection]
    audiences: Audiences
    sections: list[str]  # the sections this viewer may see
    can_edit: bool  # may change the sections they can see
    can_choose_audiences: bool
    contacts: list[KeyContact] = field(default_factory=list)  # the ones this viewer may see


def get_team_profile_for(user, team_id: int) -> TeamProfile:
    """The team's profile for ``user``; 404 for anyone who cannot see the team."""
    team = selectors.team_by_id(team_id)
    if team is None or not user.has_perm("teams.view_team", team):
        raise Http404
    standing = standing_of(user, team)
    profile = selectors.getting_profile_of(team)
    rows = selectors.section_rows(profile)
    audiences = audiences_of(rows)
    sections = visible_sections(user, team, standing=standing, audiences=audiences)
    contacts = (
        [c for c in selectors.key_contacts(profile) if can_see_contact(standing, c)]
        if Section.KEY_CONTACTS in sections
        else []
    )
    return TeamProfile(
        team=team,
        standing=standing,
        profile=profile,
        rows=rows,
        audiences=audiences,
        sections=sections,
        can_edit=user.has_perm("supportprofiles.edit_getting_profile", team),
        can_choose_audiences=user.has_perm("teams.manage_profile", team),
        contacts=contacts,
    )


def get_section_for(user, team_id: int, section: str, action: str = "view") -> TeamProfile:
    """404 outside the section's audience; 403 for a change without the right."""
    access = get_team_profile_for(user, team_id)
    if section not in access.sections:
        raise Http404
    if action == "edit" and not access.can_edit:
        raise PermissionDenied
    return access


def require_audience_right(access: TeamProfile) -> None:
    """Only the owner, or someone acting for them with "manage_profile", chooses audiences."""
    if not access.can_choose_audiences:
        raise PermissionDenied


def get_contact_for(user, team_id: int, contact_id: int) -> tuple[TeamProfile, KeyContact]:
    """A key contact this person may change: 404 unless they can see it, 403 without the right."""
    access = get_section_for(user, team_id, Section.KEY_CONTACTS)
    contact = next((c for c in access.contacts if c.pk == contact_id), None)
    if contact is None:
        raise Http404
    if not access.can_edit:
        raise PermissionDenied
    return access, contact


# --- Giving Support Profile -------------------------------------------------------------------


def can_see_giving_profile(viewer, profile: GivingSupportProfile) -> bool:
    """Themself; anyone in a team with them; and every member if they are open to new owners."""
    if not getattr(viewer, "is_authenticated", False) or profile is None:
        return False
    if viewer.pk == profile.person_id:
        return True
    if profile.open_to_new_owners and is_member(viewer):
        return True
    return selectors.shares_a_team(viewer, profile.person)


def giving_profiles_visible_to(viewer) -> QuerySet:
    """``can_see_giving_profile`` as a queryset, for lists: one query, however many profiles."""
    profiles = GivingSupportProfile.objects.filter(person__is_active=True)
    if not getattr(viewer, "is_authenticated", False):
        return profiles.none()
    q = Q(person=viewer) | selectors.in_team_q(teams_of(viewer).values("pk"))
    if is_member(viewer):
        q |= Q(open_to_new_owners=True)
    return profiles.filter(q)


def get_giving_profile_for(user, person_id: int) -> GivingSupportProfile:
    profile = selectors.giving_profile_by_person(person_id)
    if profile is None or not user.has_perm("supportprofiles.view_giving_profile", profile):
        raise Http404
    return profile


def get_my_qualification(user, qualification_id: int) -> Qualification:
    """One of the person's own qualifications; anybody else's is 404."""
    qualification = (
        Qualification.objects.select_related("profile")
        .filter(pk=qualification_id, profile__person=user)
        .first()
    )
    if qualification is None:
        raise Http404
    return qualification
