"""Small helpers the starting services share."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from coopcare.errors import NotAllowed
from coopcare.notifications.services import notify


def require(actor, perm: str, obj=None) -> None:
    """Services check the rule themselves too, so the API and pages can never differ."""
    if actor is None or not actor.has_perm(perm, obj):
        raise NotAllowed(_("You do not have permission to do this."))


def notify_all(
    people: Iterable, kind: str, title: str, body: str = "", url: str = "", skip=None
) -> int:
    """Notify each person once, leaving out ``skip`` (usually whoever made the change)."""
    seen: set[int] = set()
    skip_id = getattr(skip, "pk", None)
    for person in people:
        if person.pk in seen or person.pk == skip_id:
            continue
        seen.add(person.pk)
        notify(person, kind, title, body=body, url=url)
    return len(seen)
