"""Acting for someone: a representative, advocate, attorney or guardian, within a scope and
until a date that are both recorded.

The owner records who acts for them (or their Team Starter or Coach does, with them). Each
representation has a scope (what they may do) and an end date that must be in the future: a
representation that never ends is not one the co-op can check. Once the date passes, or the
representation is ended early, the selectors stop treating the person as acting for the owner,
so every rule that allows "the owner or someone acting for them" refuses them.
"""

import datetime

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.circles.services import add_months
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.teams import selectors
from coopcare.teams.models import Representative, Scope, Team

# A lasting power of attorney can run for decades, but the record should be looked at again.
MAX_YEARS = 10


def _url(team: Team) -> str:
    return reverse("teams:representatives", args=[team.pk])


def check_representation(
    actor, team: Team, person, role: str, scope: list[str], ends_on: datetime.date | None
) -> list[str]:
    """Refuse what ``record_representative`` would refuse; returns the cleaned scope."""
    if role not in Representative.Role.values:
        raise DomainError(_("Choose how this person acts for the owner."), field="role")
    scope = sorted(set(scope or []))
    if not scope:
        raise DomainError(_("Choose at least one thing they may do."), field="scope")
    if any(value not in Scope.values for value in scope):
        raise DomainError(_("Choose only from the listed things they may do."), field="scope")
    today = timezone.localdate()
    if ends_on is None or ends_on <= today:
        raise DomainError(_("The end date must be in the future."), field="ends_on")
    if ends_on > add_months(today, 12 * MAX_YEARS):
        raise DomainError(
            _("Choose an end date within %(n)d years; it can be recorded again then.")
            % {"n": MAX_YEARS},
            field="ends_on",
        )
    if person is None:
        raise DomainError(
            _(
                "Nobody has an account with that email address. Ask them to create an account "
                "first, then record them here."
            ),
            field="email",
        )
    if person.pk == team.owner_id:
        raise DomainError(_("The owner acts for themself."), field="email")
    if selectors.current_representatives(team).filter(person=person).exists():
        raise DomainError(
            _("%(person)s already acts for the owner. End that first to record a new scope.")
            % {"person": person},
            field="email",
        )
    acting = selectors.on_behalf_of(actor, team)
    if acting is not None and not selectors.supports_team(actor, team):
        # A representative may bring in help, but never give more than they hold themself.
        beyond = [value for value in scope if value not in (acting.scope or [])]
        if beyond:
            raise DomainError(_("You can only pass on things you may do yourself."), field="scope")
    return scope


@transaction.atomic
def record_representative(
    actor,
    team: Team,
    email: str,
    role: str,
    scope: list[str],
    ends_on: datetime.date | None,
    request: HttpRequest | None = None,
) -> Representative:
    """Record that the person with ``email`` acts for the team's owner until ``ends_on``."""
    if not actor.has_perm("teams.manage_representatives", team):
        raise NotAllowed(_("Only the owner, their Team Starter or Coach records this."))
    person = selectors.account_with_email((email or "").strip())
    scope = check_representation(actor, team, person, role, scope, ends_on)
    rep = Representative.objects.create(
        team=team,
        person=person,
        role=role,
        scope=scope,
        starts_on=timezone.localdate(),
        ends_on=ends_on,
        recorded_by=actor,
    )
    record(
        "team.representative_recorded",
        actor=actor,
        target=rep,
        subject=team.owner,
        request=request,
        detail={
            "team": team.pk,
            "person": person.pk,
            "role": role,
            "scope": scope,
            "ends_on": ends_on.isoformat(),
            **selectors.acting_detail(actor, team),
        },
    )
    until = date_format(ends_on, "j F Y")
    notify(
        person,
        "teams.representative_changed",
        _("You now act for %(owner)s in %(team)s until %(day)s")
        % {"owner": team.owner, "team": team, "day": until},
        url=reverse("teams:detail", args=[team.pk]),
    )
    if actor.pk != team.owner_id:
        notify(
            team.owner,
            "teams.representative_changed",
            _("%(person)s now acts for you in %(team)s until %(day)s")
            % {"person": person, "team": team, "day": until},
            url=_url(team),
        )
    return rep


@transaction.atomic
def end_representation(actor, rep: Representative, request: HttpRequest | None = None):
    """End a representation before its date: from now on they no longer act for the owner."""
    team = rep.team
    if not actor.has_perm("teams.manage_representatives", team):
        raise NotAllowed(_("Only the owner, their Team Starter or Coach can end this."))
    rep = (
        Representative.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=rep.pk)
    )
    if not rep.is_current():
        raise DomainError(_("This has already ended."))
    rep.ended_at = timezone.now()
    rep.save(update_fields=["ended_at"])
    record(
        "team.representative_ended",
        actor=actor,
        target=rep,
        subject=team.owner,
        request=request,
        detail={"team": team.pk, "person": rep.person_id, **selectors.acting_detail(actor, team)},
    )
    for person in {rep.person, team.owner}:
        if person.pk != actor.pk:
            notify(
                person,
                "teams.representative_changed",
                _("%(person)s no longer acts for %(owner)s in %(team)s")
                % {"person": rep.person, "owner": team.owner, "team": team},
                url=_url(team),
            )
    return rep
