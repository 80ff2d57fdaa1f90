"""Reminders before learning runs out, and flags on professional registrations past expiry.

Both are daily jobs (``learning.tasks``, ``manage.py run_learning_jobs``). Each reminder sent is
a ``Reminder`` row, unique per (person, what it is about, the due date, the stage), written in
the same transaction as its notifications: a second run, or two runs at once, never send
anything twice.

* ``send_expiry_reminders``: a required topic whose in-date learning runs out in 60, 30 or 7
  days, or today, is announced to the person (``learning.expiring``) and their Coaches
  (``learning.team_expiring``). Stages are windows — 60 means "31 to 60 days left" — so a run
  that comes late (the job was down) sends only the nearest stage, never every stage it missed;
  an expiry it missed by up to a week is still announced. The candidates come from one query
  per circle over a window of completion dates, never a loop over everyone.
* ``flag_expired_registrations``: a registration (not withdrawn) past its expiry date is flagged
  to the person's Coaches once (stage 0).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.circles.models import Circle
from coopcare.learning import requirements
from coopcare.learning.models import Registration, Reminder, Topic
from coopcare.learning.selectors import coaches_of
from coopcare.notifications.services import notify

STAGES = (60, 30, 7, 0)  # days before the expiry date; 0: on the day
LATE_DAYS = 7  # an expiry a stopped job missed is still announced for a week
SLACK = datetime.timedelta(days=3)  # month arithmetic is not exactly reversible at month ends


def stage_for(days_left: int) -> int | None:
    """The reminder due with ``days_left`` days to go: the nearest stage at or above it."""
    if days_left < -LATE_DAYS or days_left > max(STAGES):
        return None
    return min(s for s in STAGES if days_left <= s)


def _day(on: datetime.date) -> str:
    return date_format(on, "j F Y")


@dataclass
class Expiring:
    person_id: int
    topic: Topic
    due_on: datetime.date
    stage: int

    @property
    def about(self) -> str:
        return f"topic:{self.topic.slug}"

    def words(self) -> str:
        if self.stage == 0:
            return _("%(topic)s expired on %(date)s") % {
                "topic": self.topic.name,
                "date": _day(self.due_on),
            }
        return _("%(topic)s expires on %(date)s") % {
            "topic": self.topic.name,
            "date": _day(self.due_on),
        }


def _window(topics: list[Topic], first: datetime.date, last: datetime.date) -> Q:
    """Completion dates whose expiry may fall between ``first`` and ``last``, per interval."""
    by_months: dict[int, list[str]] = defaultdict(list)
    for topic in topics:
        by_months[requirements.interval_months(topic)].append(topic.slug)
    window = Q()
    for months, slugs in by_months.items():
        back = relativedelta(months=months)
        window |= Q(
            topic_slug__in=slugs,
            completed_on__gte=first - back - SLACK,
            completed_on__lte=last - back + SLACK,
        )
    return window


def expiring(today: datetime.date) -> list[Expiring]:
    """Required topics whose latest counting learning expires between a week ago and 60 days
    from ``today``, one per person and topic (the strictest circle's date), with its stage."""
    first = today - datetime.timedelta(days=LATE_DAYS)
    last = today + datetime.timedelta(days=max(STAGES))
    best: dict[tuple[int, str], Expiring] = {}
    for circle in Circle.objects.exclude(kind=Circle.Kind.TEAM).order_by("pk"):
        topics = [
            t
            for t in requirements.current_topics(requirements.policy_for(circle))
            if requirements.interval_months(t)
        ]
        if not topics:
            continue
        by_slug = {t.slug: t for t in topics}
        counting = requirements.counting_records(requirements.people_ids(circle), topics)
        # The latest counting record of each person and topic, when it falls in the window:
        # one renewed since (even outside the window) takes the topic off the list.
        renewed = counting.filter(
            person_id=OuterRef("person_id"),
            topic_slug=OuterRef("topic_slug"),
            completed_on__gt=OuterRef("completed_on"),
        )
        candidates = counting.filter(_window(topics, first, last), person__is_active=True).exclude(
            Exists(renewed)
        )
        latest = {
            (person_id, slug): completed_on
            for person_id, slug, completed_on in candidates.values_list(
                "person_id", "topic_slug", "completed_on"
            )
        }
        if not latest:
            continue
        facts = requirements.circle_facts(circle, candidates.values("person_id"))
        for (person_id, slug), completed_on in latest.items():
            topic = by_slug[slug]
            due_on = requirements.expiry_of(completed_on, topic)
            if due_on is None or not first <= due_on <= last:
                continue
            if not requirements.applies(topic, facts.get(person_id) or requirements.Facts()):
                continue
            held = best.get((person_id, slug))
            if held is None or due_on < held.due_on:
                stage = stage_for((due_on - today).days)
                best[(person_id, slug)] = Expiring(person_id, topic, due_on, stage)
    return sorted(best.values(), key=lambda e: (e.person_id, e.due_on, e.topic.slug))


def _sent(first: datetime.date) -> dict[tuple[int, str, datetime.date], int]:
    """The nearest stage already sent for each (person, topic, due date) from ``first`` on."""
    sent: dict[tuple[int, str, datetime.date], int] = {}
    for person_id, about, due_on, stage in Reminder.objects.filter(
        about__startswith="topic:", due_on__gte=first
    ).values_list("person_id", "about", "due_on", "stage"):
        key = (person_id, about, due_on)
        sent[key] = min(stage, sent.get(key, stage))
    return sent


def send_expiry_reminders(now: datetime.datetime | None = None) -> int:
    """Remind people (and their Coaches) of learning about to run out; returns reminders sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = expiring(today)
    sent = _sent(today - datetime.timedelta(days=LATE_DAYS))
    # A stage is sent once, and never after a nearer one (a due date only comes closer).
    fresh = [e for e in due if sent.get((e.person_id, e.about, e.due_on), 999) > e.stage]
    by_person: dict[int, list[Expiring]] = defaultdict(list)
    for item in fresh:
        by_person[item.person_id].append(item)
    people = get_user_model().objects.select_related("profile").in_bulk(list(by_person))
    count = 0
    for person_id, items in by_person.items():
        person = people.get(person_id)
        if person is not None:
            count += _remind(person, items, now)
    return count


@transaction.atomic
def _remind(person, items: list[Expiring], now: datetime.datetime) -> int:
    new = []
    for item in items:
        _reminder, created = Reminder.objects.get_or_create(
            person=person,
            about=item.about,
            due_on=item.due_on,
            stage=item.stage,
            defaults={"sent_at": now},
        )
        if created:
            new.append(item)
    if not new:
        return 0
    lines = "\n".join(f"• {item.words()}" for item in new)
    if len(new) == 1:
        item = new[0]
        mine = (
            _("Your %(topic)s has expired") % {"topic": item.topic.name}
            if item.stage == 0
            else _("Your %(topic)s expires on %(date)s")
            % {"topic": item.topic.name, "date": _day(item.due_on)}
        )
    else:
        mine = _("%(n)s topics of your learning are running out") % {"n": len(new)}
    notify(
        person,
        "learning.expiring",
        mine,
        lines
        + "\n\n"
        + _(
            "Book a session on the Learning page, or ask your Coach to record learning you have "
            "done. Work that needs it cannot be booked for you once it has expired."
        ),
        reverse("learning:home"),
    )
    for coach in coaches_of(person).select_related("profile"):
        if coach.pk == person.pk:
            continue
        notify(
            coach,
            "learning.team_expiring",
            _("%(person)s: learning running out") % {"person": person},
            lines,
            reverse("learning:person", args=[person.pk]),
        )
    return len(new)


def flag_expired_registrations(now: datetime.datetime | None = None) -> int:
    """Tell the Coaches of each person whose registration is past its expiry date, once."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    flagged = Reminder.objects.filter(
        person=OuterRef("person"),
        about=Concat(Value("registration:"), Cast(OuterRef("pk"), output_field=CharField())),
        due_on=OuterRef("expires_on"),
        stage=0,
    )
    due = (
        Registration.objects.filter(
            withdrawn_at__isnull=True, expires_on__lte=today, person__is_active=True
        )
        .exclude(Exists(flagged))
        .select_related("person__profile")
        .order_by("expires_on", "pk")
    )
    count = 0
    for registration in due:
        count += _flag(registration, now)
    return count


@transaction.atomic
def _flag(registration: Registration, now: datetime.datetime) -> int:
    _reminder, created = Reminder.objects.get_or_create(
        person=registration.person,
        about=f"registration:{registration.pk}",
        due_on=registration.expires_on,
        stage=0,
        defaults={"sent_at": now},
    )
    if not created:
        return 0
    person = registration.person
    body = registration.body_name or registration.get_body_display()
    for coach in coaches_of(person):
        if coach.pk == person.pk:
            continue
        notify(
            coach,
            "learning.registration_expired",
            _("%(person)s's registration with %(body)s expired on %(date)s")
            % {"person": person, "body": body, "date": _day(registration.expires_on)},
            _(
                "Check the register and record the renewal, or make sure they give no support "
                "that needs it until it is renewed."
            ),
            reverse("learning:person", args=[person.pk]),
        )
    return 1
