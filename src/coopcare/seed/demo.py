"""The demo co-op that ``make run`` loads: one small circle tree and about thirty people.

Circles, circle memberships, hats and applications go through the same services the pages use,
so the demo has the audit trail and notifications a real co-op would. Accounts, profiles,
founding memberships and privacy choices are written directly: they are the starting state, not
changes anybody made.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from coopcare.circles.models import Circle, HatType
from coopcare.circles.services import add_circle_member, create_circle, put_on_hat, take_off_hat
from coopcare.members.models import Audience, MemberClass, PrivacyChoice, Section, WorkerKind
from coopcare.members.questions import questions_for
from coopcare.members.services.membership import apply_for_membership
from coopcare.seed import postcodes
from coopcare.seed.learning_demo import build_demo_learning
from coopcare.seed.people import Seeder, email_for, make_member, make_person
from coopcare.seed.teams_demo import build_demo_teams
from coopcare.seed.texts import CIRCLES, answers_for
from coopcare.seed.visits_demo import build_demo_visits

DEMO_DOMAIN = "demo.coopcare.test"
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
ADMISSIONS_EMAIL = f"admissions@{DEMO_DOMAIN}"
MEMBER_EMAIL = f"member@{DEMO_DOMAIN}"
APPLICANT_EMAIL = f"applicant@{DEMO_DOMAIN}"

W, S, A, INV = MemberClass.WORKER, MemberClass.SUPPORTED, MemberClass.ADVOCATE, MemberClass.INVESTOR
EMP, IND, VOL = WorkerKind.EMPLOYED, WorkerKind.INDEPENDENT, WorkerKind.VOLUNTEER
# Members by index: 0 is the admissions account, 1 the ordinary member, 2 to 25 named by Faker.
# Every member class and every kind of work appears.
# fmt: off
MEMBER_CLASSES: list[tuple[str, str]] = [
    (W, EMP), (W, IND), (W, EMP), (S, ""), (W, IND), (INV, ""), (W, EMP), (W, IND), (W, IND),
    (W, VOL), (W, EMP), (W, IND), (W, IND), (S, ""), (A, ""), (W, VOL), (W, IND), (S, ""),
    (W, IND), (W, VOL), (W, IND), (S, ""), (A, ""), (W, IND), (S, ""), (INV, ""),
]
# fmt: on
# Who takes part in which circle; (index, participation) where it is not "full".
CIRCLE_CAST: dict[str, list[int | tuple[int, str]]] = {
    "purpose": [0, 2, 3, 4, 5, 6, 7],
    "places": [6, 7, 8, 9, 10, 11, 12, 20],
    "calder": [10, 12, 13, 14, 15, 16, 17, 18, (19, "learning")],
    "leeds": [1, 11, 20, 21, 22, 23, 24, (25, "learning"), (3, "guest")],
    "helping": [9, 15, (22, "guest")],
}
# Hats by circle: (hat type slug, member index). Leeds leaves its Logbook Keeper hat unworn.
HATS: dict[str, list[tuple[str, int]]] = {
    "purpose": [
        ("leader", 2),
        ("facilitator", 3),
        ("secretary", 4),
        ("logbook-keeper", 5),
        ("admissions", 0),
        ("learning-lead", 6),
    ],
    "places": [
        ("leader", 7),
        ("delegate", 6),
        ("facilitator", 8),
        ("secretary", 9),
        ("coach", 10),
        ("care-commons-organiser", 11),
    ],
    "calder": [
        ("leader", 10),
        ("delegate", 12),
        ("facilitator", 13),
        ("secretary", 14),
        ("logbook-keeper", 15),
        ("team-starter", 16),
        ("recruiter", 17),
        ("peer-supervisor", 18),
    ],
    "leeds": [
        ("leader", 11),
        ("delegate", 20),
        ("facilitator", 21),
        ("team-starter", 23),
        ("coach", 24),
        ("peer-supervisor", 25),
    ],
    "helping": [("facilitator", 15)],
}
# A mix of privacy choices: (member index, section, audience); a missing row is the default.
PRIVACY: list[tuple[int, str, str]] = [
    (1, Section.CONTACT, Audience.CIRCLE),
    (1, Section.LOCATION, Audience.MEMBERS),
    (13, Section.NAME, Audience.ONLY_ME),
    (22, Section.HATS, Audience.ONLY_ME),
    (24, Section.NAME, Audience.CIRCLE),
    (16, Section.CONTACT, Audience.MEMBERS),
    (16, Section.LOCATION, Audience.CIRCLE),
    (18, Section.LANGUAGES, Audience.MEMBERS),
    (5, Section.MEMBERSHIP, Audience.ONLY_ME),
    (9, Section.HATS, Audience.CIRCLE),
    (14, Section.NAME, Audience.CIRCLE),
    (3, Section.CONTACT, Audience.TEAMS),
]


@dataclass
class DemoCoop:
    circles: dict[str, Circle] = field(default_factory=dict)
    members: list = field(default_factory=list)
    admin: object = None
    applicants: list = field(default_factory=list)


def _circles(coop: DemoCoop, seeder: Seeder) -> None:
    for key, (name, kind, parent, aim, domain) in CIRCLES.items():
        closes_on = seeder.today + datetime.timedelta(days=120) if kind == "helping" else None
        coop.circles[key] = create_circle(
            None, name, aim, domain, coop.circles.get(parent or ""), kind, closes_on
        )


def _calder_valley_people() -> set[int]:
    return {e if isinstance(e, int) else e[0] for e in CIRCLE_CAST["calder"]}


def _people(coop: DemoCoop, seeder: Seeder, taken: set[str]) -> None:
    coop.admin = make_person(seeder, 0, ADMIN_EMAIL, "Alex Morgan", "LS1", superuser=True)
    fixed = [(ADMISSIONS_EMAIL, "Priya Shah", "HX7"), (MEMBER_EMAIL, "Jordan Wood", "LS6")]
    calder = _calder_valley_people()
    for n, (member_class, worker_kind) in enumerate(MEMBER_CLASSES):
        if n < len(fixed):
            email, name, outward = fixed[n]
        else:
            name = f"{seeder.fake.first_name()} {seeder.fake.last_name()}"
            email = email_for(name, DEMO_DOMAIN, taken)
            districts = postcodes.CALDER_VALLEY if n in calder else postcodes.LEEDS
            outward = seeder.rng.choice(districts)
        person = make_person(seeder, n + 1, email, name, outward)
        make_member(seeder, person, member_class, worker_kind)
        coop.members.append(person)
    make_member(seeder, coop.members[8], MemberClass.INVESTOR)  # a worker who holds shares


def _applications(coop: DemoCoop, seeder: Seeder, taken: set[str]) -> None:
    """Two open applications (the Admissions hat hears of both) and one account not yet applied."""
    accounts = [
        (APPLICANT_EMAIL, "Robin Clegg", "LS7", MemberClass.SUPPORTED, ""),
        (None, None, "OL14", MemberClass.WORKER, WorkerKind.VOLUNTEER),
        (None, None, "LS12", "", ""),
    ]
    for n, (email, name, outward, member_class, worker_kind) in enumerate(accounts, start=40):
        if name is None:
            name = f"{seeder.fake.first_name()} {seeder.fake.last_name()}"
            email = email_for(name, DEMO_DOMAIN, taken)
        person = make_person(seeder, n, email, name, outward)
        if member_class:
            answers = answers_for(seeder.rng, [q.key for q in questions_for(member_class)])
            apply_for_membership(person, member_class, worker_kind, answers, True)
            coop.applicants.append(person)


def _circle_members(coop: DemoCoop, seeder: Seeder) -> None:
    for key, cast in CIRCLE_CAST.items():
        for entry in cast:
            index, participation = entry if isinstance(entry, tuple) else (entry, "full")
            # Joined before any hat below was put on: a hat needs its holder in the circle.
            joined_on = seeder.days_ago(430, 650)
            add_circle_member(
                None, coop.circles[key], coop.members[index], participation, joined_on
            )


def _hats(coop: DemoCoop, seeder: Seeder) -> None:
    types = {hat_type.slug: hat_type for hat_type in HatType.objects.all()}
    for key, hats in HATS.items():
        for slug, index in hats:
            put_on_hat(
                None, coop.circles[key], types[slug], coop.members[index], seeder.days_ago(20, 300)
            )
    # Leeds changed its Secretary two months ago, so the logbook shows a handover.
    leeds, secretary = coop.circles["leeds"], types["secretary"]
    earlier = put_on_hat(None, leeds, secretary, coop.members[23], seeder.days_ago(400, 420))
    take_off_hat(None, earlier, seeder.today - datetime.timedelta(days=60))
    put_on_hat(None, leeds, secretary, coop.members[22], seeder.today - datetime.timedelta(days=59))


def _privacy(coop: DemoCoop) -> None:
    for index, section, audience in PRIVACY:
        PrivacyChoice.objects.create(person=coop.members[index], section=section, audience=audience)
    # One member lets only a named colleague see their name.
    choice = PrivacyChoice.objects.create(
        person=coop.members[21], section=Section.NAME, audience=Audience.NAMED
    )
    choice.named_people.add(coop.members[25])


@transaction.atomic
def build_demo(seeder: Seeder | None = None) -> DemoCoop:
    """Build the demo co-op in an empty database; the same people every time."""
    seeder = seeder or Seeder()
    coop = DemoCoop()
    taken = {ADMIN_EMAIL, ADMISSIONS_EMAIL, MEMBER_EMAIL, APPLICANT_EMAIL}
    _circles(coop, seeder)
    _people(coop, seeder, taken)
    _circle_members(coop, seeder)
    _hats(coop, seeder)
    _applications(coop, seeder, taken)
    _privacy(coop)
    teams = build_demo_teams(coop, seeder)
    build_demo_visits(coop, teams, seeder)
    build_demo_learning(coop, teams, seeder)
    return coop
