"""The one predicate library. Every view, API endpoint and export asks these rules.

Predicates are built with ``rules`` so they combine (``is_member & ~is_self``) and can be checked
as Django permissions (``user.has_perm("members.decide_application", application)``). Each app's
``access.py`` wraps them into fetch-with-permission helpers that raise 404 for people outside an
object's audience and 403 for people inside it without the right.
"""

import rules

from coopcare.members.selectors import is_member as _is_member

ADMITTING_HAT = "admissions"


@rules.predicate
def is_member(user) -> bool:
    return _is_member(user)


@rules.predicate
def is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


@rules.predicate
def wears_admitting_hat(user) -> bool:
    """Holds the hat that admits members (the Purpose Circle appoints members, playbook §2.4)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_coopcare_admits", None)
    if cached is None:
        from coopcare.circles.models import Hat

        cached = Hat.objects.current().filter(holder=user, hat_type__slug=ADMITTING_HAT).exists()
        user._coopcare_admits = cached
    return cached


@rules.predicate
def is_self(user, person) -> bool:
    return person is not None and user.pk == person.pk


@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and application.applicant_id == user.pk


@rules.predicate
def is_active_member_person(user, person) -> bool:
    return person is not None and _is_member(person)


can_admit = is_member & wears_admitting_hat


# --- Teams --------------------------------------------------------------------------------------


def _team_of(obj):
    """Team rules take a Team or anything with a ``team`` attribute."""
    return getattr(obj, "team", obj) if obj is not None else None


@rules.predicate
def is_team_member(user, obj) -> bool:
    from coopcare.teams.selectors import is_current_member  # noqa: PLC0415

    return is_current_member(user, _team_of(obj))


@rules.predicate
def acts_for_team_owner(user, obj) -> bool:
    from coopcare.teams.selectors import acts_for_owner  # noqa: PLC0415

    return acts_for_owner(user, _team_of(obj))


@rules.predicate
def supports_team(user, obj) -> bool:
    from coopcare.teams.selectors import supports_team as _supports  # noqa: PLC0415

    return _supports(user, _team_of(obj))


def acts_for_team_owner_in(scope: str):
    """A predicate: the owner, or someone acting for them now with this scope."""

    @rules.predicate(name=f"acts_for_team_owner_in_{scope}")
    def predicate(user, obj) -> bool:
        from coopcare.teams.selectors import acts_for_owner  # noqa: PLC0415

        return acts_for_owner(user, _team_of(obj), scope)

    return predicate

rules.add_perm("members.view_directory", is_member)
rules.add_perm("members.view_person", is_self | (is_member & is_active_member_person))
rules.add_perm("members.list_applications", can_admit)
rules.add_perm("members.view_application", is_applicant | can_admit)
rules.add_perm("members.decide_application", can_admit & ~is_applicant)
rules.add_perm("members.withdraw_application", is_applicant)
rules.add_perm("members.end_membership", is_superuser | can_admit)
rules.add_perm("circles.view_circles", is_member)

rules.add_perm("teams.view_team", is_team_member | acts_for_team_owner | supports_team)
# Only the owner or someone acting for them approves members (mutual consent, playbook §2.6).
rules.add_perm("teams.approve_members", acts_for_team_owner_in("approve_members"))
rules.add_perm("teams.sign_promise", acts_for_team_owner_in("sign_promise"))
rules.add_perm("teams.manage_profile", acts_for_team_owner_in("manage_profile"))
rules.add_perm("teams.arrange_support", acts_for_team_owner_in("arrange_support") | supports_team)
rules.add_perm("teams.take_part", is_team_member | acts_for_team_owner_in("team_decisions"))
rules.add_perm("teams.manage_representatives", acts_for_team_owner | supports_team)
