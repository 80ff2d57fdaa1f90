"""Learning sessions: offering one, booking a place, the waiting list, attendance and
completion (feedback and teacher recognition are in ``services.teachers``).

Anyone who takes part in the co-op may offer a session (everyone is a learner and a teacher);
its facilitators, or the circle's Learning Lead, run it. A place is taken with the session row
locked (``select_for_update``), so two people booking the last place at once never both get
it: one is booked, the other waits. Completing a session writes a learning record for every
attendee and every topic covered, through ``records.create_record`` like any other record; an
observed competence is signed off by a facilitator who holds it in date.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coopcare.audit.services import diff
from coopcare.audit.services import record as audit
from coopcare.circles.models import Circle
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import (
    LearningSession,
    Method,
    Place,
    SessionKind,
    Setting,
    Topic,
)
from coopcare.learning.requirements import current_topics, policy_for
from coopcare.learning.selectors import circle_ids_of
from coopcare.learning.services.records import create_record, holds_competence
from coopcare.learning.sessions_selectors import (
    can_see_session,
    is_facilitator,
    my_team_ids,
    offer_circles,
    takes_part,
    visible_names,
)
from coopcare.notifications.services import notify
from coopcare.teams.models import Team

MAX_TITLE = 150
MAX_DESCRIPTION = 2000
MAX_PLACE = 200
MAX_REASON = 300
MAX_HOURS = 12
MAX_CAPACITY = 200
MAX_TOPICS = 12
MAX_CO_FACILITATORS = 5
COMPLETED = "learning.session_completed"
EDITABLE = (
    "kind",
    "title",
    "description",
    "topic_slugs",
    "setting",
    "team",
    "circle",
    "place_detail",
    "area",
    "starts_at",
    "ends_at",
    "capacity",
)
# What the people with a place are told about when it changes.
NOTICEABLE = {"starts_at", "ends_at", "setting", "place_detail", "area", "title"}


def _url(session: LearningSession) -> str:
    return reverse("learning:session", args=[session.pk])


def _when(session: LearningSession) -> str:
    starts = timezone.localtime(session.starts_at)
    return date_format(starts, "l j F Y, H:i")


def session_day(session: LearningSession) -> datetime.date:
    return timezone.localtime(session.starts_at).date()


# --- Checking what is offered -------------------------------------------------------------------


def normalise_area(value: str) -> str:
    """ "ls6" → "LS6"; a whole postcode "LS6 1AA" → its district "LS6"."""
    from coopcare.supportprofiles.services.giving import DISTRICT_RE, FULL_POSTCODE_RE

    compact = "".join((value or "").split()).upper()
    if not compact:
        return ""
    if FULL_POSTCODE_RE.match(compact):
        return compact[:-3]
    if DISTRICT_RE.match(compact):
        return compact
    raise DomainError(
        _("Enter the first part of a UK postcode, like LS6 (a whole postcode works too)."),
        field="area",
    )


def _text(value: str, limit: int, field: str, message: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise DomainError(message, field=field)
    return value


def _check_times(starts_at, ends_at) -> tuple[datetime.datetime, datetime.datetime]:
    if starts_at is None:
        raise DomainError(_("Say when it starts."), field="starts_at")
    if ends_at is None:
        raise DomainError(_("Say when it ends."), field="ends_at")
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    if timezone.is_naive(ends_at):
        ends_at = timezone.make_aware(ends_at)
    if starts_at <= timezone.now():
        raise DomainError(_("Choose a time in the future."), field="starts_at")
    if ends_at <= starts_at:
        raise DomainError(_("It must end after it starts."), field="ends_at")
    if ends_at - starts_at > datetime.timedelta(hours=MAX_HOURS):
        raise DomainError(
            _("A session lasts at most %(hours)s hours: offer a longer course as several.")
            % {"hours": MAX_HOURS},
            field="ends_at",
        )
    return starts_at, ends_at


def _check_place(offerer, setting, team, circle, *, was=None) -> tuple[Team | None, Circle]:
    """The team and circle of a session. A team's session belongs to its local circle."""
    if setting not in Setting.values:
        raise DomainError(_("Choose where it happens."), field="setting")
    if setting == Setting.TEAM:
        if team is None:
            raise DomainError(_("Choose the team it is for."), field="team")
        unchanged = was is not None and was.team_id == team.pk
        if not unchanged and team.pk not in my_team_ids(offerer):
            raise DomainError(_("Choose a team you are in."), field="team")
        return team, team.local_circle
    if circle is None:
        raise DomainError(_("Choose the circle it belongs to."), field="circle")
    unchanged = was is not None and was.circle_id == circle.pk
    if not unchanged and not offer_circles(offerer).filter(pk=circle.pk).exists():
        raise DomainError(_("Choose one of your circles."), field="circle")
    return None, circle


def _check_topics(circle: Circle, slugs: Iterable[str]) -> list[Topic]:
    slugs = list(dict.fromkeys(slugs or []))
    if len(slugs) > MAX_TOPICS:
        raise DomainError(
            _("Choose at most %(n)s topics.") % {"n": MAX_TOPICS}, field="topic_slugs"
        )
    current = {topic.slug: topic for topic in current_topics(policy_for(circle))}
    unknown = [slug for slug in slugs if slug not in current]
    if unknown:
        raise DomainError(
            _("%(circle)s's learning policy has no topic %(slugs)s: choose from its topics.")
            % {"circle": circle.name, "slugs": ", ".join(unknown)},
            field="topic_slugs",
        )
    return [current[slug] for slug in slugs]


def _check_facilitators(
    offerer, co_facilitators, circle: Circle, team: Team | None, viewer=None
) -> list:
    """The offerer and their co-facilitators. A refusal names the person only if ``viewer`` (who
    chose them) may see their name."""
    people = [offerer]
    for person in co_facilitators or []:
        if person.pk not in {p.pk for p in people}:
            people.append(person)
    if len(people) - 1 > MAX_CO_FACILITATORS:
        raise DomainError(
            _("Ask at most %(n)s people to facilitate with you.") % {"n": MAX_CO_FACILITATORS},
            field="co_facilitators",
        )
    for person in people[1:]:
        in_team = team is not None and team.pk in my_team_ids(person)
        if not person.is_active or not (in_team or circle.pk in circle_ids_of(person)):
            if person.pk not in visible_names(viewer or offerer, {person.pk}):
                raise DomainError(
                    _("Choose co-facilitators from the list."), field="co_facilitators"
                )
            raise DomainError(
                _("%(person)s does not take part in %(circle)s, so cannot facilitate there.")
                % {"person": person, "circle": circle.name},
                field="co_facilitators",
            )
    return people


def _check_competence(topics: list[Topic], facilitators: list, on: datetime.date) -> None:
    """A competence-based topic needs a facilitator who holds that competence in date."""
    for topic in topics:
        if topic.observed and not any(holds_competence(p, topic, on) for p in facilitators):
            raise DomainError(
                _(
                    "%(topic)s is a competence that must be observed: at least one facilitator "
                    "must hold it in date on the day. Ask someone who does to facilitate with "
                    "you, or leave this topic out."
                )
                % {"topic": topic.name},
                field="topic_slugs",
            )


def _cleaned(offerer, values: dict, was: LearningSession | None = None, viewer=None) -> dict:
    kind = values.get("kind")
    if kind not in SessionKind.values:
        raise DomainError(_("Choose the kind of session."), field="kind")
    title = _text(values.get("title"), MAX_TITLE, "title", _("Keep the title to 150 characters."))
    if not title:
        raise DomainError(_("Give the session a title."), field="title")
    description = _text(
        values.get("description"),
        MAX_DESCRIPTION,
        "description",
        _("Keep the description to 2,000 characters."),
    )
    setting = values.get("setting")
    team, circle = _check_place(offerer, setting, values.get("team"), values.get("circle"), was=was)
    place_detail = _text(
        values.get("place_detail"), MAX_PLACE, "place_detail", _("Keep this to 200 characters.")
    )
    area = "" if setting == Setting.ONLINE else normalise_area(values.get("area", ""))
    if setting == Setting.COMMUNITY and not area:
        raise DomainError(
            _("Say which postcode district it is in, like LS6, so people nearby find it."),
            field="area",
        )
    starts_at, ends_at = _check_times(values.get("starts_at"), values.get("ends_at"))
    capacity = values.get("capacity")
    if not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise DomainError(
            _("Offer between 1 and %(n)s places.") % {"n": MAX_CAPACITY}, field="capacity"
        )
    topics = _check_topics(circle, values.get("topic_slugs") or [])
    facilitators = _check_facilitators(offerer, values.get("co_facilitators"), circle, team, viewer)
    _check_competence(topics, facilitators, timezone.localtime(starts_at).date())
    return {
        "kind": kind,
        "title": title,
        "description": description,
        "topic_slugs": [t.slug for t in topics],
        "setting": setting,
        "team": team,
        "circle": circle,
        "place_detail": place_detail,
        "area": area,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "capacity": capacity,
        "facilitators": facilitators,
    }


# --- Offering, changing, cancelling -------------------------------------------------------------


@transaction.atomic
def offer_session(actor, *, request=None, **values) -> LearningSession:
    """``actor`` offers a session and facilitates it, with any ``co_facilitators``."""
    if not takes_part(actor):
        raise NotAllowed(_("Only people who take part in the co-op offer sessions."))
    data = _cleaned(actor, values)
    facilitators = data.pop("facilitators")
    session = LearningSession.objects.create(offered_by=actor, **data)
    session.facilitators.set(facilitators)
    audit(
        "learning.session_offered",
        actor=actor,
        target=session,
        request=request,
        detail={
            "circle": session.circle_id,
            "team": session.team_id,
            "kind": session.kind,
            "topics": session.topic_slugs,
            "facilitators": [p.pk for p in facilitators],
        },
    )
    for person in facilitators[1:]:
        notify(
            person,
            "learning.session_changed",
            _("You are named as a facilitator of “%(title)s”") % {"title": session.title},
            body=_("%(person)s offered it for %(when)s.")
            % {"person": actor, "when": _when(session)},
            url=_url(session),
        )
    return session


def _locked(session: LearningSession) -> LearningSession:
    return (
        LearningSession.objects.select_for_update(of=("self",))
        .select_related("circle", "team__circle", "team__local_circle", "offered_by")
        .get(pk=session.pk)
    )


def _require_manager(actor, session: LearningSession) -> None:
    if not actor.has_perm("learning.manage_session", session):
        raise NotAllowed(_("Only its facilitators or the circle's Learning Lead run a session."))


def _holders(session: LearningSession, statuses=(Place.Status.BOOKED, Place.Status.WAITING)):
    return [
        place.person
        for place in Place.objects.filter(session=session, status__in=statuses).select_related(
            "person"
        )
    ]


def _promote(session: LearningSession, request=None) -> list[Place]:
    """Move people up from the waiting list, first come first served, while places are free.
    The caller holds the session's row lock."""
    booked = Place.objects.filter(session=session, status__in=Place.HOLDING).count()
    free = session.capacity - booked
    if free <= 0:
        return []
    moved = list(
        Place.objects.select_for_update(of=("self",))
        .filter(session=session, status=Place.Status.WAITING)
        .select_related("person")
        .order_by("asked_at", "pk")[:free]
    )
    now = timezone.now()
    for place in moved:
        place.status = Place.Status.BOOKED
        place.updated_at = now
        place.save(update_fields=["status", "updated_at"])
        audit("learning.place_promoted", target=place, subject=place.person, request=request)
        notify(
            place.person,
            "learning.session_place",
            _("You have a place at “%(title)s”") % {"title": session.title},
            body=_("A place came free and you were next on the waiting list. It is on %(when)s.")
            % {"when": _when(session)},
            url=_url(session),
        )
    return moved


@transaction.atomic
def edit_session(actor, session: LearningSession, *, request=None, **values) -> LearningSession:
    """Change an open session before it starts. Unchanged values may be left out."""
    session = _locked(session)
    _require_manager(actor, session)
    if session.status != LearningSession.Status.OPEN:
        raise DomainError(_("Only an open session can be changed."))
    if session.starts_at <= timezone.now():
        raise DomainError(_("It has started: it can no longer be changed."))
    facilitators = list(session.facilitators.all())
    current = {name: getattr(session, name) for name in EDITABLE}
    current["co_facilitators"] = [p for p in facilitators if p.pk != session.offered_by_id]
    merged = {**current, **{k: v for k, v in values.items() if k in current}}
    data = _cleaned(session.offered_by, merged, was=session, viewer=actor)
    new_facilitators = data.pop("facilitators")
    holding = Place.objects.filter(
        session=session,
        person__in=new_facilitators,
        status__in=(Place.Status.BOOKED, Place.Status.WAITING),
    ).select_related("person")
    for place in holding:
        raise DomainError(
            _("%(person)s has a place at this session: they leave it before facilitating.")
            % {"person": place.person},
            field="co_facilitators",
        )
    booked = Place.objects.filter(session=session, status=Place.Status.BOOKED).count()
    if data["capacity"] < booked:
        raise DomainError(
            _("%(n)s people have booked: offer at least %(n)s places.") % {"n": booked},
            field="capacity",
        )
    before = {k: _plain(getattr(session, k)) for k in data}
    for name, value in data.items():
        setattr(session, name, value)
    session.save()
    if {p.pk for p in new_facilitators} != {p.pk for p in facilitators}:
        session.facilitators.set(new_facilitators)
    changes = diff(before, {k: _plain(v) for k, v in data.items()})
    audit("learning.session_changed", actor=actor, target=session, request=request, changes=changes)
    _promote(session, request=request)
    if NOTICEABLE & set(changes):
        for person in _holders(session):
            notify(
                person,
                "learning.session_changed",
                _("“%(title)s” has changed") % {"title": session.title},
                body=_("It is now on %(when)s. Check where it is, too.") % {"when": _when(session)},
                url=_url(session),
            )
    return session


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return getattr(value, "pk", value)


@transaction.atomic
def cancel_session(actor, session: LearningSession, reason: str, request=None) -> LearningSession:
    session = _locked(session)
    _require_manager(actor, session)
    if session.status != LearningSession.Status.OPEN:
        raise DomainError(_("Only an open session can be cancelled."))
    reason = _text(reason, MAX_REASON, "reason", _("Keep the reason to 300 characters."))
    if not reason:
        raise DomainError(_("Say why it is cancelled: the people booked are told."), field="reason")
    told = _holders(session)
    session.status = LearningSession.Status.CANCELLED
    session.cancelled_at = timezone.now()
    session.cancel_reason = reason
    session.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    Place.objects.filter(
        session=session, status__in=(Place.Status.BOOKED, Place.Status.WAITING)
    ).update(status=Place.Status.CANCELLED, updated_at=timezone.now())
    audit(
        "learning.session_cancelled",
        actor=actor,
        target=session,
        request=request,
        detail={"told": len(told)},
    )
    for person in told:
        notify(
            person,
            "learning.session_changed",
            _("“%(title)s” is cancelled") % {"title": session.title},
            body=_("It was to be on %(when)s. Why: %(reason)s")
            % {"when": _when(session), "reason": reason},
            url=_url(session),
        )
    return session


# --- Places and the waiting list ----------------------------------------------------------------


@transaction.atomic
def book_place(actor, session: LearningSession, request=None) -> Place:
    """A place if one is left, otherwise a place on the waiting list."""
    session = _locked(session)
    if not takes_part(actor):
        raise NotAllowed(_("Only people who take part in the co-op book sessions."))
    if not can_see_session(actor, session):
        # The pages and the API answer 404 before this; here so no other caller can book
        # a team's session from outside the team.
        raise NotAllowed(_("This session is not open to you."))
    if session.status != LearningSession.Status.OPEN:
        raise DomainError(_("This session is not open for booking."))
    if session.starts_at <= timezone.now():
        raise DomainError(_("It has already started."))
    if is_facilitator(actor, session):
        raise DomainError(_("You facilitate this session: there is no need to book."))
    place = Place.objects.select_for_update(of=("self",)).filter(session=session, person=actor)
    place = place.first()
    if place is not None and place.status == Place.Status.BOOKED:
        raise DomainError(_("You already have a place."))
    if place is not None and place.status == Place.Status.WAITING:
        raise DomainError(_("You are already on the waiting list."))
    booked = Place.objects.filter(session=session, status__in=Place.HOLDING).count()
    status = Place.Status.BOOKED if booked < session.capacity else Place.Status.WAITING
    now = timezone.now()
    if place is None:
        place = Place.objects.create(
            session=session, person=actor, status=status, asked_at=now, updated_at=now
        )
    else:
        # Coming back after leaving: to the end of the queue, like anyone asking now.
        place.status, place.asked_at, place.updated_at = status, now, now
        place.save(update_fields=["status", "asked_at", "updated_at"])
    audit(
        "learning.place_booked" if status == Place.Status.BOOKED else "learning.place_waiting",
        actor=actor,
        target=place,
        subject=actor,
        request=request,
    )
    return place


@transaction.atomic
def leave_place(actor, session: LearningSession, request=None) -> Place:
    """Give up a place (or leave the waiting list); the first waiting is moved up and told."""
    session = _locked(session)
    place = (
        Place.objects.select_for_update(of=("self",))
        .filter(
            session=session,
            person=actor,
            status__in=(Place.Status.BOOKED, Place.Status.WAITING),
        )
        .first()
    )
    if place is None:
        raise DomainError(_("You have no place at this session."))
    if session.status == LearningSession.Status.OPEN and session.starts_at <= timezone.now():
        raise DomainError(_("It has already started: tell the facilitator if you cannot stay."))
    was_booked = place.status == Place.Status.BOOKED
    place.status = Place.Status.CANCELLED
    place.updated_at = timezone.now()
    place.save(update_fields=["status", "updated_at"])
    audit("learning.place_left", actor=actor, target=place, subject=actor, request=request)
    if was_booked and session.status == LearningSession.Status.OPEN:
        _promote(session, request=request)
    return place


# --- Running it: attendance and completion ------------------------------------------------------


@transaction.atomic
def mark_attendance(
    actor, session: LearningSession, marks: dict[int, bool], request=None
) -> list[Place]:
    """``marks``: {person id: came?} for people holding a place. Once it has started."""
    session = _locked(session)
    _require_manager(actor, session)
    if session.status != LearningSession.Status.OPEN:
        raise DomainError(_("Attendance can be changed only until the session is completed."))
    if session.starts_at > timezone.now():
        raise DomainError(_("Mark who came once the session has started."))
    places = {
        place.person_id: place
        for place in Place.objects.select_for_update(of=("self",)).filter(
            session=session, status__in=Place.HOLDING
        )
    }
    unknown = [pk for pk in marks if pk not in places]
    if unknown:
        raise DomainError(_("Only people who booked a place can be marked."), field="marks")
    now = timezone.now()
    changed = []
    for person_id, came in marks.items():
        place = places[person_id]
        status = Place.Status.ATTENDED if came else Place.Status.ABSENT
        if place.status != status:
            place.status, place.updated_at = status, now
            place.save(update_fields=["status", "updated_at"])
            changed.append(place)
    audit(
        "learning.attendance_marked",
        actor=actor,
        target=session,
        request=request,
        detail={
            "attended": sum(1 for came in marks.values() if came),
            "absent": sum(1 for came in marks.values() if not came),
        },
    )
    return changed


def _assessor_for(topic: Topic, facilitators: list, actor, on: datetime.date):
    """The facilitator who signs off an observed topic: whoever completes it if they hold it,
    otherwise the first facilitator who does."""
    ordered = sorted(facilitators, key=lambda p: p.pk != actor.pk)
    for person in ordered:
        if holds_competence(person, topic, on):
            return person
    raise DomainError(
        _(
            "%(topic)s must be signed off by a facilitator who holds it in date on %(day)s, and "
            "none does. Ask the Learning Lead to record it with an assessor instead, or leave "
            "the session open until then."
        )
        % {"topic": topic.name, "day": date_format(on, "j F Y")}
    )


@transaction.atomic
def complete_session(actor, session: LearningSession, request=None) -> LearningSession:
    """Close a session that has ended: a learning record for each attendee and topic covered."""
    session = _locked(session)
    _require_manager(actor, session)
    if session.status != LearningSession.Status.OPEN:
        raise DomainError(_("Only an open session can be completed."))
    if session.ends_at > timezone.now():
        raise DomainError(_("Complete it once it has ended."))
    if Place.objects.filter(session=session, status=Place.Status.BOOKED).exists():
        raise DomainError(_("Mark whether each person who booked came, then complete it."))
    day = session_day(session)
    facilitators = list(session.facilitators.select_related("profile").order_by("pk"))
    policy = policy_for(session.circle)
    by_slug: dict[str, Topic] = {}
    current_first = (F("retired_at").asc(nulls_first=True), "pk")
    for topic in policy.topics.filter(slug__in=session.topic_slugs).order_by(*current_first):
        by_slug.setdefault(topic.slug, topic)
    topics = [by_slug[slug] for slug in session.topic_slugs if slug in by_slug]
    assessors = {t.slug: _assessor_for(t, facilitators, actor, day) for t in topics if t.observed}
    teacher = actor if any(p.pk == actor.pk for p in facilitators) else session.offered_by
    # No names in ``provider``: it is free text shown on the record and the shared passport,
    # where a facilitator's name would escape their privacy choice. Who ran it is the record's
    # ``facilitator`` and ``session``, each shown by name only to whom it may be. The session's
    # place is no provider either: it may be a home address or a private video link.
    provider = ""
    method = (
        Method.EXTERNAL_COURSE
        if session.kind == SessionKind.EXTERNAL_COURSE
        else Method.PEER_SESSION
    )
    attendees = [
        place.person
        for place in Place.objects.filter(
            session=session, status=Place.Status.ATTENDED
        ).select_related("person__profile")
    ]
    written = 0
    for person in attendees:
        for topic in topics:
            assessor = assessors.get(topic.slug)
            # actor None: the platform writes it for the session (a facilitator may not record
            # other people's learning); who ran it is the facilitator, and the audit event below.
            create_record(
                None,
                person,
                topic=topic,
                completed_on=day,
                method=method,
                provider=provider,
                facilitator=assessor or teacher,
                session=session,
                assessor=assessor,
                request=request,
            )
            written += 1
    session.status = LearningSession.Status.COMPLETED
    session.completed_at = timezone.now()
    session.completed_by = actor
    session.save(update_fields=["status", "completed_at", "completed_by"])
    audit(
        "learning.session_completed",
        actor=actor,
        target=session,
        request=request,
        detail={"attended": len(attendees), "records": written, "topics": session.topic_slugs},
    )
    for person in attendees:
        notify(
            person,
            COMPLETED,
            _("Your learning at “%(title)s” is recorded") % {"title": session.title},
            body=_("Thank you for coming. How was it? Rate it and tell the facilitators."),
            url=reverse("learning:session_feedback", args=[session.pk]),
        )
    return session
