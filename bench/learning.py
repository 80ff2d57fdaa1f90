"""Training-matrix benchmark: a circle of 2,000 people × 25 topics and one of 200 × 5.

The promise of the learning issue: **the matrix renders with a query count that does not grow
with people or topics, in under a second.** This builds a fresh SQLite database under
``bench/results/`` (``learning.sqlite3``), migrates it, and writes two local circles in bulk:

* **large** — 2,000 people giving support in 400 teams, a policy of 25 topics (yearly,
  three-yearly, once and custom; some observed, some for kinds of support, two triggered by
  team needs), about 55,000 learning records over the last three years, hats, and
  registrations;
* **small** — the same shape with 200 people and 5 topics.

Signed in as each circle's Coach, it requests the matrix page (and the same page filtered to the
people with gaps, the CSV export and the API), counts the SQL queries of one request after a
warming one, and times ``--renders`` more (median). **It exits with status 1** if a query count
differs between the circles or if the large circle's matrix page takes a second or more.

Run it with ``make bench`` (or ``.venv/bin/python bench/learning.py``); docs/bench.md explains
the output.
"""

import argparse
import datetime
import json
import logging
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LIMIT_MS = 1000.0
CIRCLES = {"large": (2000, 25), "small": (200, 5)}
PEOPLE_PER_TEAM = 5
# (name, path): ``{id}`` is the circle's id.
REQUESTS = [
    ("matrix page", "/learning/circles/{id}/matrix/"),
    ("people with gaps", "/learning/circles/{id}/matrix/?status=gaps&page=2"),
    ("CSV export", "/learning/circles/{id}/matrix.csv"),
    ("API", "/api/learning/circles/{id}/matrix"),
]
KINDS = [
    "independent_worker",
    "independent_worker",
    "employed_worker",
    "peer_supporter",
    "volunteer",
    "family_friend",
]
SUPPORT = [["companionship"], ["personal_care", "medicines"], ["practical", "personal_care"]]


def _setup() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    database = RESULTS / "learning.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ.pop("DATABASE_URL", None)  # always SQLite, so results compare between machines
    os.environ.update(
        SQLITE_PATH=str(database),
        DJANGO_SETTINGS_MODULE="coopcare.config.settings",
        COOPCARE_ENV="development",
        DEBUG="false",
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django  # only after the environment above is set

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", message="No directory at")  # static files are not served


def _topics(count: int) -> list[dict[str, Any]]:
    """``count`` topics in one group, of every shape the engine knows."""
    workers = ["independent_worker", "employed_worker"]
    shapes = [
        {"interval": "yearly", "member_kinds": workers},
        {"interval": "three_yearly", "member_kinds": workers},
        {"interval": "yearly", "member_kinds": workers, "support_kinds": ["medicines"]},
        {
            "interval": "yearly",
            "member_kinds": workers,
            "support_kinds": ["medicines"],
            "observed": True,
        },
        {"interval": "once", "member_kinds": workers},
        {"interval": "custom", "custom_months": 18, "member_kinds": [*workers, "peer_supporter"]},
        {"interval": "three_yearly", "triggered": True, "member_kinds": [*workers, "volunteer"]},
        {"interval": "yearly", "member_kinds": []},
        {"interval": "three_yearly", "hats": ["recruiter"]},
    ]
    return [
        {"slug": f"bench-topic-{n}", "name": f"Bench topic {n}", **shapes[n % len(shapes)]}
        for n in range(count)
    ]


def build(slug: str, people: int, topic_count: int, rng: random.Random) -> tuple[Any, Any, int]:
    """A local circle with its policy, teams, people, records, hats and registrations; returns
    the circle and its Coach."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from coopcare.circles.models import Circle, CircleMembership, Hat, HatType
    from coopcare.learning.models import (
        LearningRecord,
        Policy,
        Registration,
        TeamNeed,
        Topic,
    )
    from coopcare.members.models import Membership, Profile
    from coopcare.supportprofiles.models import GivingSupportProfile
    from coopcare.teams.models import Team, TeamMember

    users = get_user_model()
    unusable = make_password(None)  # nobody signs in as these people
    today = timezone.localdate()
    now = timezone.now()
    purpose = Circle.objects.get_or_create(
        slug="bench-purpose",
        defaults={"name": "Bench Purpose", "kind": Circle.Kind.PURPOSE, "aim": "", "domain": ""},
    )[0]
    circle = Circle.objects.create(
        name=f"Bench {slug} circle",
        slug=f"bench-{slug}",
        kind=Circle.Kind.LOCAL,
        parent=purpose,
        aim="Benchmark",
        domain="Benchmark",
    )
    policy = Policy.objects.create(circle=circle)
    specs = _topics(topic_count)
    Topic.objects.bulk_create(
        [Topic(policy=policy, group="Every year", order=n, **s) for n, s in enumerate(specs)]
    )

    def accounts(prefix: str, count: int) -> list:
        made = users.objects.bulk_create(
            [
                users(email=f"{prefix}{n}@{slug}.bench.test", password=unusable, is_active=True)
                for n in range(count)
            ]
        )
        Profile.objects.bulk_create(
            [
                Profile(person=u, name=f"{rng.choice(NAMES)} {prefix.title()} {n}")
                for n, u in enumerate(made)
            ]
        )
        Membership.objects.bulk_create(
            [Membership(person=u, member_class="worker", basis="Bench") for u in made]
        )
        return made

    givers = accounts("giver", people)
    owners = accounts("owner", people // PEOPLE_PER_TEAM)
    coach = accounts("coach", 1)[0]
    CircleMembership.objects.create(circle=circle, person=coach)
    hat = {h.slug: h for h in HatType.objects.filter(slug__in=["coach", "recruiter"])}
    Hat.objects.create(hat_type=hat["coach"], holder=coach, circle=circle)
    team_circles = Circle.objects.bulk_create(
        [
            Circle(
                name=f"Team {slug} {n}",
                slug=f"bench-{slug}-team-{n}",
                kind=Circle.Kind.TEAM,
                parent=circle,
                aim="Benchmark",
                domain="Benchmark",
            )
            for n in range(len(owners))
        ]
    )
    teams = Team.objects.bulk_create(
        [
            Team(circle=c, owner=o, local_circle=circle, status=Team.Status.ACTIVE)
            for c, o in zip(team_circles, owners, strict=True)
        ]
    )
    members = [TeamMember(team=t, person=t.owner, kind="owner") for t in teams]
    members += [
        TeamMember(team=teams[n // PEOPLE_PER_TEAM], person=p, kind=rng.choice(KINDS))
        for n, p in enumerate(givers)
    ]
    TeamMember.objects.bulk_create(members)
    GivingSupportProfile.objects.bulk_create(
        [GivingSupportProfile(person=p, support_kinds=rng.choice(SUPPORT)) for p in givers]
    )
    triggered = [s["slug"] for s in specs if s.get("triggered")]
    TeamNeed.objects.bulk_create(
        [
            TeamNeed(team=t, topic_slug=rng.choice(triggered), marked_by=t.owner)
            for t in teams[::4]
            if triggered
        ]
    )
    Hat.objects.bulk_create(
        [Hat(hat_type=hat["recruiter"], holder=p, circle=circle) for p in givers[::40]]
    )
    records = []
    for person in givers:
        for spec in specs:
            if rng.random() < 0.12:
                continue  # missing
            for _time in range(rng.choice([1, 1, 2])):
                done = today - datetime.timedelta(days=rng.randrange(0, 3 * 365))
                records.append(
                    LearningRecord(
                        person=person,
                        topic_slug=spec["slug"],
                        topic_name=spec["name"],
                        completed_on=done,
                        method="e_learning",
                        recorded_by=coach,
                        recorded_at=now,
                        signed_off_at=now if spec.get("observed") and rng.random() < 0.9 else None,
                        withdrawn_at=now if rng.random() < 0.01 else None,
                    )
                )
    LearningRecord.objects.bulk_create(records, batch_size=2000)
    Registration.objects.bulk_create(
        [
            Registration(
                person=p,
                body="hcpc",
                number=f"HCPC{p.pk}",
                expires_on=today + datetime.timedelta(days=rng.randrange(-60, 400)),
                recorded_by=coach,
            )
            for p in givers[::10]
        ]
    )
    return circle, coach, len(records)


NAMES = ["Ada", "Bea", "Cal", "Dee", "Eli", "Fen", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lou"]


def measure(circle, coach, renders: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    results = {}
    for name, template in REQUESTS:
        path = template.format(id=circle.pk)
        client = Client()
        client.force_login(coach, backend="django.contrib.auth.backends.ModelBackend")
        client.get(path)  # warm: the first request fills caches that are not about the page
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        sql = [query["sql"] for query in queries.captured_queries]
        times = []
        for _ in range(renders):
            begin = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - begin) * 1000)
        results[name] = {
            "path": path,
            "status": status,
            "queries": len(sql),
            "median_ms": round(statistics.median(times), 1) if times else None,
            "sql": sql,
        }
    return results


def _problems(results: dict[str, Any]) -> list[str]:
    problems = []
    for name, _template in REQUESTS:
        seen = {size: results[size]["requests"][name] for size in results}
        for size, got in seen.items():
            if got["status"] != 200:
                problems.append(f"{name} answered {got['status']} for the {size} circle.")
        if len({got["queries"] for got in seen.values()}) > 1:
            problems.append(f"{name} makes a different number of queries per circle.")
            for size, got in seen.items():
                sql = "\n    ".join(got["sql"])
                problems.append(f"  SQL for {size} ({got['queries']} queries):\n    {sql}")
    page = results["large"]["requests"]["matrix page"]
    if page["median_ms"] is not None and page["median_ms"] >= LIMIT_MS:
        problems.append(
            f"The large circle's matrix page took {page['median_ms']} ms (limit {LIMIT_MS:.0f})."
        )
    return problems


def _table(results: dict[str, Any]) -> str:
    sizes = list(results)
    header = ["request", *(f"queries {s}" for s in sizes), *(f"median ms {s}" for s in sizes)]
    rows = [header]
    for name, _template in REQUESTS:
        got = [results[s]["requests"][name] for s in sizes]
        rows.append(
            [
                name,
                *(str(g["queries"]) if g["status"] == 200 else f"({g['status']})" for g in got),
                *(f"{g['median_ms']:.1f}" if g["median_ms"] is not None else "-" for g in got),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    sizes_line = "; ".join(
        f"{s}: {results[s]['people']} people × {results[s]['topics']} topics, "
        f"{results[s]['records']} records, built in {results[s]['build_seconds']} s"
        for s in sizes
    )
    return "\n".join([*lines, "", sizes_line])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=10, help="timed renders per request")
    args = parser.parse_args()
    print("Building the training-matrix benchmark database…", flush=True)
    _setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(5)  # the same co-op every run
    results: dict[str, Any] = {}
    for size, (people, topics) in CIRCLES.items():
        started = time.perf_counter()
        circle, coach, records = build(size, people, topics, rng)
        built = round(time.perf_counter() - started, 1)
        print(f"Measuring the {size} circle ({people} people × {topics} topics)…", flush=True)
        results[size] = {
            "people": people,
            "topics": topics,
            "records": records,
            "build_seconds": built,
            "requests": measure(circle, coach, args.renders),
        }
    problems = _problems(results)
    print()
    print(_table(results))
    summary = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "renders": args.renders,
        "limit_ms": LIMIT_MS,
        "ok": not problems,
        "problems": problems,
        "circles": {
            size: {
                **{k: v for k, v in result.items() if k != "requests"},
                "requests": {
                    name: {k: v for k, v in got.items() if k != "sql"}
                    for name, got in result["requests"].items()
                },
            }
            for size, result in results.items()
        },
    }
    (RESULTS / "learning.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nNumbers written to {(RESULTS / 'learning.json').relative_to(ROOT)}.")
    if problems:
        print("\nFAILED:", *problems, sep="\n")
        return 1
    print(
        "The training matrix makes the same number of queries for both circles, and the large "
        f"one renders in under {LIMIT_MS / 1000:.0f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
