"""Read queries of the consent engine: who takes part, who may act for whom, how answers stand.

"Who may take part in a circle's decisions" is answered here and nowhere else
(``participants``), so the Circles issue can widen or narrow it in one place. A Team's circle
has no ``CircleMembership`` rows: team membership is ``teams.TeamMember``, the one source of truth
for who is in a team, so team circles are asked about through it.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Case, Prefetch, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from coopcare.circles.consent_models import HatNomination, Proposal, ProposalResponse
from coopcare.circles.models import Circle, CircleMembership, Hat, HatType
from coopcare.members.models import Section
from coopcare.members.privacy import annotate_visibility

User = get_user_model()

# The hats every team needs held (playbook §1.3 "essential team hats at start"; DOMAIN.md "Team
# hats"). The one list: teams reads it from here, because circles must not import teams.
ESSENTIAL_TEAM_HATS = (
    "rota-holder",
    "profile-holder",
    "mar-holder",
    "team-chat-admin",
    "check-in-facilitator",
    "safeguarding-lead",
)


def _team_of(circle: Circle):
    from coopcare.teams.models import Team

    return Team.objects.filter(circle=circle).first()


def _team_people(circle: Circle) -> Q:
    from coopcare.teams.models import Team, TeamMember

    members = TeamMember.objects.current().filter(team__circle=circle).values("person")
    owners = Team.objects.filter(circle=circle).values("owner")
    return Q(pk__in=members) | Q(pk__in=owners)


def participants(circle: Circle) -> QuerySet:
    """Everyone who may take part in this circle's decisions, and so is asked by default.

    A team: its current members and its owner. Any other circle: its current full participants
    (learning participants and guests give input, but the consent round is for full ones).
    """
    if circle.kind == Circle.Kind.TEAM:
        people = _team_people(circle)
    else:
        full = CircleMembership.objects.filter(
            circle=circle, left_on__isnull=True, participation=CircleMembership.Participation.FULL
        ).values("person")
        people = Q(pk__in=full)
    return User.objects.filter(people, is_active=True)


def takes_part(circle: Circle, person) -> bool:
    if not getattr(person, "is_authenticated", False):
        return False
    return participants(circle).filter(pk=person.pk).exists()


def is_in_circle(circle: Circle, person) -> bool:
    """A current member of the circle in any way: for a team, a current team member or its
    owner; otherwise a current circle membership of any participation. Hats are worn only by
    people who are in the circle."""
    if circle.kind == Circle.Kind.TEAM:
        return User.objects.filter(_team_people(circle), pk=person.pk).exists()
    return CircleMembership.objects.filter(
        circle=circle, person=person, left_on__isnull=True
    ).exists()


def acts_for(actor, person, circle: Circle) -> bool:
    """May ``actor`` take part in this circle's decisions on behalf of ``person``?

    Today only a team owner can be acted for: by a representative, advocate, attorney or guardian
    whose recorded scope includes team decisions and whose end date has not passed.
    """
    if actor is None or person is None or actor.pk == person.pk:
        return False
    if circle.kind != Circle.Kind.TEAM:
        return False
    from coopcare.teams.models import Scope
    from coopcare.teams.selectors import acts_for_owner

    team = _team_of(circle)
    return (
        team is not None
        and team.owner_id == person.pk
        and acts_for_owner(actor, team, Scope.TEAM_DECISIONS)
    )


def proposal_url(proposal: Proposal) -> str:
    """Where a proposal is read: a team's decisions page, or its circle's page."""
    circle = proposal.circle
    if circle.kind == Circle.Kind.TEAM:
        team = _team_of(circle)
        if team is not None:
            return reverse("team_decisions:detail", kwargs={"team_id": team.pk, "pk": proposal.pk})
    return reverse("circles:detail", args=[circle.slug])


@dataclass
class Tally:
    """How the answers to the current version stand among the people still asked."""

    asked: set[int]
    consents: set[int] = field(default_factory=set)
    concerns: set[int] = field(default_factory=set)
    objections: set[int] = field(default_factory=set)

    @property
    def answered(self) -> set[int]:
        return self.consents | self.concerns | self.objections

    @property
    def waiting(self) -> set[int]:
        return self.asked - self.answered

    @property
    def everyone_answered(self) -> bool:
        return bool(self.asked) and not self.waiting


def still_asked_ids(proposal: Proposal) -> set[int]:
    """The people asked who still take part: someone who left the circle no longer counts."""
    return set(
        participants(proposal.circle)
        .filter(pk__in=proposal.asked.values("pk"))
        .values_list("pk", flat=True)
    )


def tally(proposal: Proposal) -> Tally:
    result = Tally(asked=still_asked_ids(proposal))
    answers = ProposalResponse.objects.filter(
        proposal=proposal, version=proposal.version, person__in=result.asked
    ).values_list("person", "answer")
    buckets = {
        ProposalResponse.Answer.CONSENT: result.consents,
        ProposalResponse.Answer.CONCERN: result.concerns,
        ProposalResponse.Answer.OBJECTION: result.objections,
    }
    for person_id, answer in answers:
        buckets[answer].add(person_id)
    return result


def current_answer(proposal: Proposal, person) -> ProposalResponse | None:
    return ProposalResponse.objects.filter(
        proposal=proposal, person=person, version=proposal.version
    ).first()


def proposals_in(circle: Circle) -> QuerySet:
    """A circle's proposals, open ones first, then the newest, ready for a list page."""
    still_open = Case(When(status=Proposal.Status.OPEN, then=Value(0)), default=Value(1))
    return (
        Proposal.objects.filter(circle=circle)
        .select_related("author", "on_behalf_of")
        .annotate(is_closed=still_open)
        .order_by("is_closed", "-created_at", "-id")
    )


def proposal_in(circle: Circle, pk: int) -> Proposal | None:
    """One proposal with everything its page shows, in a fixed number of queries."""
    return (
        Proposal.objects.filter(circle=circle, pk=pk)
        .select_related("author", "on_behalf_of", "circle", "hat_nomination__hat_type")
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=ProposalResponse.objects.order_by("-version", "created_at", "pk"),
            ),
            "amendments",
            Prefetch("asked", queryset=User.objects.only("pk")),
        )
        .first()
    )


def open_nominations_in(circle: Circle) -> QuerySet:
    return (
        HatNomination.objects.filter(circle=circle, status__in=HatNomination.OPEN)
        .select_related("hat_type", "proposal")
        .order_by("hat_type__name", "created_at")
    )


def nomination_in(circle: Circle, pk: int) -> HatNomination | None:
    return (
        HatNomination.objects.filter(circle=circle, pk=pk)
        .select_related("hat_type", "proposal", "hat")
        .first()
    )


def unheld_hat_types(circle: Circle, slugs: Iterable[str]) -> list[HatType]:
    """Of the hat types named by ``slugs``, those nobody wears in the circle today, in order."""
    slugs = list(slugs)
    worn = set(
        Hat.objects.current()
        .filter(circle=circle, hat_type__slug__in=slugs)
        .values_list("hat_type__slug", flat=True)
    )
    types = {t.slug: t for t in HatType.objects.filter(slug__in=slugs)}
    return [types[slug] for slug in slugs if slug in types and slug not in worn]


def unheld_essential_hats(team) -> list[HatType]:
    """The essential team hats nobody in the team wears today, for the team page (two queries)."""
    return unheld_hat_types(team.circle, ESSENTIAL_TEAM_HATS)


class Names:
    """People's names as one viewer may see them, looked up for a whole page in one query.

    Names are a privacy section (``members.privacy``): a person may keep theirs from some
    viewers, and then pages say "a team member" instead.
    """

    def __init__(self, viewer, people_ids: Iterable[int | None]) -> None:
        ids = {pk for pk in people_ids if pk}
        self._names: dict[int, str] = {}
        if ids:
            people = annotate_visibility(
                User.objects.filter(pk__in=ids).select_related("profile"), viewer, [Section.NAME]
            )
            self._names = {p.pk: str(p) for p in people if p.can_see_name}

    def visible(self, pk: int | None) -> str | None:
        """The name, or None when the viewer may not see it."""
        return self._names.get(pk) if pk else None

    def __call__(self, pk: int | None) -> str:
        if not pk:
            return ""
        return self._names.get(pk) or _("a team member")

    def acting(self, actor_id: int, for_id: int | None) -> str:
        """ "X on behalf of Y" when someone acted for another person, otherwise "X"."""
        if for_id and for_id != actor_id:
            return _("%(actor)s on behalf of %(person)s") % {
                "actor": self(actor_id),
                "person": self(for_id),
            }
        return self(actor_id)


# --- What a page shows: names resolved for one viewer, in a fixed number of queries -----------

FIELD_LABELS = {
    "title": _lazy("Title"),
    "statement": _lazy("What is proposed"),
    "reason": _lazy("Why"),
    "review_on": _lazy("Review date"),
    "measure": _lazy("What we will watch"),
}


def proposal_rows(viewer, proposals, nominations=()) -> tuple[list[tuple[Proposal, str]], Names]:
    """Each proposal with "who proposed it" as the viewer may see it, and the names used."""
    proposals = list(proposals)
    ids = [p.author_id for p in proposals] + [p.on_behalf_of_id for p in proposals]
    names = Names(viewer, ids + [n.nominee_id for n in nominations])
    return [(p, names.acting(p.author_id, p.on_behalf_of_id)) for p in proposals], names


def _answer_row(response: ProposalResponse, names: Names) -> dict:
    return {
        "name": names.acting(response.answered_by_id, response.person_id),
        "answer": response.answer,
        "label": response.get_answer_display(),
        "reason": response.reason,
        "when": response.updated_at,
        "version": response.version,
    }


def decision_page(viewer, proposal: Proposal) -> dict:
    """Everything a proposal's page shows, from ``proposal_in``'s prefetches and one query for
    names: answers to this version and earlier ones, who has not answered, amendments."""
    responses = list(proposal.responses.all())
    amendments = list(proposal.amendments.all())
    asked = [p.pk for p in proposal.asked.all()]
    nomination = getattr(proposal, "hat_nomination", None)
    ids = [proposal.author_id, proposal.on_behalf_of_id, *asked]
    ids += [r.person_id for r in responses] + [r.answered_by_id for r in responses]
    ids += [a.author_id for a in amendments] + [a.on_behalf_of_id for a in amendments]
    if nomination is not None:
        ids.append(nomination.nominee_id)
    names = Names(viewer, ids)
    current = [r for r in responses if r.version == proposal.version]
    answered = {r.person_id for r in current}
    counts = {answer: 0 for answer in ProposalResponse.Answer.values}
    for response in current:
        counts[response.answer] += 1
    return {
        "names": names,
        "by": names.acting(proposal.author_id, proposal.on_behalf_of_id),
        "current": [_answer_row(r, names) for r in current],
        "earlier": [_answer_row(r, names) for r in responses if r.version != proposal.version],
        "waiting": [names(pk) for pk in asked if pk not in answered],
        "counts": counts,
        "amendments": [
            {
                "version": a.version,
                "label": a.get_kind_display(),
                "by": names.acting(a.author_id, a.on_behalf_of_id),
                "changes": [
                    (FIELD_LABELS.get(field_name, field_name), before, after)
                    for field_name, (before, after) in a.changes.items()
                ],
                "note": a.note,
                "when": a.created_at,
            }
            for a in amendments
        ],
        "nomination": nomination,
        "nominee": names(nomination.nominee_id) if nomination is not None else "",
    }
