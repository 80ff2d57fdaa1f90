"""Booking benchmark on PostgreSQL: the overlap check's speed and the double-booking race.

Two promises of the appointments issue, measured on the large co-op (about two million
appointments):

1. **The overlap check is fast**: ``booking.clash_for`` (is this giver already holding time that
   overlaps?) is timed for 1,000 random candidates; the 95th percentile must be under 20 ms.
2. **No double booking under a race**: 50 threads, each with its own database connection, try
   at the same moment to book one giver into 50 overlapping appointments. Exactly one may
   succeed; the other 49 must be refused with a ``DomainError`` (PostgreSQL's exclusion
   constraint decides between transactions that check at the same time).

The database is ``DATABASE_URL``, by default ``postgres://postgres@127.0.0.1:5432/coopcare_bench``;
it is created if missing, migrated, and seeded with the large co-op the first time (``--fresh``
builds it again). Any other database is skipped with a message: SQLite serialises every booking
with its write lock, so neither measurement means anything there. If PostgreSQL cannot be
reached, the run prints why and exits 0, so ``make bench`` still works on a machine without it.

Run it with ``make bench`` or ``.venv/bin/python bench/visits.py``; docs/bench.md explains it.
"""

import argparse
import datetime
import io
import json
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/coopcare_bench"
P95_LIMIT_MS = 20.0


def _prepare_database(url: str, fresh: bool) -> str | None:
    """Create the database if it is missing (or again, with ``fresh``); None when it is ready,
    else the reason PostgreSQL cannot be used."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        return f"DATABASE_URL names no database: {url}"
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and fresh:
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
                exists = None
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created the database {name}.")
    except psycopg.OperationalError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return f"PostgreSQL is not reachable at {parts.hostname}:{parts.port or 5432} ({reason})."
    return None


def _setup(url: str) -> None:
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="coopcare.config.settings",
        COOPCARE_ENV="development",
        DEBUG="false",
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django  # only after the environment above is set

    django.setup()


def _seed() -> dict[str, Any] | None:
    """Migrate, and seed the large co-op unless it is there; None if the database holds other
    data, which this benchmark never touches."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from coopcare.visits.models import Appointment

    users = get_user_model()
    if users._meta.db_table in connection.introspection.table_names():
        people = users.objects.exclude(email__endswith="@demo.coopcare.test")
        if people.exists() and not people.filter(email__endswith="@large.coopcare.test").exists():
            return None
    call_command("migrate", verbosity=0, interactive=False)
    if users.objects.exists():
        print("The database already holds the large co-op; reusing it (--fresh builds it again).")
        seconds = None
    else:
        print("Seeding the large co-op into PostgreSQL (several minutes)…", flush=True)
        started = time.perf_counter()
        call_command("seed", scale="large", stdout=io.StringIO())
        seconds = round(time.perf_counter() - started, 1)
        print(f"Seeded in {seconds} s.")
    return {
        "people": users.objects.count(),
        "appointments": Appointment.objects.count(),
        "seed_seconds": seconds,
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def overlap_check(candidates: int, rng: random.Random) -> dict[str, Any]:
    """Time ``clash_for`` for unsaved attendances of busy givers at random times."""
    from django.db.models import Max, Min

    from coopcare.visits.models import Attendee
    from coopcare.visits.services.booking import clash_for

    held = Attendee.objects.filter(holds_time=True)
    span = held.aggregate(first=Min("busy_from"), last=Max("busy_until"))
    # Givers who hold time: the index has rows for them, so each check does real work.
    people = list(held.order_by("?").values_list("person_id", flat=True).distinct()[:5000])
    if not people:
        raise SystemExit("No giver holds any time: is the large co-op seeded?")
    seconds = (span["last"] - span["first"]).total_seconds()
    timings, clashes = [], 0
    for n in range(candidates + 20):
        start = span["first"] + datetime.timedelta(seconds=rng.uniform(0, seconds))
        start = start.replace(minute=rng.choice([0, 15, 30, 45]), second=0, microsecond=0)
        minutes = rng.choice([30, 45, 60, 90, 120]) + rng.choice([0, 10, 15, 20])
        candidate = Attendee(
            person_id=rng.choice(people),
            role=Attendee.Role.GIVER,
            busy_from=start,
            busy_until=start + datetime.timedelta(minutes=minutes),
        )
        begin = time.perf_counter()
        other = clash_for(candidate)
        elapsed = (time.perf_counter() - begin) * 1000
        if n >= 20:  # the first few warm the connection and the query cache
            timings.append(elapsed)
            clashes += other is not None
    return {
        "candidates": candidates,
        "clashes_found": clashes,
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(_percentile(timings, 0.95), 2),
        "p99_ms": round(_percentile(timings, 0.99), 2),
        "max_ms": round(max(timings), 2),
    }


def _race_setup(count: int) -> tuple[Any, list]:
    """A giver and ``count`` appointments of their team that all overlap, each asking them."""
    from django.utils import timezone

    from coopcare.starting.models import PromiseSignature
    from coopcare.teams.models import MemberKind, Team, TeamMember
    from coopcare.visits.models import Attendee
    from coopcare.visits.services import booking
    from coopcare.visits.services.recurrence_rules import local_start

    ready = PromiseSignature.objects.values("team_id")
    member = (
        TeamMember.objects.current()
        .filter(
            kind=MemberKind.INDEPENDENT_WORKER,
            team__status__in=[Team.Status.ACTIVE, Team.Status.SELF_MANAGING],
            team_id__in=ready,
        )
        .select_related("team__owner", "person")
        .order_by("?")
        .first()
    )
    # A day past everything seeded, at a time the giver holds nothing.
    day = timezone.localdate() + datetime.timedelta(days=random.randint(60, 600))
    base = local_start(day, datetime.time(10, 0))
    while Attendee.objects.filter(
        person=member.person,
        holds_time=True,
        busy_from__lt=base + datetime.timedelta(hours=3),
        busy_until__gt=base,
    ).exists():
        base += datetime.timedelta(days=1)
    appointments = [
        booking.create_appointment(
            None,
            member.team,
            title=f"Race {n + 1}",
            starts_at=base + datetime.timedelta(minutes=n),
            ends_at=base + datetime.timedelta(minutes=n + 60),
            place="home",
            support_kinds=["companionship"],
            givers=[member.person],
            notify_people=False,
        )
        for n in range(count)
    ]
    return member.person, appointments


def race(threads: int) -> dict[str, Any]:
    """``threads`` threads try to join the same giver to overlapping appointments at once."""
    from django.db import connection

    from coopcare.errors import DomainError
    from coopcare.visits.models import Appointment, Attendee
    from coopcare.visits.services import booking

    giver, appointments = _race_setup(threads)
    connection.close()  # each thread opens its own connection
    barrier = threading.Barrier(threads)
    outcomes: list[str] = []
    refusals: list[str] = []
    lock = threading.Lock()

    def attempt(appointment: Appointment) -> None:
        try:
            connection.ensure_connection()  # connect first, so the barrier releases the bookings
            barrier.wait()
            booking.join_appointment(giver, appointment)
            outcome = "booked"
        except DomainError as error:
            outcome = "refused"
            with lock:
                refusals.append(error.message)
        except Exception as error:  # noqa: BLE001 (counted and printed: the run then fails)
            outcome = f"error: {type(error).__name__}: {error}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    workers = [threading.Thread(target=attempt, args=(a,)) for a in appointments]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = round((time.perf_counter() - started) * 1000, 1)
    ids = [a.pk for a in appointments]
    held = Attendee.objects.filter(appointment_id__in=ids, holds_time=True).count()
    # Free the giver again, so the next run finds the same starting point.
    Attendee.objects.filter(appointment_id__in=ids).update(holds_time=False)
    Appointment.objects.filter(pk__in=ids).update(status=Appointment.Status.CANCELLED)
    errors = [o for o in outcomes if o.startswith("error")]
    return {
        "threads": threads,
        "booked": outcomes.count("booked"),
        "refused": outcomes.count("refused"),
        "errors": errors,
        "held_afterwards": held,
        "milliseconds": elapsed,
        "refusal_example": refusals[0] if refusals else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=1000, help="overlap checks to time")
    parser.add_argument("--threads", type=int, default=50, help="threads in the booking race")
    parser.add_argument("--fresh", action="store_true", help="drop, recreate and seed again")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if urlsplit(url).scheme not in ("postgres", "postgresql", "pgsql"):
        print(
            "Skipped bench/visits.py: it measures PostgreSQL only, and DATABASE_URL is "
            f"{urlsplit(url).scheme or url!r}. Unset it to use {DEFAULT_URL}."
        )
        return 0
    problem = _prepare_database(url, args.fresh)
    if problem:
        print(f"Skipped bench/visits.py: {problem}")
        return 0
    _setup(url)
    size = _seed()
    if size is None:
        print(
            f"bench/visits.py refuses {urlsplit(url).path.lstrip('/')}: it holds people who are "
            "not the seeded large co-op, and the race writes appointments. Point DATABASE_URL "
            "at an empty database, or unset it."
        )
        return 1
    print(f"{size['people']} people, {size['appointments']} appointments.")
    overlap = overlap_check(args.candidates, random.Random(20250601))
    print(
        f"\nOverlap check (clash_for), {overlap['candidates']} candidates: "
        f"p50 {overlap['p50_ms']} ms, p95 {overlap['p95_ms']} ms, p99 {overlap['p99_ms']} ms "
        f"(max {overlap['max_ms']} ms; {overlap['clashes_found']} found a clash)."
    )
    result = race(args.threads)
    print(
        f"Booking race, {result['threads']} threads at once: {result['booked']} booked, "
        f"{result['refused']} refused with DomainError, {len(result['errors'])} other errors, "
        f"{result['held_afterwards']} held time; {result['milliseconds']} ms in all."
    )
    if result["refusal_example"]:
        print(f"  A refusal said: {result['refusal_example']}")
    problems = []
    if overlap["p95_ms"] >= P95_LIMIT_MS:
        problems.append(f"The overlap check's p95 is {overlap['p95_ms']} ms, not under 20 ms.")
    if result["booked"] != 1 or result["refused"] != result["threads"] - 1 or result["errors"]:
        problems.append("The race did not end with exactly one booking and the rest refused.")
        problems += [f"  {error}" for error in result["errors"][:5]]
    if result["held_afterwards"] != 1:
        problems.append(f"{result['held_afterwards']} attendances held the time, not 1.")
    RESULTS.mkdir(parents=True, exist_ok=True)
    summary = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "ok": not problems,
        "problems": problems,
        "database": {**size, "name": urlsplit(url).path.lstrip("/")},
        "overlap_check": overlap,
        "race": result,
    }
    (RESULTS / "visits.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nNumbers written to {(RESULTS / 'visits.json').relative_to(ROOT)}.")
    if problems:
        print("\nFAILED:", *problems, sep="\n")
        return 1
    print("The overlap check is fast enough, and the race made exactly one booking.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
