"""Page benchmark: SQL queries and render times of the main pages, at demo and large scale.

For each scale it builds a fresh SQLite database under ``bench/results/``, migrates it, seeds it
(``manage.py seed --scale …``) and, signed in as the demo member, requests each page: it counts
the SQL queries of one request and times ``--renders`` more (median). A page whose query count
differs between the scales has a query that grows with the data (an N+1), so the run fails and
prints that page's SQL; so does a page that does not answer 200.

Run it with ``make bench`` (or ``.venv/bin/python bench/pages.py``); docs/bench.md explains the
output. Each scale runs in its own process, because Django reads its database settings once.
"""

import argparse
import io
import json
import logging
import os
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SCALES = ["demo", "large"]
VIEWER = "member@demo.coopcare.test"
# (name, path, viewer): the pages of the members and circles issue, seen by an ordinary member,
# of the teams issue, and of the appointments issue. ``{team}`` is the demo team the demo member
# works in; the viewer "starter" is the Leeds Circle's Team Starter (see ``_viewers``).
PAGES = [
    ("profile", "/members/profile/", "member"),
    ("privacy", "/members/privacy/", "member"),
    ("circle tree", "/circles/", "member"),
    ("member list", "/members/", "member"),
    ("circle page", "/circles/leeds-circle/", "member"),
    ("team page", "/teams/{team}/", "member"),
    ("getting support profile", "/support-profiles/team/{team}/", "member"),
    ("giving support profile", "/support-profiles/giving/", "member"),
    ("team starter's cases", "/start/cases/", "starter"),
    ("team calendar", "/visits/teams/{team}/calendar/", "member"),
    ("my calendar", "/visits/mine/", "member"),
    ("care logs", "/visits/teams/{team}/logs/", "member"),
]


def _viewers_and_places() -> tuple[dict[str, Any], dict[str, str]]:
    """The people pages are seen by, and the ids their paths need, from the seeded database.

    The same demo people at both scales: the demo member, and the Leeds Circle's Team Starter,
    whose case list holds the demo's Leeds cases and, at large scale, the bulk ones too.
    """
    from django.contrib.auth import get_user_model

    from coopcare.circles.models import Hat
    from coopcare.teams.models import Team

    member = get_user_model().objects.get(email=VIEWER)
    starter = (
        Hat.objects.current()
        .filter(hat_type__slug="team-starter", circle__slug="leeds-circle")
        .order_by("started_on", "pk")
        .first()
        .holder
    )
    team = (
        Team.objects.filter(members__person=member, members__left_on=None)
        .exclude(owner=member)
        .order_by("pk")
        .first()
    )
    return {"member": member, "starter": starter}, {"team": str(team.pk)}


def _fresh_database(scale: str) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{scale}.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def measure(scale: str, renders: int) -> dict[str, Any]:
    """Build one scale's database and measure every page (runs in a child process)."""
    database = _fresh_database(scale)
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
    # The table reports each page's status; Django's "Not Found" log lines would only repeat it.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", message="No directory at")  # static files are not served
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from coopcare.circles.models import Circle

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    call_command("seed", scale=scale, stdout=io.StringIO())
    seed_seconds = time.perf_counter() - started
    user_model = get_user_model()
    viewers, places = _viewers_and_places()
    pages: dict[str, Any] = {}
    for name, template, viewer in PAGES:
        path = template.format(**places)
        client = Client()
        client.force_login(viewers[viewer], backend="django.contrib.auth.backends.ModelBackend")
        client.get(path)  # warm: the first request fills caches that are not about the page
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        # Read the queries now: the next request clears Django's query log.
        sql = [query["sql"] for query in queries.captured_queries]
        times = []
        for _ in range(renders):
            begin = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - begin) * 1000)
        pages[name] = {
            "path": path,
            "status": status,
            "queries": len(sql),
            "median_ms": round(statistics.median(times), 1) if times else None,
            "sql": sql,
        }
    return {
        "people": user_model.objects.count(),
        "circles": Circle.objects.exclude(kind=Circle.Kind.TEAM).count(),
        "teams": Circle.objects.filter(kind=Circle.Kind.TEAM).count(),
        "seed_seconds": round(seed_seconds, 1),
        "pages": pages,
    }


def _run_child(scale: str, renders: int) -> dict[str, Any]:
    out = RESULTS / f"{scale}.json"
    out.unlink(missing_ok=True)
    command = [sys.executable, __file__, "--child", scale, "--renders", str(renders)]
    print(f"Building and measuring the {scale} scale…", flush=True)
    # Our own script with our own arguments: nothing here comes from outside.
    subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603
    return json.loads(out.read_text())


def _problems(results: dict[str, Any]) -> list[str]:
    problems = []
    scales = list(results)
    for name, _template, _viewer in PAGES:
        seen = {scale: results[scale]["pages"][name] for scale in scales}
        path = seen[scales[0]]["path"]
        for scale, page in seen.items():
            if page["status"] != 200:
                problems.append(f"{name} ({path}) answered {page['status']} at {scale} scale.")
        counts = {page["queries"] for page in seen.values()}
        if len(counts) > 1:
            problems.append(f"{name} ({path}) makes a different number of queries per scale.")
            for scale, page in seen.items():
                sql = "\n    ".join(page["sql"])
                problems.append(f"  SQL at {scale} ({page['queries']} queries):\n    {sql}")
    return problems


def _table(results: dict[str, Any]) -> str:
    scales = list(results)
    header = ["page", *(f"queries {s}" for s in scales), *(f"median ms {s}" for s in scales)]
    rows = [header]
    for name, _template, _viewer in PAGES:
        pages = [results[scale]["pages"][name] for scale in scales]
        rows.append(
            [
                name,
                *(str(p["queries"]) if p["status"] == 200 else f"({p['status']})" for p in pages),
                *(f"{p['median_ms']:.1f}" if p["median_ms"] is not None else "-" for p in pages),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    sizes = ", ".join(
        f"{s}: {results[s]['people']} people, {results[s]['circles']} circles, "
        f"{results[s].get('teams', 0)} teams, "
        f"seeded in {results[s]['seed_seconds']} s"
        for s in scales
    )
    return "\n".join([*lines, "", sizes])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=20, help="timed renders per page")
    parser.add_argument("--scales", nargs="+", choices=SCALES, default=SCALES)
    parser.add_argument("--child", choices=SCALES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = measure(args.child, args.renders)
        (RESULTS / f"{args.child}.json").write_text(json.dumps(result))
        return 0
    results = {scale: _run_child(scale, args.renders) for scale in args.scales}
    problems = _problems(results)
    print()
    print(_table(results))
    summary = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "renders": args.renders,
        "ok": not problems,
        "problems": problems,
        "scales": {
            scale: {
                **{k: v for k, v in result.items() if k != "pages"},
                "pages": {
                    name: {k: v for k, v in page.items() if k != "sql"}
                    for name, page in result["pages"].items()
                },
            }
            for scale, result in results.items()
        },
    }
    (RESULTS / "pages.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nNumbers written to {(RESULTS / 'pages.json').relative_to(ROOT)}.")
    if problems:
        print("\nFAILED:", *problems, sep="\n")
        return 1
    print("Every page makes the same number of queries at every scale.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
