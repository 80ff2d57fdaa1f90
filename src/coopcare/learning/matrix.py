"""The training matrix of a circle: people (rows) × topics (columns), for its Coach and Learning
Lead and for an inspector.

Rows are the people ``requirements.people_q`` lists for the circle, by name; columns are the
circle's current topics of one group ("Every year" unless another is chosen, or all of them).
Each cell is the engine's status — in date, due within 60 days, expired, missing, not required —
so the matrix always agrees with a person's own page, the reminders and the gate on
appointments.

**A fixed number of queries, whatever the size of the circle.** The people are read as one
ordered list of ids; their facts (``requirements.circle_facts``, for the whole circle or the
filtered ids) and the dates of their latest counting records (``requirements.latest_dates``,
with the filtered people as a subquery) are read for all of them at once, never one query per
person or per topic. Statuses are then worked out in Python for everyone filtered — which is
what lets the page count the people with gaps and filter on them — and the cells themselves,
with the names, only for the rows shown (a page of 50, or everyone for the CSV, in one query).
bench/learning.py holds it to under a second for 2,000 people × 25 topics.

Filters: a name, a topic group, a team the circle supports, a hat, a kind of team member, and
"only people with gaps" (or with something due soon). Reading the matrix, on the page, through
the API or as CSV, is written to the access log of every person shown or exported, one query for
all of them (``log_reads``: ``read_matrix``, ``export_matrix``, ``read_registrations``).
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import (
    CharField,
    DateTimeField,
    F,
    IntegerField,
    JSONField,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import Circle, Hat, HatType
from coopcare.learning import requirements
from coopcare.learning.models import Registration, Topic
from coopcare.learning.requirements import Cell, Status
from coopcare.members.models import Section
from coopcare.teams.models import MemberKind, TeamMember

PER_PAGE = 50
ID_BATCH = 20_000
REGISTRATIONS_PER_PAGE = 25
ALL_GROUPS = "all"
DEFAULT_GROUP = "Every year"
NO_GROUP = "-"  # the choice for topics that have no group

GAPS = frozenset({Status.EXPIRED, Status.MISSING})
STATUS_FILTERS = {
    "gaps": gettext_lazy("Only people with gaps (expired or missing)"),
    "due": gettext_lazy("Only people with something due within 60 days"),
}
# Short text shown in a cell; the full words are in its title and visually hidden text.
ABBREVIATIONS = {
    Status.VALID: gettext_lazy("OK"),
    Status.DUE: gettext_lazy("Due"),
    Status.EXPIRED: gettext_lazy("Exp"),
    Status.MISSING: gettext_lazy("Miss"),
    Status.NOT_REQUIRED: "–",
}
GIVING_KINDS = [(value, label) for value, label in MemberKind.choices if value != MemberKind.OWNER]


# --- Filters ------------------------------------------------------------------------------------


@dataclass
class Filters:
    q: str = ""
    group: str = DEFAULT_GROUP
    team: int | None = None
    hat: str = ""
    kind: str = ""
    status: str = ""

    def as_detail(self) -> dict:
        """What was asked for, for the access log (never the people shown)."""
        return {k: v for k, v in self.__dict__.items() if v not in ("", None)}

    def query(self) -> str:
        """The filters as a query string, for the pagination links and the CSV link."""
        return urlencode({k: v for k, v in self.__dict__.items() if v not in ("", None)})


@dataclass
class Choices:
    """What each filter may be in this circle."""

    groups: list[str]
    teams: list[tuple[int, str]]
    hats: list[tuple[str, str]]
    kinds: list[tuple[str, str]] = field(default_factory=lambda: list(GIVING_KINDS))

    def default_group(self) -> str:
        return DEFAULT_GROUP if DEFAULT_GROUP in self.groups else ALL_GROUPS

    def group_choices(self) -> list[tuple[str, str]]:
        named = [(g or NO_GROUP, g or _("Topics with no group")) for g in self.groups]
        return [*named, (ALL_GROUPS, _("All topics"))]


def circle_topics(circle: Circle) -> list[Topic]:
    return requirements.current_topics(requirements.policy_for(circle))


def choices_for(circle: Circle, topics: list[Topic]) -> Choices:
    """The filters' choices: the topics' groups, the teams the circle supports, and the hats worn
    in the circle or in those teams (two queries)."""
    groups = list(dict.fromkeys(t.group for t in topics))
    teams = [
        (team.pk, team.circle.name)
        for team in requirements.supported_teams(circle)
        .select_related("circle")
        .order_by("circle__name", "pk")
    ]
    team_ids = [pk for pk, _name in teams]
    hats = list(
        HatType.objects.filter(
            pk__in=_hats_in(circle, team_ids).values("hat_type_id"),
        )
        .order_by("name")
        .values_list("slug", "name")
    )
    return Choices(groups=groups, teams=teams, hats=hats)


def _hats_in(circle: Circle, team_ids) -> QuerySet:
    return Hat.objects.current().filter(Q(circle=circle) | Q(circle__team__in=team_ids))


def check_filters(filters: Filters, choices: Choices) -> Filters:
    """Refuse a filter value this circle does not have (the API's 400; the page's form checks
    the same choices)."""
    from coopcare.errors import DomainError

    groups = {g or NO_GROUP for g in choices.groups} | {ALL_GROUPS}
    if filters.group not in groups:
        raise DomainError(_("There is no topic group of that name in this circle."), "group")
    if filters.team is not None and filters.team not in {pk for pk, _n in choices.teams}:
        raise DomainError(_("Choose a team this circle supports."), "team")
    if filters.hat and filters.hat not in {slug for slug, _n in choices.hats}:
        raise DomainError(_("Nobody wears a hat of that kind in this circle."), "hat")
    if filters.kind and filters.kind not in {k for k, _n in choices.kinds}:
        raise DomainError(_("Choose a kind of team member who gives support."), "kind")
    if filters.status and filters.status not in STATUS_FILTERS:
        raise DomainError(_("Choose gaps, due or leave it out."), "status")
    if len(filters.q) > 100:
        raise DomainError(_("Search for at most 100 characters."), "q")
    return filters


def topics_shown(topics: list[Topic], group: str) -> list[Topic]:
    if group == ALL_GROUPS:
        return topics
    wanted = "" if group == NO_GROUP else group
    return [t for t in topics if t.group == wanted]


def people_of(circle: Circle, filters: Filters) -> QuerySet:
    """The circle's people the filters keep (active accounts), by name."""
    people = get_user_model().objects.filter(requirements.people_q(circle), is_active=True)
    teams = requirements.supported_teams(circle)
    if filters.q.strip():
        people = people.filter(profile__name__icontains=filters.q.strip())
    if filters.team is not None:
        people = people.filter(
            pk__in=TeamMember.objects.current().filter(team_id=filters.team).values("person_id")
        )
    if filters.kind:
        people = people.filter(
            pk__in=TeamMember.objects.current()
            .filter(team__in=teams, kind=filters.kind)
            .values("person_id")
        )
    if filters.hat:
        people = people.filter(
            pk__in=_hats_in(circle, teams.values("pk"))
            .filter(hat_type__slug=filters.hat)
            .values("holder_id")
        )
    return people


# --- The matrix ---------------------------------------------------------------------------------


@dataclass
class Row:
    person_id: int
    facts: requirements.Facts
    required: list[bool]  # for each topic shown: does it apply to this person?
    has_gap: bool = False
    has_due: bool = False
    # Filled in (``Matrix.fill``) only for the rows shown: one cell per topic, the person, teams.
    cells: list[Cell] = field(default_factory=list)
    person: object = None
    teams: list[str] = field(default_factory=list)


@dataclass
class Summary:
    people: int = 0
    in_date: int = 0
    with_gaps: int = 0
    due_soon: int = 0
    expired: int = 0
    missing: int = 0
    due: int = 0


@dataclass
class Matrix:
    circle: Circle
    topics: list[Topic]
    filters: Filters
    rows: list[Row]
    summary: Summary
    team_names: dict[int, str]
    today: datetime.date
    dates: dict[tuple[int, str], datetime.date] = field(default_factory=dict)

    def page(self, number) -> Page:
        """One page of rows, with the people's names (one query)."""
        page = Paginator(self.rows, PER_PAGE).get_page(number)
        self.fill(page.object_list)
        return page

    def fill(self, rows: list[Row]) -> list[Row]:
        """Put the people (with their profiles), team names and cells on ``rows``: one query."""
        # By id: asking again through the filters costs SQLite far more than a list of ids.
        # (One query up to 20,000 people, well inside SQLite's limit on parameters.)
        ids = [r.person_id for r in rows]
        people = get_user_model().objects.select_related("profile")
        found = {}
        for start in range(0, len(ids), ID_BATCH):
            found.update((p.pk, p) for p in people.filter(pk__in=ids[start : start + ID_BATCH]))
        for row in rows:
            row.person = found.get(row.person_id)
            row.teams = sorted(
                self.team_names[t] for t in row.facts.team_ids if t in self.team_names
            )
            row.cells = requirements.cells_for(
                self.topics, row.facts, self.dates, row.person_id, self.today, row.required
            )
        return rows


def _narrowed(filters: Filters) -> bool:
    return bool(filters.q.strip() or filters.team or filters.kind or filters.hat)


def build(
    circle: Circle,
    filters: Filters,
    *,
    topics: list[Topic] | None = None,
    choices: Choices | None = None,
    today: datetime.date | None = None,
) -> Matrix:
    """Everyone the filters keep, with one cell per topic shown: a fixed number of queries.

    Whether a topic applies depends only on a person's facts (their kinds of membership, hats,
    kinds of support, their teams' needs), which most people share with many others, so it is
    worked out once per set of facts.
    """
    today = today or timezone.localdate()
    topics = circle_topics(circle) if topics is None else topics
    choices = choices or choices_for(circle, topics)
    shown = topics_shown(topics, filters.group)
    people = people_of(circle, filters)
    ordered = list(people.order_by(Lower("profile__name"), "pk").values_list("pk", flat=True))
    # The whole circle's facts cost less than a subquery naming its people; a narrower list is
    # sent as ids.
    facts = requirements.circle_facts(circle, ordered if _narrowed(filters) else None)
    dates = requirements.latest_dates(people.order_by().values("pk"), shown) if shown else {}
    slugs = {t.slug for t in shown}
    memo: dict[tuple, list[bool]] = {}
    rows, summary = [], Summary()
    no_facts = requirements.Facts()
    for pid in ordered:
        fact = facts.get(pid) or no_facts
        key = (
            frozenset(fact.member_kinds),
            frozenset(fact.hats),
            frozenset(fact.support_kinds),
            frozenset(fact.needs & slugs),
        )
        required = memo.get(key)
        if required is None:
            required = memo[key] = [requirements.applies(t, fact) for t in shown]
        row = Row(pid, fact, required)
        # Only the statuses here; the cells themselves are made for the rows shown.
        for topic, needed in zip(shown, required, strict=True):
            if not needed:
                continue
            status, _expires = requirements.status_of(dates.get((pid, topic.slug)), topic, today)
            if status == Status.EXPIRED:
                summary.expired += 1
                row.has_gap = True
            elif status == Status.MISSING:
                summary.missing += 1
                row.has_gap = True
            elif status == Status.DUE:
                summary.due += 1
                row.has_due = True
        summary.people += 1
        summary.with_gaps += row.has_gap
        summary.in_date += not row.has_gap
        summary.due_soon += row.has_due
        if filters.status == "gaps" and not row.has_gap:
            continue
        if filters.status == "due" and not row.has_due:
            continue
        rows.append(row)
    return Matrix(
        circle=circle,
        topics=shown,
        filters=filters,
        rows=rows,
        summary=summary,
        team_names=dict(choices.teams),
        today=today,
        dates=dates,
    )


# --- How a cell reads ---------------------------------------------------------------------------


def cell_text(cell: Cell) -> str:
    """The full words of a cell: "Expired on 3 March 2026", "In date until …", "Missing"."""
    when = date_format(cell.expires_on, "j F Y") if cell.expires_on else ""
    if cell.status == Status.EXPIRED:
        return _("Expired on %(date)s") % {"date": when}
    if cell.status == Status.DUE:
        return _("Due: expires on %(date)s") % {"date": when}
    if cell.status == Status.VALID:
        if not when:
            return _("In date (done once, never expires)")
        return _("In date until %(date)s") % {"date": when}
    if cell.status == Status.MISSING:
        return _("Missing: never recorded")
    return _("Not required")


def cells_html(row: Row, memo: dict | None = None) -> str:
    """A row's cells as table cells: the short text shown, the full words in the title and in
    visually hidden text (screen readers), the colour from the status's class.

    Written here rather than in the template: a page of 50 people × 25 topics is 1,250 cells,
    and the template engine spends a quarter of a second on that many small nodes.
    """
    memo = {} if memo is None else memo  # (status, expiry) -> the cell, already escaped
    html = []
    for cell in row.cells:
        key = (cell.status, cell.expires_on)
        if key not in memo:
            text = cell_text(cell)
            memo[key] = format_html(
                '<td class="matrix-cell matrix-{}" title="{}"><span aria-hidden="true">{}</span>'
                '<span class="visually-hidden">{}</span></td>',
                cell.status,
                text,
                ABBREVIATIONS[cell.status],
                text,
            )
        html.append(memo[key])
    return mark_safe("".join(html))  # noqa: S308  (each part is format_html's)


# --- Reading and exporting (the access log) -----------------------------------------------------

# The part of a person's data these reads show, as their privacy page counts reads.
LOGGED_SECTIONS = [Section.LEARNING.value]


def log_reads(
    action: str,
    actor,
    circle: Circle,
    person_ids,
    *,
    purpose: str,
    detail: dict,
    request=None,
) -> None:
    """One access-log read per person in ``person_ids``, so each of them sees in their own access
    log that ``actor`` read their learning here — in ONE query, however many people.

    Written as ``INSERT … SELECT`` from the people's rows (the SELECT built by the ORM, so it is
    the same SQL on SQLite and PostgreSQL): ``bulk_create`` would split a CSV of thousands of
    people into batches on SQLite (999 parameters a query), and the matrix promises a query
    count that does not grow with the circle. Nobody shown, nothing written (and no query, as
    ``Matrix.fill`` makes none): nobody's data was read.
    """
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return
    if actor is not None and not getattr(actor, "is_authenticated", True):
        actor = None
    text = CharField()
    # In the order of the audit table's columns below; only annotations, so the SELECT's
    # columns come out in exactly this order.
    columns = {
        "at": Value(timezone.now(), output_field=DateTimeField()),
        "kind": Value(AuditEvent.Kind.READ.value, output_field=text),
        "action": Value(action, output_field=text),
        "actor_id": Value(actor.pk if actor is not None else None, output_field=IntegerField()),
        "subject_id": F("pk"),
        "target_type": Value(circle._meta.label_lower, output_field=text),
        "target_id": Value(str(circle.pk), output_field=text),
        "target_repr": Value(str(circle)[:200], output_field=text),
        "route": Value(
            f"{request.method} {request.path}"[:200] if request is not None else "",
            output_field=text,
        ),
        "purpose": Value(purpose, output_field=text),
        "changes": Value({}, output_field=JSONField()),
        "detail": Value(
            {"sections": LOGGED_SECTIONS, "circle": circle.pk, **detail},
            output_field=JSONField(),
        ),
    }
    aliases = {f"log_{name}": expression for name, expression in columns.items()}
    select = (
        get_user_model()
        .objects.filter(pk__in=ids)
        .order_by()
        .annotate(**aliases)
        .values_list(*aliases)
    )
    sql, params = select.query.sql_with_params()
    opts = AuditEvent._meta
    quote = connection.ops.quote_name
    names = ", ".join(quote(opts.get_field(name).column) for name in columns)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(opts.db_table)} ({names}) {sql}", params)  # noqa: S608


def read_matrix(actor, matrix: Matrix, page: Page, request=None) -> None:
    """A read in the access log of each person on the page shown (page or API), with the filters
    asked for."""
    log_reads(
        "learning.matrix_viewed",
        actor,
        matrix.circle,
        [row.person_id for row in page.object_list],
        request=request,
        purpose="training matrix",
        detail={**matrix.filters.as_detail(), "page": page.number, "people": len(page)},
    )


def read_registrations(actor, circle: Circle, registrations: Page, request=None) -> None:
    """A read in the access log of each person whose registration is listed."""
    log_reads(
        "learning.registrations_viewed",
        actor,
        circle,
        [registration.person_id for registration in registrations.object_list],
        request=request,
        purpose="registrations to renew",
        detail={"page": registrations.number, "registrations": len(registrations)},
    )


def csv_value(cell: Cell) -> str:
    label = str(requirements.STATUS_LABELS[cell.status])
    if cell.expires_on:
        return f"{label} ({cell.expires_on.isoformat()})"
    return label


def _safe(text: str) -> str:
    """A spreadsheet must never run a name as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_matrix(actor, matrix: Matrix, request=None) -> str:
    """Every row the filters keep (not just a page) as CSV: person, teams, then one column per
    topic with its status and expiry date. Written to the access log."""
    rows = matrix.fill(matrix.rows)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Person"), _("Teams"), *(t.name for t in matrix.topics)])
    for row in rows:
        writer.writerow(
            [
                _safe(str(row.person) if row.person is not None else ""),
                _safe("; ".join(row.teams)),
                *(csv_value(c) for c in row.cells),
            ]
        )
    log_reads(
        "learning.matrix_exported",
        actor,
        matrix.circle,
        [row.person_id for row in rows],
        request=request,
        purpose="training matrix export",
        detail={**matrix.filters.as_detail(), "people": len(rows), "topics": len(matrix.topics)},
    )
    return out.getvalue()


def export_filename(circle: Circle, today: datetime.date) -> str:
    return f"training-matrix-{circle.slug}-{today.isoformat()}.csv"


# --- Registrations to renew ---------------------------------------------------------------------


def flagged_registrations(circle: Circle, today: datetime.date | None = None) -> QuerySet:
    """Registrations (not withdrawn) of the circle's people (active accounts: a closed one has no
    page to link to) that are past their expiry date or expire within 60 days, soonest first."""
    today = today or timezone.localdate()
    people = (
        get_user_model().objects.filter(requirements.people_q(circle), is_active=True).values("pk")
    )
    return (
        Registration.objects.filter(
            person__in=people,
            withdrawn_at__isnull=True,
            expires_on__lte=today + datetime.timedelta(days=requirements.DUE_WITHIN_DAYS),
        )
        .select_related("person__profile")
        .order_by("expires_on", "id")
    )


def registration_state(registration: Registration, today: datetime.date) -> str:
    if registration.expires_on <= today:
        return _("Expired on %(date)s") % {"date": date_format(registration.expires_on, "j F Y")}
    return _("Expires on %(date)s") % {"date": date_format(registration.expires_on, "j F Y")}
