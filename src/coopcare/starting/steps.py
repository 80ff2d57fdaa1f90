"""Where a case is in the eight steps of starting a team (playbook §2.5), and whether the Team
Starter is ready to step back. Computed from what is recorded, never ticked by hand."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopcare.starting import gates, selectors
from coopcare.starting.models import NEEDS_VISIT, Case, Interest, TeamDocument
from coopcare.starting.questions import missing_essentials
from coopcare.teams.models import MemberKind, TeamMember

STEP_TITLES = (
    gettext_lazy("First contact"),
    gettext_lazy("Beginning the relationship"),
    gettext_lazy("Finding the match"),
    gettext_lazy("Supportive Conversation and Trust Assessment"),
    gettext_lazy("Profiles and the Promise"),
    gettext_lazy("Building the team"),
    gettext_lazy("Roles and hats"),
    gettext_lazy("Stepping back"),
)


@dataclass
class Step:
    number: int
    title: str
    missing: list[str] = field(default_factory=list)
    done_notes: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return not self.missing


@dataclass
class Readiness:
    hats: dict[str, bool]
    rota_running: bool
    owner_informed: bool
    contacts_handed_over: bool
    team_started: bool

    @property
    def missing(self) -> list[str]:
        out = []
        if not self.team_started:
            out.append(_("Start the team first."))
        unheld = [slug for slug, held in self.hats.items() if not held]
        if unheld:
            names = ", ".join(selectors.hat_names(unheld))
            out.append(
                _("Essential hats not yet worn by a team member: %(hats)s.") % {"hats": names}
            )
        if not self.rota_running:
            out.append(_("The rota is not yet running consistently."))
        if not self.owner_informed:
            out.append(_("The person getting support has not yet been told."))
        if not self.contacts_handed_over:
            out.append(_("External contacts are still held by the Team Starter."))
        return out

    @property
    def ready(self) -> bool:
        return not self.missing


def readiness(case: Case) -> Readiness:
    contacts = list(case.contacts.all())
    team_people: set[int] = set()
    if case.team_id:
        team_people = set(selectors.current_team_people(case.team).values_list("pk", flat=True))
    handed_over = all(
        c.holder_id != case.team_starter_id and c.holder_id in team_people for c in contacts
    )
    return Readiness(
        hats=selectors.essential_hats_held(case),
        rota_running=case.rota_running,
        owner_informed=case.owner_informed,
        contacts_handed_over=handed_over,
        team_started=case.team_id is not None,
    )


def _documents_missing(case: Case) -> list[str]:
    missing: list[str] = []
    if case.team_id is None:
        return [_("Start the team so the documents can be written with the person.")]
    latest = {
        doc.kind: doc.versions.order_by("-number").first()
        for doc in TeamDocument.objects.filter(team_id=case.team_id)
    }
    for kind, label in TeamDocument.Kind.choices:
        version = latest.get(kind)
        if version is None:
            missing.append(_("The %(document)s has not been written yet.") % {"document": label})
        elif missing_essentials(kind, version.answers):
            missing.append(
                _("The %(document)s is missing essential answers.") % {"document": label}
            )
    return missing


def steps(case: Case) -> list[Step]:
    """The eight steps, each with what is missing (none missing means done)."""
    enquiry = case.enquiry
    result = [Step(n, str(title)) for n, title in enumerate(STEP_TITLES, start=1)]
    _first, talk, match, conversation, promise, team, hats, back = result
    if case.person_id is None:
        talk.missing.append(_("Link the person's account, or invite them to make one."))
    if case.relationship_talk_on is None:
        talk.missing.append(_("Note the longer conversation about daily life and support."))
    followed_up = Interest.objects.filter(call_out__case=case).exclude(status=Interest.Status.NEW)
    if not case.call_outs.exists():
        match.missing.append(_("No call-out has been published."))
    elif not followed_up.exists():
        match.missing.append(_("Nobody interested has been followed up yet."))
    conversation.missing.extend(_documents_missing(case))
    if set(enquiry.support_kinds) & NEEDS_VISIT and not case.visits.exists():
        conversation.missing.append(
            _("Personal care or medicines were asked for: record a face-to-face visit.")
        )
    if case.team_id is None or not gates.promise_signed(case.team):
        promise.missing.append(_("The Getting Support Promise has not been signed."))
    if case.team_id is None or not (
        TeamMember.objects.current()
        .filter(team_id=case.team_id, status=TeamMember.Status.MEMBER)
        .exclude(kind=MemberKind.OWNER)
        .exists()
    ):
        team.missing.append(_("Nobody has joined the team yet (beyond the person themself)."))
    unheld = [slug for slug, held in selectors.essential_hats_held(case).items() if not held]
    if unheld:
        hats.missing.append(
            _("%(count)d of the 6 essential hats are not yet worn by team members.")
            % {"count": len(unheld)}
        )
    if case.stepped_back_at is None:
        back.missing.append(_("The Team Starter has not stepped back yet."))
    return result
