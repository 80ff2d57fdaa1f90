"""Team hats: nominations, the wearer's consent, the team's consent, review reminders.

A hat is held by consent of the wearer and of the team (playbook §2.1.3, §1.3). Any member
nominates someone in the team (themself included); the nominee accepts or declines; on
acceptance the team is asked through a hat-nomination proposal in the consent engine, and when
it consents the engine puts the hat on with its review date. Either "no" means no hat.
"""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.circles import consent
from coopcare.circles import consent_selectors as circle_selectors
from coopcare.circles.consent_models import HatNomination, HatReviewReminder, ProposalKind
from coopcare.circles.models import Circle, Hat, HatType
from coopcare.circles.services import add_months, check_new_hat
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify
from coopcare.teams.models import Team
from coopcare.teams.services.decisions import owner_or_none, require_take_part

REMIND_DAYS_BEFORE = 14


def _decisions_url(team: Team) -> str:
    return reverse("team_decisions:list", kwargs={"team_id": team.pk})


def nomination_url(team: Team, nomination: HatNomination) -> str:
    return reverse("team_decisions:nomination", kwargs={"team_id": team.pk, "pk": nomination.pk})


def essential_hat_types():
    return HatType.objects.filter(slug__in=circle_selectors.ESSENTIAL_TEAM_HATS)


@transaction.atomic
def nominate_for_team_hat(
    actor,
    team: Team,
    hat_type: HatType,
    nominee,
    reason: str,
    *,
    review_on: datetime.date | None = None,
    for_owner: bool | None = None,
    request=None,
) -> HatNomination:
    """Put someone in the team forward for one of its essential hats.

    Nominating yourself (or, acting for the owner, nominating the owner) is also saying yes as
    the nominee, so the team is asked straight away.
    """
    require_take_part(actor, team)
    if hat_type.slug not in circle_selectors.ESSENTIAL_TEAM_HATS:
        raise DomainError(_("Choose one of the team's essential hats."), field="hat_type")
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why you nominate them."), field="reason")
    today = timezone.localdate()
    review_on = review_on or add_months(today, hat_type.default_term_months)
    answered_by = today + datetime.timedelta(days=consent.OPEN_DAYS)
    if review_on <= answered_by:
        raise DomainError(
            _("Choose a review date after the team has had time to answer (after %(day)s).")
            % {"day": date_format(answered_by, "j F Y")},
            field="review_on",
        )
    check_new_hat(team.circle, hat_type, nominee, today, review_on)
    open_already = HatNomination.objects.filter(
        circle=team.circle, hat_type=hat_type, nominee=nominee, status__in=HatNomination.OPEN
    )
    if open_already.exists():
        raise DomainError(
            _("%(person)s is already nominated for the %(hat)s hat.")
            % {"person": nominee, "hat": hat_type},
            field="nominee",
        )
    on_behalf_of = owner_or_none(actor, team, for_owner)
    nomination = HatNomination.objects.create(
        circle=team.circle,
        hat_type=hat_type,
        nominee=nominee,
        nominated_by=actor,
        on_behalf_of=on_behalf_of,
        reason=reason,
        review_on=review_on,
    )
    record(
        "teams.hat_nominated",
        actor=actor,
        target=nomination,
        subject=nominee,
        request=request,
        detail={
            "team": team.pk,
            "hat_type": hat_type.slug,
            "review_on": review_on.isoformat(),
            "on_behalf_of": on_behalf_of.pk if on_behalf_of else None,
        },
    )
    if may_answer_nomination(actor, nomination):
        _accept(actor, team, nomination, "", request)
    else:
        notify(
            nominee,
            "teams.hat_nominated",
            _("You are nominated to wear the %(hat)s hat in %(team)s")
            % {"hat": hat_type, "team": team},
            body=_("Would you like to wear it? Say yes or no."),
            url=nomination_url(team, nomination),
        )
    return nomination


def may_answer_nomination(actor, nomination: HatNomination) -> bool:
    return actor.pk == nomination.nominee_id or circle_selectors.acts_for(
        actor, nomination.nominee, nomination.circle
    )


def _accept(actor, team: Team, nomination: HatNomination, note: str, request) -> None:
    """The nominee said yes: ask the team, with the nominee's own yes already counted."""
    if not circle_selectors.takes_part(team.circle, nomination.nominated_by) and not (
        nomination.on_behalf_of
        and circle_selectors.acts_for(nomination.nominated_by, nomination.on_behalf_of, team.circle)
    ):
        raise DomainError(
            _("The person who nominated you has left the team; ask to be nominated again.")
        )
    proposal = consent.make_proposal(
        nomination.nominated_by,
        team.circle,
        kind=ProposalKind.HAT_NOMINATION,
        title=_("%(person)s to wear the %(hat)s hat")
        % {"person": nomination.nominee, "hat": nomination.hat_type},
        statement=_("%(person)s wears the %(hat)s hat (%(about)s) until it is reviewed on %(day)s.")
        % {
            "person": nomination.nominee,
            "hat": nomination.hat_type,
            "about": nomination.hat_type.description.rstrip(".").lower(),
            "day": date_format(nomination.review_on, "j F Y"),
        },
        reason=nomination.reason,
        # The decision is reviewed with the hat; a nominee who took a while to answer must not
        # leave the team too little time before that review.
        review_on=max(
            nomination.review_on,
            timezone.localdate() + datetime.timedelta(days=consent.OPEN_DAYS + 1),
        ),
        on_behalf_of=nomination.on_behalf_of,
        request=request,
    )
    nomination.status = HatNomination.Status.AWAITING_CIRCLE
    nomination.nominee_answered_at = timezone.now()
    nomination.nominee_answered_by = actor
    nomination.nominee_note = note
    nomination.proposal = proposal
    nomination.save()
    record(
        "teams.hat_nomination_accepted",
        actor=actor,
        target=nomination,
        subject=nomination.nominee,
        request=request,
        detail={"proposal": proposal.pk},
    )
    consent.respond_to_proposal(
        actor,
        proposal,
        consent.Answer.CONSENT,
        note or _("I accepted the nomination."),
        on_behalf_of=nomination.nominee if actor.pk != nomination.nominee_id else None,
        request=request,
    )


@transaction.atomic
def answer_hat_nomination(
    actor, team: Team, nomination: HatNomination, accept: bool, note: str = "", request=None
) -> HatNomination:
    """The nominee (or someone acting for them) says whether they would wear the hat."""
    nomination = HatNomination.objects.select_for_update(of=("self",)).get(pk=nomination.pk)
    if nomination.circle_id != team.circle_id:
        raise DomainError(_("This nomination is not one of this team's."))
    if not may_answer_nomination(actor, nomination):
        raise NotAllowed(_("Only the person nominated can answer a nomination."))
    if nomination.status != HatNomination.Status.AWAITING_NOMINEE:
        raise DomainError(
            _("This nomination is no longer waiting for an answer: %(status)s.")
            % {"status": nomination.get_status_display()}
        )
    note = note.strip()
    if accept:
        check_new_hat(team.circle, nomination.hat_type, nomination.nominee, timezone.localdate())
        _accept(actor, team, nomination, note, request)
        return nomination
    nomination.status = HatNomination.Status.DECLINED
    nomination.nominee_answered_at = timezone.now()
    nomination.nominee_answered_by = actor
    nomination.nominee_note = note
    nomination.save()
    record(
        "teams.hat_nomination_declined",
        actor=actor,
        target=nomination,
        subject=nomination.nominee,
        request=request,
    )
    notify(
        nomination.nominated_by,
        "consent.decided",
        _("%(person)s would rather not wear the %(hat)s hat")
        % {"person": nomination.nominee, "hat": nomination.hat_type},
        body=note,
        url=nomination_url(team, nomination),
    )
    return nomination


def _due_hats(today: datetime.date):
    reminded = HatReviewReminder.objects.filter(hat=OuterRef("pk"), review_on=OuterRef("review_on"))
    return (
        Hat.objects.current(on=today)
        .filter(
            circle__kind=Circle.Kind.TEAM,
            review_on__isnull=False,
            review_on__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
        )
        .exclude(Exists(reminded))
        .select_related("hat_type", "holder", "circle__team__owner")
    )


def send_hat_review_reminders(today: datetime.date | None = None) -> int:
    """Remind the holders of team hats (and the team's owner) that a review is within 14 days.

    Each review date is reminded once, whenever the job runs, so a missed day loses nothing.
    Returns how many hats were reminded.
    """
    today = today or timezone.localdate()
    sent = 0
    for hat in _due_hats(today):
        with transaction.atomic():
            _reminder, created = HatReviewReminder.objects.get_or_create(
                hat=hat, review_on=hat.review_on
            )
            if not created:
                continue
            team = hat.circle.team
            title = _("The %(hat)s hat in %(team)s is due for review on %(day)s") % {
                "hat": hat.hat_type,
                "team": team,
                "day": date_format(hat.review_on, "j F Y"),
            }
            body = _("Talk together about how it is going and whether to carry on.")
            for person in {hat.holder_id: hat.holder, team.owner_id: team.owner}.values():
                notify(person, "teams.hat_review_due", title, body=body, url=_decisions_url(team))
            record(
                "teams.hat_review_reminded",
                target=hat,
                subject=hat.holder,
                detail={"team": team.pk, "review_on": hat.review_on.isoformat()},
            )
            sent += 1
    return sent
