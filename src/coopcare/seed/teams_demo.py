"""Demo teams: a waiting-list enquiry and six teams at different stages of starting a team.

Everything after the owners' accounts goes through the services the pages use (enquiries,
cases, documents, the Promise, invitations, trials, representatives, hats, stepping back,
notice), so the demo shows a real audit trail and real notifications. Nothing here draws on the
seeder's randomness except the two new owners' profiles, made after everybody else, so the rest
of the demo co-op is unchanged.
"""

import datetime
from dataclasses import dataclass, field

from coopcare.circles.models import HatType
from coopcare.circles.services import put_on_hat
from coopcare.members.models import MemberClass
from coopcare.seed.people import Seeder, make_member, make_person
from coopcare.starting.models import Enquiry, Funding, SupportKind, TeamDocument
from coopcare.starting.services.cases import link_case_person, start_case_team
from coopcare.starting.services.documents import save_document_version
from coopcare.starting.services.enquiries import decide_enquiry, submit_enquiry
from coopcare.starting.services.promise import sign_promise
from coopcare.starting.services.stepping_back import (
    add_external_contact,
    hand_over_contact,
    step_back,
    update_readiness,
)
from coopcare.supportprofiles.services.giving import update_giving_profile
from coopcare.teams.models import MemberKind, Scope, Team
from coopcare.teams.services.leaving import give_notice
from coopcare.teams.services.membership import accept_invitation, invite_member
from coopcare.teams.services.representatives import record_representative
from coopcare.teams.services.starting import start_team

# Indices into the demo's members (see MEMBER_CLASSES in coopcare.seed.demo).
LEEDS_STARTER, CALDER_STARTER = 23, 16
JORDAN = 1  # member@demo.coopcare.test, an independent worker
# Owners who are not yet in the demo: (email, name, outward code).
NEW_OWNERS = [
    ("margaret.hirst@demo.coopcare.test", "Margaret Hirst", "LS8"),
    ("dennis.ackroyd@demo.coopcare.test", "Dennis Ackroyd", "LS13"),
]
# Giving Support Profiles: (member index, support kinds, hourly rate in pence or None).
GIVING: list[tuple[int, list[str], int | None]] = [
    (JORDAN, ["personal_care", "companionship", "out_and_about"], 1650),
    (7, ["personal_care", "practical"], 1700),
    (9, ["companionship", "online"], None),
    (11, ["personal_care", "medicines", "practical"], 1800),
    (12, ["personal_care", "companionship"], 1600),
    (18, ["practical", "out_and_about"], 1550),
    (20, ["medicines", "companionship"], 1750),
]
CONVERSATION = {
    "about_yourself": "Retired bus driver; loves the allotment and the radio.",
    "date_of_birth": "1944-03-18",
    "support_network": "A daughter nearby and a good neighbour.",
    "enjoy_now": "Gardening, the crossword, Saturday football on the radio.",
    "conditions": "Arthritis in both knees; some days are harder than others.",
    "medication": "Tablets morning and evening, in a blister pack from the chemist.",
    "documents": "None yet.",
}


@dataclass
class DemoTeams:
    enquiry: Enquiry | None = None
    teams: dict[str, Team] = field(default_factory=dict)


def _enquiry(starter, circle, name: str, postcode: str) -> Enquiry:
    data = {
        "for_whom": Enquiry.ForWhom.SELF,
        "contact_name": name,
        "phone": "07700 900800",
        "support_kinds": [SupportKind.COMPANIONSHIP, SupportKind.PRACTICAL],
        "needs": "Help at home a few mornings a week, and company on the way to the shops.",
        "postcode": postcode,
        "funding": Funding.SELF_FUNDED,
    }
    return submit_enquiry(
        data, entered_by=starter, channel=Enquiry.Channel.PHONE, local_circle=circle
    )


def _case_team(starter, circle, owner, postcode: str) -> Team:
    """Enquiry, proceed, link the owner's account, start the team: steps 1 to 6 of §2.5."""
    enquiry = _enquiry(starter, circle, owner.profile.name, postcode)
    enquiry = decide_enquiry(starter, enquiry, Enquiry.Status.PROCEED, local_circle=circle)
    link_case_person(starter, enquiry.case, owner.email)
    return start_case_team(starter, enquiry.case)


def _join(team: Team, actor, person, kind: str, trial_sessions: int = 0):
    invitation = invite_member(actor, team, person.email, kind, trial_sessions=trial_sessions)
    return accept_invitation(person, invitation)


def _wear(team: Team, hats: dict[str, HatType], slugs: list[str], person, today) -> None:
    for slug in slugs:
        put_on_hat(None, team.circle, hats[slug], person, today)


def _giving(members: list) -> None:
    for index, kinds, rate in GIVING:
        person = members[index]
        data = {
            "about_me": "I like to get to know people before anything else.",
            "support_kinds": kinds,
            "open_to_new_owners": True,
            "travel_miles": 8,
        }
        if rate is not None:
            data["hourly_rate_pence"] = rate
        update_giving_profile(person, person, data)


def build_demo_teams(coop, seeder: Seeder) -> DemoTeams:
    """Add the demo's teams to a freshly built demo co-op (``coop`` from ``build_demo``)."""
    m, leeds, calder = coop.members, coop.circles["leeds"], coop.circles["calder"]
    hats = {hat_type.slug: hat_type for hat_type in HatType.objects.all()}
    today = seeder.today
    result = DemoTeams()
    owners = []
    for n, (email, name, outward) in enumerate(NEW_OWNERS, start=60):
        owner = make_person(seeder, n, email, name, outward)
        make_member(seeder, owner, MemberClass.SUPPORTED)
        owners.append(owner)
    margaret, dennis = owners
    leeds_starter, calder_starter = m[LEEDS_STARTER], m[CALDER_STARTER]

    # 1. An enquiry on the waiting list, reviewed in a month.
    enquiry = _enquiry(calder_starter, calder, "Joan Sutcliffe", "HX7 8AB")
    result.enquiry = decide_enquiry(
        calder_starter,
        enquiry,
        Enquiry.Status.WAITING_LIST,
        local_circle=calder,
        review_on=today + datetime.timedelta(days=30),
        note="No worker near Heptonstall has mornings free yet.",
    )

    # 2. A case in progress: the Supportive Conversation written, no Promise yet.
    team = _case_team(leeds_starter, leeds, margaret, "LS8 2QR")
    save_document_version(margaret, team, TeamDocument.Kind.SUPPORTIVE_CONVERSATION, CONVERSATION)
    result.teams["conversation"] = team

    # 3. The Promise signed and a worker on a three-session trial.
    owner = m[13]
    team = _case_team(calder_starter, calder, owner, "HX7 5JD")
    save_document_version(owner, team, TeamDocument.Kind.SUPPORTIVE_CONVERSATION, CONVERSATION)
    sign_promise(owner, team, funding=Funding.DIRECT_PAYMENT, agreed=True)
    _join(team, owner, m[12], MemberKind.INDEPENDENT_WORKER, trial_sessions=3)
    result.teams["trial"] = team

    # 4. A full team: family, independent workers, a volunteer; essential hats worn.
    owner = m[21]
    team = _case_team(leeds_starter, leeds, owner, "LS6 3HN")
    sign_promise(owner, team, funding=Funding.COUNCIL, agreed=True)
    _join(team, owner, m[JORDAN], MemberKind.INDEPENDENT_WORKER)
    _join(team, owner, m[20], MemberKind.INDEPENDENT_WORKER)
    _join(team, owner, m[9], MemberKind.VOLUNTEER)
    _join(team, owner, m[22], MemberKind.FAMILY_FRIEND)
    # Not Jordan: the README's tour shows member@ as someone who wears no hat.
    _wear(team, hats, ["rota-holder"], m[22], today)
    _wear(team, hats, ["mar-holder"], m[20], today)
    _wear(team, hats, ["team-chat-admin"], m[9], today)
    _wear(team, hats, ["profile-holder"], owner, today)
    result.teams["active"] = team

    # 5. A representative (an advocate) acts for the owner: writes, signs and invites.
    owner = m[17]
    team = _case_team(calder_starter, calder, owner, "HX7 6AA")
    record_representative(
        owner,
        team,
        m[14].email,
        "advocate",
        list(Scope.values),
        today + datetime.timedelta(days=365),
    )
    advocate = m[14]
    save_document_version(advocate, team, TeamDocument.Kind.SUPPORTIVE_CONVERSATION, CONVERSATION)
    sign_promise(advocate, team, funding=Funding.SELF_FUNDED, agreed=True)
    _join(team, advocate, m[18], MemberKind.INDEPENDENT_WORKER)
    result.teams["represented"] = team

    # 6. Self-managing: every essential hat worn, contacts handed over, the Starter stepped
    # back; then one worker gave notice.
    team = _case_team(leeds_starter, leeds, dennis, "LS13 1AB")
    case = team.starting_case
    sign_promise(dennis, team, funding=Funding.MIXED, agreed=True)
    _join(team, dennis, m[11], MemberKind.INDEPENDENT_WORKER)
    _join(team, dennis, m[7], MemberKind.INDEPENDENT_WORKER)
    _join(team, dennis, m[6], MemberKind.EMPLOYED_WORKER)
    _wear(team, hats, ["rota-holder", "check-in-facilitator"], m[11], today)
    _wear(team, hats, ["mar-holder", "safeguarding-lead"], m[6], today)
    _wear(team, hats, ["profile-holder", "team-chat-admin"], dennis, today)
    contact = add_external_contact(
        leeds_starter,
        case,
        {
            "name": "Sam Okafor",
            "role": "Social worker",
            "organisation": "Leeds City Council",
            "how_to_reach": "0113 496 0000, weekdays",
        },
    )
    hand_over_contact(leeds_starter, contact, m[11])
    update_readiness(
        leeds_starter,
        case,
        rota_running=True,
        rota_note="Four weeks of the rota filled without help.",
        owner_informed=True,
    )
    step_back(leeds_starter, case)
    give_notice(
        m[7],
        team,
        today + datetime.timedelta(days=28),
        farewell="Moving to Sheffield; it has been a joy.",
    )
    team.refresh_from_db()
    result.teams["self_managing"] = team

    # 7. Just started by the owner herself, with a family member's invitation waiting.
    owner = m[3]
    team = start_team(owner, owner, leeds)
    invite_member(owner, team, m[25].email, MemberKind.FAMILY_FRIEND, "Will you join my team?")
    result.teams["just_started"] = team

    _giving(m)
    return result
