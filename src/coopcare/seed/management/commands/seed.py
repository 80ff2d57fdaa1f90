"""``manage.py seed --scale demo|large [--if-empty]``: load a made-up co-op.

``demo`` is the small co-op ``make run`` shows (README.md lists its accounts); ``large`` is the
co-op ``make bench`` measures pages against. Both are the same every time they are built.
"""

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coopcare.seed.demo import build_demo
from coopcare.seed.large import build_large

User = get_user_model()


class Command(BaseCommand):
    help = "Load a made-up co-op: the demo (about 30 people) or a large one (about 50,000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            choices=["demo", "large"],
            default="demo",
            help="demo: a small co-op to try things; large: for benchmarks.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing, quietly, if anybody has an account already.",
        )

    def handle(self, *args: Any, scale: str, if_empty: bool, **options: Any) -> None:
        if User.objects.exists():
            if if_empty:
                self.stdout.write("The database already has people in it; nothing seeded.")
                return
            # Seeding on top of real data would mix made-up people with real ones.
            raise CommandError(
                "The database already has people in it. Seed an empty database, or pass "
                "--if-empty to skip seeding when there is data."
            )
        started = time.monotonic()
        if scale == "demo":
            build_demo()
        else:
            build_large()
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded the {scale} co-op: {User.objects.count()} people "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
