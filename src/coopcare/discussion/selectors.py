"""Who reads the team discussion, and the read queries for its pages and API.

Readers follow team membership exactly. A message is read by the people who were in the team's
discussion when it was posted: the owner (always), each member from the day they joined until
the day they left, and each representative while their representation ran. So a member who
leaves stops seeing new messages but keeps what was said while they were there, and someone who
joins later does not read what was said before they came — the team shares that with them if it
wants to. Each person's *reading windows* are a handful of date ranges, turned into one ``Q``
over messages, so lists filter in the database and never ask a rule row by row.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from coopcare.discussion.models import Message, Thread
from coopcare.members.models import Section
from coopcare.members.privacy import annotate_visibility
from coopcare.teams.models import Representative, Team, TeamMember
from coopcare.teams.selectors import current_representatives

User = get_user_model()

# (from, until): messages posted at or after ``from`` and before ``until`` (None: open-ended).
Window = tuple[datetime.datetime, datetime.datetime | None]
EVERYTHING = None


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the co-op's time zone (Europe/London)."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone()
    )


def reading_windows(person, team: Team) -> list[Window] | None:
    """When ``person`` was a reader of ``team``'s discussion; ``None`` means always (the owner).

    A member's window closes at the start of the day they left: ``left_on`` is a date, and the
    safe reading of "stops seeing new messages" gives up that last day rather than show them
    anything posted after they went.
    """
    if not getattr(person, "is_authenticated", False) or team is None:
        return []
    if team.owner_id == person.pk:
        return EVERYTHING
    windows: list[Window] = []
    for joined_on, left_on, status in TeamMember.objects.filter(
        team=team, person=person
    ).values_list("joined_on", "left_on", "status"):
        if left_on is not None:
            windows.append((start_of(joined_on), start_of(left_on)))
        elif status in TeamMember.CURRENT:
            windows.append((start_of(joined_on), None))
    for starts_on, ends_on, ended_at in Representative.objects.filter(
        team=team, person=person
    ).values_list("starts_on", "ends_on", "ended_at"):
        until = start_of(ends_on + datetime.timedelta(days=1))
        if ended_at is not None:
            until = min(until, ended_at)
        windows.append((start_of(starts_on), until))
    now = timezone.now()
    return [(start, until) for start, until in windows if start <= now and (until or now) > start]


def visible_q(windows: list[Window] | None, prefix: str = "") -> Q:
    """A Q over messages (or, with ``prefix``, over rows that lead to one): those posted inside
    the windows."""
    if windows is EVERYTHING:
        return Q()
    if not windows:
        return Q(**{f"{prefix}pk__isnull": True})  # matches nothing
    q = Q(pk__isnull=True)
    for start, until in windows:
        inside = Q(**{f"{prefix}created_at__gte": start})
        if until is not None:
            inside &= Q(**{f"{prefix}created_at__lt": until})
        q |= inside
    return q


def reads_discussion(person, team: Team) -> bool:
    """Has the person ever been a reader of this team's discussion (so may open it)?"""
    return reading_windows(person, team) != []


def current_reader_ids(team: Team) -> set[int]:
    """Everyone who reads the discussion now: owner, current members, current representatives."""
    ids = set(TeamMember.objects.current().filter(team=team).values_list("person", flat=True))
    ids.update(current_representatives(team).values_list("person", flat=True))
    ids.add(team.owner_id)
    return ids


def _people(viewer) -> QuerySet:
    """People as the viewer may see them: each carries ``can_see_name``."""
    return annotate_visibility(User.objects.select_related("profile"), viewer, [Section.NAME])


def threads_for(viewer, team: Team, windows: list[Window] | None) -> QuerySet:
    """The team's threads with at least one message the viewer may read, newest activity first.

    Activity and counts come from the viewer's own messages, so a former member cannot tell from
    the order or the numbers that the team has gone on talking.
    """
    visible = Message.objects.filter(thread=OuterRef("pk")).filter(visible_q(windows))
    counted = visible.order_by().values("thread").annotate(n=Count("pk")).values("n")
    return (
        Thread.objects.filter(team=team)
        .annotate(
            last_activity_at=Subquery(visible.order_by("-created_at").values("created_at")[:1]),
            message_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0),
        )
        .filter(last_activity_at__isnull=False)
        .order_by("-last_activity_at", "-pk")
    )


def thread_for(team: Team, thread_id: int, windows: list[Window] | None) -> Thread | None:
    """One thread of the team, if the viewer may read at least one of its messages."""
    visible = Message.objects.filter(thread=OuterRef("pk")).filter(visible_q(windows))
    return (
        Thread.objects.filter(team=team, pk=thread_id)
        .filter(Exists(visible))
        .select_related("team__circle")
        .first()
    )


def messages_for(viewer, thread: Thread, windows: list[Window] | None) -> QuerySet:
    """The thread's messages the viewer may read, oldest first, with author names as the
    viewer may see them."""
    return (
        Message.objects.filter(thread=thread)
        .filter(visible_q(windows))
        .prefetch_related(
            Prefetch("author", queryset=_people(viewer)),
            Prefetch("on_behalf_of", queryset=_people(viewer)),
        )
        .order_by("created_at", "pk")
    )


def hidden_earlier(thread: Thread, windows: list[Window] | None) -> bool:
    """Whether the thread began before the viewer could read it (to say so on the page)."""
    if windows is EVERYTHING:
        return False
    opening = Message.objects.filter(thread=thread, opens_thread=True)
    return not opening.filter(visible_q(windows)).exists()


def message_for(team: Team, message_id: int, windows: list[Window] | None) -> Message | None:
    return (
        Message.objects.filter(thread__team=team, pk=message_id)
        .filter(visible_q(windows))
        .select_related("thread__team__circle")
        .first()
    )


def messages_before(listed: QuerySet, message_id: int) -> int | None:
    """How many of ``listed`` come before the message (to find its page); None if not listed."""
    target = listed.filter(pk=message_id).values_list("created_at", flat=True).first()
    if target is None:
        return None
    return listed.filter(Q(created_at__lt=target) | Q(created_at=target, pk__lt=message_id)).count()
