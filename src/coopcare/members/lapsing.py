"""Membership lapses when its reason ends: the registry of eligibility checks, and running them.

Each member class has its own reason for being a member (playbook §1.1): a Supported member's
support, a Worker's work, an Investor's shares. The capability that knows about that reason
registers a check here, usually from its ``AppConfig.ready()``::

    from coopcare.members import lapsing

    def support_stopped(memberships):
        for membership in memberships.filter(...):
            yield membership, "Regular support stopped on 3 March."

    lapsing.register_check(MemberClass.SUPPORTED, support_stopped)

A check gets the class's current memberships (a queryset it may filter further) and yields
``(membership, reason_text)`` for each one to end. ``run_checks`` ends what the checks return
through ``end_membership``; running it twice ends nothing more, because a check only ever sees
current memberships and an ended one is skipped.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.errors import DomainError
from coopcare.members.models import MemberClass, Membership
from coopcare.members.services.membership import end_membership

logger = logging.getLogger(__name__)

Check = Callable[[QuerySet], Iterable[tuple[Membership, str]]]

# member class -> [(check, end reason recorded for what it returns)]
_CHECKS: dict[str, list[tuple[Check, str]]] = {}


def register_check(
    member_class: str, fn: Check, end_reason: str = Membership.EndReason.LAPSED
) -> Check:
    """Add an eligibility check for one member class; adding the same check again does nothing."""
    if member_class not in MemberClass.values:
        raise ValueError(f"Unknown member class {member_class!r}")
    if end_reason not in Membership.EndReason.values:
        raise ValueError(f"Unknown end reason {end_reason!r}")
    checks = _CHECKS.setdefault(member_class, [])
    if all(existing is not fn for existing, _reason in checks):
        checks.append((fn, end_reason))
    return fn


def unregister_check(member_class: str, fn: Check) -> None:
    """Remove a check (tests use this to leave the registry as they found it)."""
    _CHECKS[member_class] = [(c, r) for c, r in _CHECKS.get(member_class, []) if c is not fn]


def checks_for(member_class: str) -> list[tuple[Check, str]]:
    return list(_CHECKS.get(member_class, []))


def past_end_date(
    memberships: QuerySet, today: date | None = None
) -> Iterable[tuple[Membership, str]]:
    """A membership given an end date ends once that date has passed."""
    today = today or timezone.localdate()
    for membership in memberships.filter(ends_on__lt=today):
        yield (
            membership,
            _("Its end date, %(date)s, has passed.")
            % {"date": date_format(membership.ends_on, "j F Y")},
        )


for _member_class in MemberClass.values:
    register_check(_member_class, past_end_date, end_reason=Membership.EndReason.EXPIRED)
del _member_class


def run_checks() -> int:
    """Run every registered check and end what it returns; returns how many memberships ended.

    Each membership ends in its own transaction, so one that cannot end (already ended by a
    concurrent run, say) does not undo the others; a check that fails is logged and the rest run.
    """
    ended: set[int] = set()
    for member_class in MemberClass.values:
        for check, end_reason in checks_for(member_class):
            current = Membership.objects.active().filter(member_class=member_class)
            try:
                found = list(check(current.select_related("person")))
            except Exception:
                logger.exception("Membership check %s failed", getattr(check, "__name__", check))
                continue
            for membership, reason_text in found:
                if membership.pk in ended or membership.member_class != member_class:
                    continue
                try:
                    end_membership(None, membership, end_reason, note=str(reason_text))
                except DomainError:
                    continue
                ended.add(membership.pk)
    return len(ended)
