"""The large co-op for ``make bench``: about 50,000 people in 200 circles.

It starts from the demo co-op, so the demo accounts exist at both scales and the benchmark looks
at the same pages through the same eyes, then adds Places Circles for more regions, about 195
Local Circles named after real postcode districts, and tens of thousands of people with
memberships, circle memberships, hats, privacy choices and some open applications.

The bulk rows bypass the services on purpose. Services write an audit event and a notification
per change, one row at a time; that would take many minutes and fill the audit log with events
nobody did. Audit events record what people did, so bulk seeding writes none (and no field
history either: ``bulk_create`` skips django-simple-history). The rules the services enforce are
kept by construction: hat holders are circle members, and a circle's Leader and Delegate are
different people.
"""

import datetime
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from coopcare.circles.models import Circle, CircleMembership, Hat, HatType
from coopcare.circles.services import add_months
from coopcare.members.models import (
    Audience,
    MemberClass,
    Membership,
    MembershipApplication,
    PrivacyChoice,
    Profile,
    Section,
    WorkerKind,
)
from coopcare.members.questions import questions_for
from coopcare.seed import postcodes, texts
from coopcare.seed.demo import DemoCoop, build_demo
from coopcare.seed.learning_large import build_large_learning
from coopcare.seed.people import FOUNDING_BASIS, LANGUAGES, PRONOUNS, Seeder
from coopcare.seed.teams_large import build_large_teams
from coopcare.seed.visits_large import build_large_visits

User = get_user_model()

BATCH = 2000
LARGE_DOMAIN = "large.coopcare.test"
CLASS_WEIGHTS = [
    (MemberClass.WORKER, 55),
    (MemberClass.SUPPORTED, 25),
    (MemberClass.ADVOCATE, 10),
    (MemberClass.INVESTOR, 10),
]
WORKER_KINDS = [
    WorkerKind.EMPLOYED,
    WorkerKind.INDEPENDENT,
    WorkerKind.INDEPENDENT,
    WorkerKind.VOLUNTEER,
]
PARTICIPATION = ["full"] * 16 + ["learning"] * 3 + ["guest"]
PROCESS_HATS = ["leader", "delegate", "facilitator", "secretary", "logbook-keeper"]
OPERATIONAL_HATS = [
    "team-starter",
    "coach",
    "recruiter",
    "peer-supervisor",
    "learning-lead",
    "care-commons-organiser",
]
PRIVACY_AUDIENCES = [Audience.ONLY_ME, Audience.TEAMS, Audience.CIRCLE, Audience.MEMBERS]


@dataclass
class LocalCircle:
    circle: Circle
    region: str
    districts: list[str]
    members: list[int] = field(default_factory=list)


def _new_circles(coop: DemoCoop, seeder: Seeder, total: int) -> tuple[dict, list[LocalCircle]]:
    """Places Circles for every region and Local Circles up to ``total`` circles in all."""
    purpose, west = coop.circles["purpose"], coop.circles["places"]
    regions = list(dict.fromkeys(region for _, region, _ in postcodes.all_districts()))
    places = {"West Yorkshire": west}
    for region in regions[1:]:
        places[region] = Circle(
            name=f"{region} Places Circle",
            slug=slugify(f"{region} Places Circle"),
            kind=Circle.Kind.PLACES,
            parent=purpose,
            aim=texts.PLACES_AIM.format(region=region),
            domain=texts.PLACES_DOMAIN.format(region=region),
        )
    Circle.objects.bulk_create([c for c in places.values() if c.pk is None])
    # Team circles do not count: "200 circles" means the co-op's own circles, teams apart.
    wanted = max(total - Circle.objects.exclude(kind=Circle.Kind.TEAM).count(), 0)
    districts = postcodes.all_districts()
    chosen = sorted(seeder.rng.sample(range(len(districts)), min(wanted, len(districts))))
    new_locals = []
    for index in chosen:
        town, region, code = districts[index]
        name = f"{town} {code} Circle"
        circle = Circle(
            name=name,
            slug=slugify(name),
            kind=Circle.Kind.LOCAL,
            parent=places[region],
            aim=texts.LOCAL_AIM.format(place=f"{town} {code}"),
            domain=texts.LOCAL_DOMAIN.format(place=f"{town} {code}"),
        )
        new_locals.append(LocalCircle(circle, region, [code]))
    Circle.objects.bulk_create([local.circle for local in new_locals])
    demo_locals = [
        LocalCircle(coop.circles["calder"], "West Yorkshire", postcodes.CALDER_VALLEY),
        LocalCircle(coop.circles["leeds"], "West Yorkshire", postcodes.LEEDS),
    ]
    return places, demo_locals + new_locals


class PeopleBatch:
    """The rows for one batch of new people, written with one bulk insert per table.

    Rows are planned before their person has an id, and built (with the id) once
    ``bulk_create`` has saved the people: setting ``person_id`` directly is several times
    cheaper than letting Django resolve an unsaved related object per row.
    """

    def __init__(self) -> None:
        self.users: list = []
        self.plans: dict[type, list[tuple[str, object, dict]]] = {
            model: []
            for model in (
                Profile,
                EmailAddress,
                Membership,
                CircleMembership,
                PrivacyChoice,
                MembershipApplication,
            )
        }

    def add(self, model: type, owner: str, user, **fields) -> None:
        self.plans[model].append((owner, user, fields))

    def save(self) -> None:
        User.objects.bulk_create(self.users, batch_size=BATCH)
        for model, plans in self.plans.items():
            rows = [model(**{f"{owner}_id": user.pk}, **fields) for owner, user, fields in plans]
            model.objects.bulk_create(rows, batch_size=BATCH)


def _person_rows(
    batch: PeopleBatch,
    seeder: Seeder,
    n: int,
    local: LocalCircle,
    names: tuple[list[str], list[str]],
    hash_: str,
) -> None:
    rng = seeder.rng
    email = f"person{n:05d}@{LARGE_DOMAIN}"
    joined = timezone.now() - datetime.timedelta(days=rng.randint(30, 900))
    user = User(email=email, password=hash_, date_joined=joined)
    batch.users.append(user)
    batch.add(
        Profile,
        "person",
        user,
        name=f"{rng.choice(names[0])} {rng.choice(names[1])}",
        pronouns=rng.choice(PRONOUNS),
        phone=seeder.phone(n),
        languages=rng.choice(LANGUAGES),
        postcode=postcodes.postcode(rng, rng.choice(local.districts)),
    )
    batch.add(EmailAddress, "user", user, email=email, verified=True, primary=True)
    member_class = rng.choices([c for c, _ in CLASS_WEIGHTS], [w for _, w in CLASS_WEIGHTS])[0]
    worker_kind = rng.choice(WORKER_KINDS) if member_class == MemberClass.WORKER else ""
    if rng.random() < 0.92:
        batch.add(
            Membership,
            "person",
            user,
            member_class=member_class,
            worker_kind=worker_kind,
            basis=FOUNDING_BASIS,
            started_at=joined + datetime.timedelta(days=rng.randint(1, 29)),
        )
        batch.add(
            CircleMembership,
            "person",
            user,
            circle_id=local.circle.pk,
            participation=rng.choice(PARTICIPATION),
            joined_on=seeder.days_ago(1, 600),
        )
        local.members.append(n)
    elif rng.random() < 0.5:
        keys = [q.key for q in questions_for(member_class)]
        batch.add(
            MembershipApplication,
            "applicant",
            user,
            member_class=member_class,
            worker_kind=worker_kind,
            answers=texts.answers_for(rng, keys),
            accepted_commitment_at=timezone.now(),
        )
    if rng.random() < 0.25:
        for section in rng.sample(list(Section.values), rng.randint(1, 2)):
            batch.add(
                PrivacyChoice,
                "person",
                user,
                section=section,
                audience=rng.choice(PRIVACY_AUDIENCES),
            )


def _people(seeder: Seeder, locals_: list[LocalCircle], count: int, hash_: str) -> dict[int, int]:
    """Create ``count`` people spread over the local circles; returns {seed number: user id}."""
    fake = seeder.fake
    names = ([fake.first_name() for _ in range(2000)], [fake.last_name() for _ in range(2000)])
    ids: dict[int, int] = {}
    for start in range(0, count, BATCH):
        batch = PeopleBatch()
        for n in range(start, min(start + BATCH, count)):
            _person_rows(batch, seeder, n, locals_[n % len(locals_)], names, hash_)
        batch.save()
        ids.update((start + i, user.pk) for i, user in enumerate(batch.users))
    return ids


def _hats_and_links(
    seeder: Seeder,
    places: dict,
    locals_: list[LocalCircle],
    ids: dict[int, int],
    demo_circles: set[int],
) -> None:
    """Hats in every new circle; each local's Leader and Delegate also sit in its Places Circle."""
    types = {hat_type.slug: hat_type for hat_type in HatType.objects.all()}
    hats: list[Hat] = []
    links: list[CircleMembership] = []
    places_members: dict[str, list[int]] = {region: [] for region in places}

    def wear(circle: Circle, holders: list[int], slugs: list[str]) -> None:
        # One hat per person in a circle, so Leader and Delegate are never the same person.
        for slug, n in zip(slugs, holders, strict=False):
            started = seeder.days_ago(10, 330)
            hats.append(
                Hat(
                    circle=circle,
                    hat_type=types[slug],
                    holder_id=ids[n],
                    started_on=started,
                    review_on=add_months(started, types[slug].default_term_months),
                )
            )

    for local in locals_:
        if local.circle.pk in demo_circles:
            continue
        extra = seeder.rng.sample(OPERATIONAL_HATS, 2)
        wear(local.circle, local.members, PROCESS_HATS + extra)
        for n in local.members[:2]:
            links.append(CircleMembership(circle=places[local.region], person_id=ids[n]))
            places_members[local.region].append(n)
    for region, circle in places.items():
        if circle.pk not in demo_circles:
            wear(circle, places_members[region], PROCESS_HATS + OPERATIONAL_HATS[:2])
    CircleMembership.objects.bulk_create(links, batch_size=BATCH)
    Hat.objects.bulk_create(hats, batch_size=BATCH)


def build_large(people: int = 50_000, circles: int = 200, seeder: Seeder | None = None) -> None:
    """Build the large co-op in an empty database: ``people`` people in ``circles`` circles,
    and about 40 appointments per person (two million at full size)."""
    seeder = seeder or Seeder()
    coop = build_demo(seeder)
    with transaction.atomic():
        demo_circles = {circle.pk for circle in coop.circles.values()}
        places, locals_ = _new_circles(coop, seeder, circles)
        ids = _people(seeder, locals_, max(people - User.objects.count(), 0), seeder.password_hash)
        _hats_and_links(seeder, places, locals_, ids, demo_circles)
        build_large_teams(seeder, locals_, ids, count=people * 3 // 10)
    with transaction.atomic():
        build_large_visits(seeder, appointments=people * 40)
    with transaction.atomic():
        build_large_learning(seeder)
