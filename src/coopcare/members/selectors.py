"""Read queries about people and membership."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet

from coopcare.members.models import Membership, MembershipApplication

User = get_user_model()


def is_member(person) -> bool:
    """A current member of the co-op (any class). Cached on the person object per request."""
    if not getattr(person, "is_authenticated", False):
        return False
    cached = getattr(person, "_coopcare_is_member", None)
    if cached is None:
        cached = Membership.objects.active().filter(person=person).exists()
        person._coopcare_is_member = cached
    return cached


def active_members() -> QuerySet:
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.active().values("person"),
    )


def active_membership_exists():
    return Exists(Membership.objects.active().filter(person=OuterRef("pk")))


def open_application_for(person) -> MembershipApplication | None:
    return MembershipApplication.objects.filter(
        applicant=person, status=MembershipApplication.Status.SUBMITTED
    ).first()
