"""Teams for the large co-op: about 15,000 teams of 4 to 8 people, so team pages meet real sizes.

Each team has an owner from its local circle, 3 to 7 more members of mixed kinds, its own circle
of kind "team" under the local circle, a few team hats, and for some teams a Getting Support
Profile and a team-starting case (enquiry, case and signed Promise) led by the local circle's
Team Starter. Every local circle with teams gets a Team Starter if it had none.

Like the rest of ``large.py``, the rows are written in bulk with a fixed seed and no audit events
or notifications: audit events record what people did, nobody did these, and writing them one at
a time through the services would take many minutes. The services' rules are kept by
construction: one open team per owner, each person at most once in a team, team hats only on the
team's members, a case's Team Starter wears that hat in the case's local circle.
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from coopcare.circles.models import Circle, Hat, HatType
from coopcare.circles.services import add_months
from coopcare.members.models import Profile
from coopcare.seed.people import Seeder
from coopcare.starting import promise
from coopcare.starting.models import PROMISE_FUNDING, Case, Enquiry, PromiseSignature
from coopcare.supportprofiles.models import GettingSupportProfile
from coopcare.teams.models import MemberKind, Team, TeamMember

BATCH = 2000
# Of a local circle's members, at most this share own a team, so others are left to join them.
OWNER_SHARE = 0.35
KIND_WEIGHTS = [
    (MemberKind.INDEPENDENT_WORKER, 40),
    (MemberKind.EMPLOYED_WORKER, 15),
    (MemberKind.FAMILY_FRIEND, 20),
    (MemberKind.VOLUNTEER, 10),
    (MemberKind.PEER_SUPPORTER, 10),
    (MemberKind.PROFESSIONAL, 5),
]
STATUS_WEIGHTS = [
    (Team.Status.STARTING, 15),
    (Team.Status.ACTIVE, 60),
    (Team.Status.SELF_MANAGING, 25),
]
TEAM_HATS = ["rota-holder", "mar-holder", "team-chat-admin", "check-in-facilitator"]
ABOUT = [
    "I love my garden and the radio in the morning.",
    "Former teacher; I like a good chat and a strong cup of tea.",
    "I live with my cat and like to get out to the market on Saturdays.",
    "I enjoy music, crosswords and visits from my grandchildren.",
]


def _pick(rng, weights):
    return rng.choices([value for value, _ in weights], [weight for _, weight in weights])[0]


def _starters(locals_, ids: dict[int, int], seeder: Seeder) -> dict[int, int]:
    """{local circle id: Team Starter's user id}, putting the hat on a member where none is."""
    hat_type = HatType.objects.get(slug="team-starter")
    circle_ids = [local.circle.pk for local in locals_]
    starters = dict(
        Hat.objects.current()
        .filter(hat_type=hat_type, circle_id__in=circle_ids)
        .order_by("started_on", "pk")
        .values_list("circle_id", "holder_id")
    )
    new_hats = []
    for local in locals_:
        # large.py gives the first seven members of a new local circle its other hats.
        if local.circle.pk in starters or len(local.members) < 8:
            continue
        holder = ids[local.members[7]]
        started = seeder.days_ago(30, 300)
        new_hats.append(
            Hat(
                circle_id=local.circle.pk,
                hat_type=hat_type,
                holder_id=holder,
                started_on=started,
                review_on=add_months(started, hat_type.default_term_months),
            )
        )
        starters[local.circle.pk] = holder
    Hat.objects.bulk_create(new_hats, batch_size=BATCH)
    return starters


def _plan(seeder: Seeder, locals_, ids: dict[int, int], count: int):
    """[(local, owner id, [(member id, kind)])] for ``count`` teams spread by circle size."""
    rng = seeder.rng
    total = sum(len(local.members) for local in locals_) or 1
    plans = []
    for local in locals_:
        quota = min(
            round(count * len(local.members) / total), int(len(local.members) * OWNER_SHARE)
        )
        if quota <= 0 or len(local.members) - quota < 7:
            continue
        owners = rng.sample(local.members, quota)
        pool = sorted(set(local.members) - set(owners))
        for owner in owners:
            others = rng.sample(pool, rng.randint(3, 7))
            plans.append((local, ids[owner], [(ids[n], _pick(rng, KIND_WEIGHTS)) for n in others]))
    return plans


def _teams(seeder: Seeder, plans) -> tuple[list[Team], dict[int, str]]:
    owner_ids = {owner for _, owner, _ in plans}
    names = dict(Profile.objects.filter(person_id__in=owner_ids).values_list("person_id", "name"))
    circles, teams = [], []
    for local, owner, _ in plans:
        name = f"Team {names.get(owner, owner)}"
        circles.append(
            Circle(
                name=name,
                slug=slugify(f"{name} {owner}"),
                kind=Circle.Kind.TEAM,
                parent_id=local.circle.pk,
                aim=f"Support {names.get(owner, 'the owner')} the way they choose.",
                domain="Who is in the team, when and how support happens, and the team's hats.",
            )
        )
    Circle.objects.bulk_create(circles, batch_size=BATCH)
    for circle, (local, owner, _) in zip(circles, plans, strict=True):
        teams.append(
            Team(
                circle_id=circle.pk,
                owner_id=owner,
                local_circle_id=local.circle.pk,
                status=_pick(seeder.rng, STATUS_WEIGHTS),
                created_at=seeder.moment_days_ago(60, 1080),
            )
        )
    Team.objects.bulk_create(teams, batch_size=BATCH)
    return teams, names


def _members_and_hats(seeder: Seeder, plans, teams: list[Team]) -> None:
    rng = seeder.rng
    types = {slug: HatType.objects.get(slug=slug) for slug in [*TEAM_HATS, "profile-holder"]}
    members, hats = [], []
    for team, (_, owner, others) in zip(teams, plans, strict=True):
        joined = team.created_at.date()
        members.append(
            TeamMember(team_id=team.pk, person_id=owner, kind=MemberKind.OWNER, joined_on=joined)
        )
        for person, kind in others:
            status = TeamMember.Status.TRIAL if rng.random() < 0.1 else TeamMember.Status.MEMBER
            on = joined + datetime.timedelta(days=rng.randint(1, 50))
            members.append(
                TeamMember(
                    team_id=team.pk, person_id=person, kind=kind, status=status, joined_on=on
                )
            )
        hat_slugs = rng.sample(TEAM_HATS, rng.randint(1, 3))
        wearers = [(owner, "profile-holder"), *zip([p for p, _ in others], hat_slugs, strict=False)]
        for person, slug in wearers:
            started = joined + datetime.timedelta(days=rng.randint(1, 50))
            hats.append(
                Hat(
                    circle_id=team.circle_id,
                    hat_type=types[slug],
                    holder_id=person,
                    started_on=started,
                    review_on=add_months(started, types[slug].default_term_months),
                )
            )
    TeamMember.objects.bulk_create(members, batch_size=BATCH)
    Hat.objects.bulk_create(hats, batch_size=BATCH)


def _profiles_and_cases(
    seeder: Seeder, teams: list[Team], names: dict[int, str], starters: dict[int, int]
) -> None:
    """A Getting Support Profile for about half the teams; a case and Promise for a third."""
    rng = seeder.rng
    profiles, cased = [], []
    for team in teams:
        if rng.random() < 0.5:
            profiles.append(GettingSupportProfile(team_id=team.pk, about_me=rng.choice(ABOUT)))
        if team.local_circle_id in starters and rng.random() < 0.33:
            cased.append(team)
    GettingSupportProfile.objects.bulk_create(profiles, batch_size=BATCH)
    enquiries = [
        Enquiry(
            for_whom=Enquiry.ForWhom.SELF,
            contact_name=names.get(team.owner_id, "")[:120] or "Unknown",
            needs="Help at home a few mornings a week, and company on the way to the shops.",
            postcode="LS1 1AA",
            funding=rng.choice(PROMISE_FUNDING),
            status=Enquiry.Status.PROCEED,
            local_circle_id=team.local_circle_id,
            decided_by_id=starters[team.local_circle_id],
            decided_at=team.created_at,
            created_at=team.created_at - datetime.timedelta(days=7),
        )
        for team in cased
    ]
    Enquiry.objects.bulk_create(enquiries, batch_size=BATCH)
    cases, promises = [], []
    sections = promise.sections(promise.CURRENT)
    for team, enquiry in zip(cased, enquiries, strict=True):
        starter = starters[team.local_circle_id]
        stepped = team.status == Team.Status.SELF_MANAGING
        cases.append(
            Case(
                enquiry_id=enquiry.pk,
                local_circle_id=team.local_circle_id,
                team_starter_id=starter,
                person_id=team.owner_id,
                team_id=team.pk,
                created_by_id=starter,
                created_at=team.created_at,
                stepped_back_at=timezone.now() if stepped else None,
                stepped_back_by_id=starter if stepped else None,
            )
        )
        if team.status != Team.Status.STARTING:
            promises.append(
                PromiseSignature(
                    team_id=team.pk,
                    signed_as=PromiseSignature.SignedAs.OWNER,
                    signer_id=team.owner_id,
                    signer_name=enquiry.contact_name,
                    funding=enquiry.funding,
                    signed_on=team.created_at.date(),
                    version=promise.CURRENT,
                    sections=sections,
                    recorded_by_id=starter,
                )
            )
    Case.objects.bulk_create(cases, batch_size=BATCH)
    PromiseSignature.objects.bulk_create(promises, batch_size=BATCH)


def build_large_teams(seeder: Seeder, locals_, ids: dict[int, int], count: int) -> int:
    """Add about ``count`` teams over the local circles' new members; returns how many."""
    starters = _starters(locals_, ids, seeder)
    plans = _plan(seeder, locals_, ids, count)
    teams, names = _teams(seeder, plans)
    _members_and_hats(seeder, plans, teams)
    _profiles_and_cases(seeder, teams, names, starters)
    return len(teams)
