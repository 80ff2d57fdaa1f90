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

rules.add_perm("members.view_directory", is_member)
rules.add_perm("members.view_person", is_self | (is_member & is_active_member_person))
rules.add_perm("members.list_applications", can_admit)
rules.add_perm("members.view_application", is_applicant | can_admit)
rules.add_perm("members.decide_application", can_admit & ~is_applicant)
rules.add_perm("members.withdraw_application", is_applicant)
rules.add_perm("members.end_membership", is_superuser | can_admit)
rules.add_perm("circles.view_circles", is_member)
