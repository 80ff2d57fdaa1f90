"""Confirmed care logs, for invoicing and paying.

``confirmed_care_logs(team=None, start=None, end=None)`` is the one interface the money
capability invoices and pays from. It yields a ``ConfirmedCareLog`` (a frozen dataclass) for
every care log whose status is *confirmed* — never a pending, disputed or superseded one — and
whose actual start is in ``[start, end)`` (either bound may be left out), for one team or all,
oldest first. Each carries:

* ``log_id``, ``appointment_id``, ``team_id``;
* ``payer_id``: the team owner, the person getting support;
* ``givers``: a tuple of ``GiverShare(person_id, rate_pence)`` — each giver who joined, with the
  hourly rate snapshotted when they joined (``None`` when they set none, e.g. a volunteer);
* ``minutes``: the confirmed actual length; ``started_at``, ``ended_at``, ``confirmed_at``,
  ``auto_confirmed``;
* ``corrects_id``: the log this one replaced, if it is a correction. A superseded log drops out
  of the results the moment its correction is confirmed, so money that already used the original
  should settle the difference against ``corrects_id``.

The query count is constant: it reads in chunks with the givers prefetched.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch

from coopcare.teams.models import Team
from coopcare.visits.models import Attendee, CareLog

BATCH = 500


@dataclass(frozen=True)
class GiverShare:
    person_id: int
    rate_pence: int | None


@dataclass(frozen=True)
class ConfirmedCareLog:
    log_id: int
    appointment_id: int
    team_id: int
    payer_id: int
    givers: tuple[GiverShare, ...]
    minutes: int
    started_at: datetime.datetime
    ended_at: datetime.datetime
    confirmed_at: datetime.datetime
    auto_confirmed: bool
    corrects_id: int | None


def confirmed_care_logs(
    team: Team | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> Iterator[ConfirmedCareLog]:
    """Confirmed (never superseded) care logs to invoice and pay from: see the module docstring."""
    logs = CareLog.objects.filter(status=CareLog.Status.CONFIRMED)
    if team is not None:
        logs = logs.filter(team=team)
    if start is not None:
        logs = logs.filter(started_at__gte=start)
    if end is not None:
        logs = logs.filter(started_at__lt=end)
    logs = (
        logs.select_related("team")
        .prefetch_related(
            Prefetch(
                "appointment__attendees",
                queryset=Attendee.objects.filter(
                    role=Attendee.Role.GIVER, response=Attendee.Response.JOINED
                ).order_by("id"),
                to_attr="joined",
            )
        )
        .order_by("started_at", "id")
    )
    for log in logs.iterator(chunk_size=BATCH):
        yield ConfirmedCareLog(
            log_id=log.pk,
            appointment_id=log.appointment_id,
            team_id=log.team_id,
            payer_id=log.team.owner_id,
            givers=tuple(GiverShare(a.person_id, a.rate_pence) for a in log.appointment.joined),
            minutes=log.minutes,
            started_at=log.started_at,
            ended_at=log.ended_at,
            confirmed_at=log.confirmed_at,
            auto_confirmed=log.auto_confirmed,
            corrects_id=log.corrects_id,
        )
