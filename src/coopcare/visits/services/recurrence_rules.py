"""Repeating rules in wall-clock time: reading and checking an RFC 5545 rule, writing one from
what a form asks, the starts it gives, and saying it in plain words.

A rule (``FREQ=WEEKLY;BYDAY=MO,TH;COUNT=20``, without DTSTART) is applied with python-dateutil to
the first start's *wall-clock* time in the co-op's time zone (Europe/London), so a 10:00 visit
stays at 10:00 when the clocks change. Two hours a year need a decision, and we take RFC 5545's
(§3.3.5):

- a time the clocks skip (01:30 on the last Sunday of March) is read with the offset from before
  the gap: the visit happens at 02:30 BST, the same instant as 01:30 GMT;
- a time that happens twice (01:30 on the last Sunday of October) is the first of the two (BST).

Nothing here touches the database; ``services.recurrence`` makes and changes series.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.rrule import rrule, rrulestr
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coopcare.errors import DomainError
from coopcare.visits.models import Series

# A series is agreed for at most two years (or 1,000 visits); after that, make a new one.
MAX_SPAN = datetime.timedelta(days=2 * 366)
MAX_OCCURRENCES = 1000
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY")
ALLOWED_PARTS = ("FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST")
ENDS = ("COUNT", "UNTIL")
TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
MAX_INTERVAL = 52
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
UTC = datetime.UTC


# --- Wall-clock time ----------------------------------------------------------------------------


def _zone():
    return timezone.get_default_timezone()


def wall_clock(moment: datetime.datetime) -> datetime.datetime:
    """The naive local time a person reads on the clock at ``moment``."""
    return timezone.localtime(moment, _zone()).replace(tzinfo=None)


def from_wall_clock(naive: datetime.datetime) -> datetime.datetime:
    """An aware (UTC) moment for a local clock time; gaps and repeats as the module says."""
    # fold=0: before the gap's offset for a skipped time, the first of a repeated one.
    return naive.replace(tzinfo=_zone(), fold=0).astimezone(UTC)


def local_start(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return from_wall_clock(datetime.datetime.combine(day, time))


# --- Reading and checking rules -----------------------------------------------------------------


@dataclass
class Rule:
    """A checked rule: its stored text and the dateutil rule over local wall-clock times."""

    text: str
    parts: dict[str, str]
    recurrence: rrule
    until: datetime.datetime | None = None  # local wall-clock time
    count: int | None = None


def _refuse(message: str) -> DomainError:
    return DomainError(message, field="rule")


def _split(text: str) -> dict[str, str]:
    body = (text or "").strip()
    if body[:6].upper() == "RRULE:":
        body = body[6:]
    if not body:
        raise _refuse(_("Say how it repeats."))
    if "DTSTART" in body.upper():
        raise _refuse(_("Leave the start out of the rule: the first start is given on its own."))
    if any(char in body for char in "\r\n:"):
        raise _refuse(_("Give one rule, like FREQ=WEEKLY;BYDAY=MO,TH;COUNT=20, and nothing else."))
    parts: dict[str, str] = {}
    for chunk in body.strip(";").split(";"):
        name, sep, value = chunk.partition("=")
        name, value = name.strip().upper(), value.strip().upper()
        if not sep or not name or not value:
            raise _refuse(_("We could not read the rule near “%(part)s”.") % {"part": chunk})
        if name in parts:
            raise _refuse(_("The rule gives %(name)s twice.") % {"name": name})
        parts[name] = value
    return parts


def _number(parts: dict[str, str], name: str, low: int, high: int, message: str) -> int | None:
    if name not in parts:
        return None
    try:
        value = int(parts[name])
    except ValueError:
        raise _refuse(message) from None
    if not low <= value <= high:
        raise _refuse(message)
    return value


def _until(value: str) -> datetime.datetime:
    """UNTIL as local wall-clock time. A date alone means the end of that day."""
    try:
        if len(value) == 8:
            day = datetime.datetime.strptime(value, "%Y%m%d").date()
            return datetime.datetime.combine(day, datetime.time(23, 59, 59))
        if value.endswith("Z"):
            moment = datetime.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            return wall_clock(moment)
        return datetime.datetime.strptime(value, "%Y%m%dT%H%M%S")
    except ValueError:
        raise _refuse(_("Write the end date as YYYYMMDD, like 20270303.")) from None


def _render(parts: dict[str, str], until: datetime.datetime | None, *, utc: bool) -> str:
    shown = dict(parts)
    if until is not None:
        shown["UNTIL"] = (
            from_wall_clock(until).strftime("%Y%m%dT%H%M%SZ")
            if utc
            else until.strftime("%Y%m%dT%H%M%S")
        )
    order = [*ALLOWED_PARTS, *ENDS]
    return ";".join(f"{name}={shown[name]}" for name in order if name in shown)


def _compile(parts: dict[str, str], until, first_start: datetime.datetime) -> rrule:
    text = _render(parts, until, utc=False)
    try:
        return rrulestr(text, dtstart=wall_clock(first_start), cache=False)
    except (ValueError, TypeError, IndexError):
        raise _refuse(
            _("We could not read the rule “%(rule)s”. Check the days and numbers in it.")
            % {"rule": text}
        ) from None


def parse_rule(text: str, first_start: datetime.datetime) -> Rule:
    """Check a rule for a series starting at ``first_start``; raise ``DomainError`` on "rule".

    Visits repeat daily, weekly or monthly, once on each day at the first start's time, and stop
    within two years (an end date or a number of times, at most 1,000).
    """
    parts = _split(text)
    freq = parts.get("FREQ")
    if freq is None:
        raise _refuse(_("Say how often it repeats: FREQ=DAILY, WEEKLY or MONTHLY."))
    if freq not in FREQUENCIES:
        raise _refuse(_("Visits repeat daily, weekly or monthly, not “%(freq)s”.") % {"freq": freq})
    timed = [name for name in TIME_PARTS if name in parts]
    if timed:
        raise _refuse(
            _(
                "A visit happens once on each day it repeats, at the time of the first start: "
                "leave out %(parts)s."
            )
            % {"parts": ", ".join(timed)}
        )
    unknown = sorted(set(parts) - set(ALLOWED_PARTS) - set(ENDS))
    if unknown:
        raise _refuse(
            _("The rule has parts we do not use: %(parts)s.") % {"parts": ", ".join(unknown)}
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise _refuse(_("Give an end date or a number of times, not both."))
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise _refuse(
            _("Say when it stops repeating: an end date or a number of times, within two years.")
        )
    _number(
        parts, "INTERVAL", 1, MAX_INTERVAL, _("The gap between repeats is a number from 1 to 52.")
    )
    count = _number(
        parts,
        "COUNT",
        1,
        MAX_OCCURRENCES,
        _("It can repeat at most %(n)s times.") % {"n": MAX_OCCURRENCES},
    )
    until = _until(parts.pop("UNTIL")) if "UNTIL" in parts else None
    # dateutil drops microseconds from the start; so do we, or the first visit goes missing.
    start = wall_clock(first_start).replace(microsecond=0)
    if until is not None and until < start:
        raise _refuse(_("The end date comes before the first visit."))
    if until is not None and until > start + MAX_SPAN:
        raise _refuse(_("A series lasts at most two years: choose an earlier end date."))
    recurrence = _compile(parts, until, first_start)
    # Bounded: iterating never goes past two years, even for a rule that never matches.
    within = recurrence.between(start, start + MAX_SPAN, inc=True)
    if not within:
        raise _refuse(_("This rule never gives a visit: check the days it names."))
    if count is not None and len(within) < count:
        raise _refuse(_("It would go on for more than two years: choose fewer times."))
    return Rule(
        text=_render(parts, until, utc=True),
        parts=parts,
        recurrence=recurrence,
        until=until,
        count=count,
    )


def compiled(series: Series) -> rrule:
    """The dateutil rule of a saved series (checked when it was made)."""
    parts = _split(series.rule)
    until = _until(parts.pop("UNTIL")) if "UNTIL" in parts else None
    return _compile(parts, until, series.first_start)


def occurrence_starts(
    recurrence: rrule, after: datetime.datetime, before: datetime.datetime
) -> list[datetime.datetime]:
    """The aware starts the rule gives in [after, before]."""
    return [
        from_wall_clock(naive)
        for naive in recurrence.between(wall_clock(after), wall_clock(before), inc=True)
    ]


def build_rule(
    frequency: str,
    *,
    interval: int = 1,
    weekdays: Iterable[str] = (),
    until: datetime.date | None = None,
    count: int | None = None,
) -> str:
    """The rule for what a form asks ("every 2 weeks on Monday and Thursday until …"), so
    nobody types RRULE syntax."""
    parts = [f"FREQ={frequency}"]
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    days = [day for day in WEEKDAYS if day in set(weekdays)]
    if days:
        parts.append("BYDAY=" + ",".join(days))
    if count is not None:
        parts.append(f"COUNT={count}")
    if until is not None:
        end = from_wall_clock(datetime.datetime.combine(until, datetime.time(23, 59, 59)))
        parts.append("UNTIL=" + end.strftime("%Y%m%dT%H%M%SZ"))
    return ";".join(parts)


# --- Saying a rule in words ---------------------------------------------------------------------


def _day_names() -> dict[str, str]:
    return {
        "MO": _("Monday"),
        "TU": _("Tuesday"),
        "WE": _("Wednesday"),
        "TH": _("Thursday"),
        "FR": _("Friday"),
        "SA": _("Saturday"),
        "SU": _("Sunday"),
    }


def _and(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return _("%(some)s and %(last)s") % {"some": ", ".join(items[:-1]), "last": items[-1]}


def _monthly_days(parts: dict[str, str], first: datetime.datetime) -> str | None:
    names = _day_names()
    ordinals = {1: _("first"), 2: _("second"), 3: _("third"), 4: _("fourth"), -1: _("last")}
    if "BYDAY" in parts:
        said = []
        for code in parts["BYDAY"].split(","):
            number, day = code[:-2], code[-2:]
            try:
                said.append(
                    _("the %(nth)s %(day)s") % {"nth": ordinals[int(number)], "day": names[day]}
                )
            except (KeyError, ValueError):
                return None
        return _and(said)
    days = parts.get("BYMONTHDAY", str(first.day)).split(",")
    if not all(day.isdigit() for day in days):
        return None
    return ngettext("day %(days)s", "days %(days)s", len(days)) % {"days": _and(days)}


def _pattern(parts: dict[str, str], first: datetime.datetime) -> str:
    freq, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    plain = not (set(parts) - {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "WKST", *ENDS})
    if freq == "DAILY" and plain and "BYDAY" not in parts and "BYMONTHDAY" not in parts:
        return ngettext("Every day", "Every %(n)s days", interval) % {"n": interval}
    if freq == "WEEKLY" and plain and "BYMONTHDAY" not in parts:
        codes = parts.get("BYDAY", WEEKDAYS[first.weekday()]).split(",")
        if all(code in WEEKDAYS for code in codes):
            days = _and([_day_names()[code] for code in sorted(codes, key=WEEKDAYS.index)])
            return ngettext("Every week on %(days)s", "Every %(n)s weeks on %(days)s", interval) % {
                "n": interval,
                "days": days,
            }
    if freq == "MONTHLY" and plain and not ("BYDAY" in parts and "BYMONTHDAY" in parts):
        days = _monthly_days(parts, first)
        if days:
            return ngettext(
                "Every month on %(days)s", "Every %(n)s months on %(days)s", interval
            ) % {"n": interval, "days": days}
    labels = {"DAILY": _("day"), "WEEKLY": _("week"), "MONTHLY": _("month")}
    return _("Repeats each %(period)s on a pattern set through the API") % {"period": labels[freq]}


def describe_rule(rule_text: str, first_start: datetime.datetime, minutes: int) -> str:
    """'Every week on Monday and Thursday, 10:00–11:00, until 3 March 2027'."""
    parts = _split(rule_text)
    first = wall_clock(first_start)
    end = first + datetime.timedelta(minutes=minutes)
    said = [_pattern(parts, first), f"{first:%H:%M}–{end:%H:%M}"]
    if "UNTIL" in parts:
        said.append(_("until %(day)s") % {"day": date_format(_until(parts["UNTIL"]), "j F Y")})
    elif "COUNT" in parts:
        count = int(parts["COUNT"])
        said.append(ngettext("once", "%(n)s times", count) % {"n": count})
    return ", ".join(said)


def describe(series: Series) -> str:
    return describe_rule(series.rule, series.first_start, series.duration_minutes)


def carry_on(series: Series, key: datetime.datetime) -> str:
    """The old rule from ``key`` on: the same, less the visits already had if it counts them."""
    parts = _split(series.rule)
    if "COUNT" in parts:
        recurrence = compiled(series)
        first = wall_clock(series.first_start) - datetime.timedelta(seconds=1)
        had = len(recurrence.between(first, wall_clock(key), inc=False))
        parts["COUNT"] = str(int(parts["COUNT"]) - had)
    until = _until(parts.pop("UNTIL")) if "UNTIL" in parts else None
    return _render(parts, until, utc=True)
