"""Making seeded people: an account, a profile, a verified email and, for members, a membership.

Every seeded account shares one password hash, made once: hashing is deliberately slow (Argon2),
and a large seed would otherwise spend minutes hashing the same demo password 50,000 times. The
shared salt matters nowhere, because seeded accounts are demo and benchmark data, never real
people's.
"""

import datetime
import random
import re
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from faker import Faker

from coopcare.members.models import Membership, Profile
from coopcare.seed.postcodes import postcode

User = get_user_model()

DEMO_PASSWORD = "demo-password-1"  # noqa: S105  (published in README.md for the demo co-op)
SEED = 20250601
PRONOUNS = ["she/her", "he/him", "they/them", "she/they", ""]
LANGUAGES = [
    "English",
    "English",
    "English",
    "English, Urdu",
    "English, Polish",
    "English, Punjabi",
    "English, British Sign Language",
    "English, Welsh",
    "English, Bengali",
    "English, Arabic",
]
FOUNDING_BASIS = "Founding member (seeded data)"


@dataclass
class Seeder:
    """The shared, seeded sources of randomness and the one password hash."""

    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    fake: Faker = field(default_factory=lambda: Faker("en_GB"))
    password_hash: str = ""
    today: datetime.date = field(default_factory=timezone.localdate)

    def __post_init__(self) -> None:
        self.fake.seed_instance(SEED)
        if not self.password_hash:
            self.password_hash = make_password(DEMO_PASSWORD)

    def days_ago(self, low: int, high: int) -> datetime.date:
        return self.today - datetime.timedelta(days=self.rng.randint(low, high))

    def moment_days_ago(self, low: int, high: int) -> datetime.datetime:
        return timezone.now() - datetime.timedelta(days=self.rng.randint(low, high))

    def phone(self, n: int) -> str:
        # Ofcom keeps 07700 900000 to 900999 for drama and examples: never a real person's phone.
        return f"07700 900{n % 1000:03d}"

    def profile_fields(self, n: int, outward: str) -> dict[str, str]:
        return {
            "pronouns": self.rng.choice(PRONOUNS),
            "phone": self.phone(n),
            "postcode": postcode(self.rng, outward),
            "languages": self.rng.choice(LANGUAGES),
        }


def email_for(name: str, domain: str, taken: set[str]) -> str:
    local = re.sub(r"[^a-z.]", "", name.lower().replace(" ", "."))
    email, n = f"{local}@{domain}", 2
    while email in taken:
        email, n = f"{local}{n}@{domain}", n + 1
    taken.add(email)
    return email


def make_person(
    seeder: Seeder, n: int, email: str, name: str, outward: str, *, superuser: bool = False
):
    """One account that can sign in at once: profile, verified primary email, demo password."""
    person = User.objects.create(
        email=email,
        password=seeder.password_hash,
        is_staff=superuser,
        is_superuser=superuser,
        date_joined=seeder.moment_days_ago(60, 700),
    )
    Profile.objects.create(person=person, name=name, **seeder.profile_fields(n, outward))
    EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
    return person


def make_member(seeder: Seeder, person, member_class: str, worker_kind: str = "") -> Membership:
    """A membership held since the co-op's early days.

    Created directly rather than through admission: the demo co-op starts with founding members,
    who were never admitted on an application.
    """
    joined = person.date_joined + datetime.timedelta(days=seeder.rng.randint(7, 50))
    return Membership.objects.create(
        person=person,
        member_class=member_class,
        worker_kind=worker_kind,
        basis=FOUNDING_BASIS,
        started_at=min(joined, timezone.now()),
    )
