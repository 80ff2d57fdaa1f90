"""The gates before team-based support can be booked (playbook §2.5 steps 4–5, §3.7).

The appointments capability calls ``check_team_support_allowed`` before it books support:

* the Getting Support Promise must be signed for the team, before any team-based support;
* a face-to-face visit must be recorded before support that includes personal care or help
  with medicines.

Both are facts recorded here, so the check is the same for pages, the API and background work.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from coopcare.errors import DomainError
from coopcare.starting.models import NEEDS_VISIT, FaceToFaceVisit, PromiseSignature, SupportKind
from coopcare.teams.models import Team


def promise_signed(team: Team) -> bool:
    return PromiseSignature.objects.filter(team=team).exists()


def visit_recorded(team: Team) -> bool:
    return FaceToFaceVisit.objects.filter(case__team=team).exists()


def check_team_support_allowed(team: Team, support_kinds: Iterable[str]) -> None:
    """Raise ``DomainError`` saying what is missing if this support may not be booked yet."""
    kinds = set(support_kinds)
    unknown = kinds - set(SupportKind.values)
    if unknown:
        raise DomainError(
            _("Unknown kind of support: %(kinds)s.") % {"kinds": ", ".join(sorted(unknown))},
            field="support_kinds",
        )
    if team.status == Team.Status.CLOSED:
        raise DomainError(_("This team has closed, so no support can be booked for it."))
    if not promise_signed(team):
        raise DomainError(
            _(
                "The Getting Support Promise has not been signed for this team yet. It must be "
                "signed, by the person getting support, a nominated representative or a health "
                "and welfare guardian, before any team-based support is booked."
            )
        )
    regulated = kinds & NEEDS_VISIT
    if regulated and not visit_recorded(team):
        labels = ", ".join(str(SupportKind(kind).label).lower() for kind in sorted(regulated))
        raise DomainError(
            _(
                "Support that includes %(kinds)s needs a face-to-face visit first. Ask the Team "
                "Starter to record the visit before booking it."
            )
            % {"kinds": labels}
        )


def team_support_allowed(team: Team, support_kinds: Iterable[str]) -> bool:
    try:
        check_team_support_allowed(team, support_kinds)
    except DomainError:
        return False
    return True
