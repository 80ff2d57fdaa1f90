"""The learning passport: a person's valid learning, qualifications, registrations and observed
competences — theirs to print, download and share by a link that expires.

* **What counts** is asked of ``learning.requirements``, so the passport agrees with the matrix:
  a record counts when it is not withdrawn (and, for an observed topic, signed off); it is shown
  while it is in date by the policies of the person's circles. Where two circles have the same
  topic with different intervals, the earlier expiry wins. Learning whose topic is in none of
  their circles' policies is shown with its date and no expiry (there is no policy to compute
  one from).
* **Sharing**: a link holds a random secret (``secrets.token_urlsafe(32)``); only its SHA-256
  hash is kept, so a copy of the database cannot open anyone's passport. The person sees the
  link once, when they make it. Only the person makes links for themself — no hat does.
* **The receiver** opens the link without an account and sees the passport *as of now*. An
  expired, revoked and unknown link look exactly the same (not found). Each view is counted on
  the link and written to the access log as a read by nobody in particular.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopcare.audit.services import record, record_read
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import (
    LearningRecord,
    Method,
    PassportLink,
    Policy,
    Qualification,
    Registration,
    Topic,
)
from coopcare.learning.requirements import DUE_WITHIN_DAYS, expiry_of

SCHEMA = "coopcare.learning-passport/1"
DEFAULT_DAYS = 30
MAX_DAYS = 90
LABEL_MAX = PassportLink._meta.get_field("label").max_length
# Views of one shared link, and requests for shared passports from one address, per minute:
# plenty for a person checking a passport, far too few to hammer the database or guess links.
PER_LINK_PER_MINUTE = 30
PER_ADDRESS_PER_MINUTE = 60
ORDER_UNKNOWN = 10_000
# One answer for unknown, expired and revoked links alike.
NOT_FOUND = gettext_lazy(
    "This passport link does not work: it may have expired or been revoked. Ask the person who "
    "shared it for a new one."
)


# --- What is in a passport ----------------------------------------------------------------------


@dataclass
class LearningItem:
    slug: str
    name: str
    completed_on: datetime.date
    expires_on: datetime.date | None
    # False when no circle of the person has this topic: no interval to compute an expiry from.
    expiry_known: bool
    due_soon: bool
    method: str
    method_label: str
    provider: str
    assessor: str = ""
    signed_off_on: datetime.date | None = None
    order: int = 0  # the topic's place in its policy, for listing


@dataclass
class Passport:
    person_id: int
    name: str
    generated_at: datetime.datetime
    learning: list[LearningItem] = field(default_factory=list)
    competences: list[LearningItem] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)

    @property
    def generated_on(self) -> datetime.date:
        return timezone.localdate(self.generated_at)

    @property
    def is_empty(self) -> bool:
        return not (self.learning or self.competences or self.qualifications or self.registrations)


def _topics_by_slug(person) -> dict[str, list[Topic]]:
    """The current topics of the person's circles' policies, by slug.

    A circle that has not adopted a policy yet will adopt the co-op's defaults on first use
    (``requirements.policy_for``); the passport reads those defaults without writing anything,
    because the public view of a shared passport must never change the database's policies.
    """
    from coopcare.learning.defaults import DEFAULT_TOPICS
    from coopcare.learning.selectors import circle_ids_of

    ids = circle_ids_of(person)
    by_slug: dict[str, list[Topic]] = {}
    if not ids:
        return by_slug
    policies = list(Policy.objects.filter(circle_id__in=ids))
    topics = Topic.objects.filter(policy__in=policies, retired_at__isnull=True)
    for topic in topics:
        by_slug.setdefault(topic.slug, []).append(topic)
    if len(policies) < len(ids):
        for spec in DEFAULT_TOPICS:
            by_slug.setdefault(spec["slug"], []).append(Topic(**spec))
    return by_slug


def _earliest_expiry(completed_on: datetime.date, topics: list[Topic]) -> datetime.date | None:
    """The strictest expiry among the circles' versions of a topic (None: never expires)."""
    dates = [expiry_of(completed_on, topic) for topic in topics]
    known = [d for d in dates if d is not None]
    return min(known) if known else None


def _assessor_name(record_: LearningRecord, names: dict[int, str], shared: bool) -> str:
    """Who signed off the competence.

    An external assessor is named as the Coach recorded them. An assessor on the platform is
    named only on the owner's own passport, and only when the owner may see their name; a
    shared passport (anyone holding the link) says only that an assessor of the co-op signed it
    off.
    """
    if record_.assessor_id is None:
        return record_.assessor_name or _("An external assessor")
    if not shared and record_.assessor_id in names:
        return names[record_.assessor_id]
    return _("An assessor at %(site)s") % {"site": settings.SITE_NAME}


def _provider(record_: LearningRecord, names: dict[int, str], shared: bool) -> str:
    """Who ran it: the provider as written by hand, or for learning with people on the platform
    (a session, a facilitator) their name on the owner's passport only."""
    if record_.session_id is None and record_.provider:
        return record_.provider
    if not shared and record_.facilitator_id in names:
        return names[record_.facilitator_id]
    if record_.session_id or record_.facilitator_id:
        return _("A peer learning session")
    return ""


def _names(person, records: list[LearningRecord], shared: bool) -> dict[int, str]:
    """The names of assessors and facilitators the owner may see, in one query; none at all on
    a shared passport."""
    if shared:
        return {}
    from coopcare.learning.services.records import names_of

    return names_of(
        person,
        {pk for r in records for pk in (r.assessor_id, r.facilitator_id) if pk},
    )


def _valid_learning(person, today: datetime.date, shared: bool) -> list[LearningItem]:
    topics = _topics_by_slug(person)
    records = list(
        LearningRecord.objects.filter(person=person, withdrawn_at__isnull=True).order_by(
            "topic_slug", "-completed_on", "-id"
        )
    )
    names = _names(person, records, shared)
    methods = dict(Method.choices)
    seen: set[str] = set()
    items: list[LearningItem] = []
    for rec in records:
        if rec.topic_slug in seen:
            continue  # an older record of a topic already decided
        known = topics.get(rec.topic_slug, [])
        if any(t.observed for t in known) and rec.signed_off_at is None:
            continue  # waiting for an assessor: it does not count yet
        seen.add(rec.topic_slug)
        expires_on = _earliest_expiry(rec.completed_on, known) if known else None
        if expires_on is not None and today >= expires_on:
            continue  # the latest counting record has expired, so every older one has too
        first = min(known, key=lambda t: (t.order, t.pk or 0)) if known else None
        items.append(
            LearningItem(
                slug=rec.topic_slug,
                name=first.name if first else rec.topic_name,
                completed_on=rec.completed_on,
                expires_on=expires_on,
                expiry_known=bool(known),
                due_soon=expires_on is not None and (expires_on - today).days <= DUE_WITHIN_DAYS,
                method=rec.method,
                method_label=str(methods.get(rec.method, rec.method)),
                provider=_provider(rec, names, shared),
                assessor=_assessor_name(rec, names, shared) if rec.signed_off_at else "",
                signed_off_on=timezone.localdate(rec.signed_off_at) if rec.signed_off_at else None,
                order=first.order if first else ORDER_UNKNOWN,
            )
        )
    # In the policy's order (the Care Certificate's 16 standards in sequence), then the rest.
    return sorted(items, key=lambda i: (i.order, i.name.casefold(), i.slug))


def passport_of(person, now: datetime.datetime | None = None, *, shared: bool = False) -> Passport:
    """``person``'s passport as of ``now``: only what is valid today.

    ``shared``: for whoever holds a link (the public page and JSON). People on the platform who
    assessed or taught the person are not named there, whatever the owner may see.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    valid = _valid_learning(person, today, shared)
    registrations = list(
        Registration.objects.filter(person=person, withdrawn_at__isnull=True).order_by(
            "expires_on", "id"
        )
    )
    for registration in registrations:
        registration.in_date = registration_in_date(registration, today)
    return Passport(
        person_id=person.pk,
        name=person.display_name,
        generated_at=now,
        learning=[i for i in valid if i.signed_off_on is None],
        competences=[i for i in valid if i.signed_off_on is not None],
        qualifications=list(
            Qualification.objects.filter(person=person, withdrawn_at__isnull=True).order_by(
                "-achieved_on", "title", "id"
            )
        ),
        registrations=registrations,
    )


def read_own_passport(person, *, as_json: bool = False, request=None) -> Passport:
    """The person's own passport, its read written to the access log like any other read of
    their learning."""
    passport = passport_of(person)
    record_read(
        "learning.passport_viewed",
        actor=person,
        subject=person,
        request=request,
        detail={"format": "json" if as_json else "page"},
    )
    return passport


def registration_in_date(registration: Registration, today: datetime.date) -> bool:
    """A registration is in date before the day it expires on; on that day it has expired, as
    the matrix and the person's learning page say (``credentials.registration_status``)."""
    return registration.expires_on > today


# --- The JSON shape -----------------------------------------------------------------------------


def _item(item: LearningItem) -> dict[str, Any]:
    return {
        "topic": item.slug,
        "name": item.name,
        "completed_on": item.completed_on.isoformat(),
        "expires_on": item.expires_on.isoformat() if item.expires_on else None,
        "expiry_known": item.expiry_known,
        "how": item.method,
        "provider": item.provider,
    }


def passport_data(
    passport: Passport, *, site: str, shared_until: datetime.datetime | None = None
) -> dict[str, Any]:
    """The passport as plain data: the JSON download, the API and the shared JSON all use it.

    ``schema`` names this shape; a change that could break a reader gets a new number.
    """
    today = timezone.localdate(passport.generated_at)
    return {
        "schema": SCHEMA,
        "generated_at": passport.generated_at.isoformat(),
        "issued_by": {"name": settings.SITE_NAME, "site": site},
        "person": {"name": passport.name},
        "shared_until": shared_until.isoformat() if shared_until else None,
        "learning": [_item(item) for item in passport.learning],
        "competences": [
            {
                **_item(item),
                "assessor": item.assessor,
                "signed_off_on": item.signed_off_on.isoformat() if item.signed_off_on else None,
            }
            for item in passport.competences
        ],
        "qualifications": [
            {
                "title": q.title,
                "accredited": q.accredited,
                "level": q.level,
                "awarding_body": q.awarding_body,
                "achieved_on": q.achieved_on.isoformat(),
            }
            for q in passport.qualifications
        ],
        "registrations": [
            {
                "body": r.body,
                "body_name": r.body_name or r.get_body_display(),
                "number": r.number,
                "expires_on": r.expires_on.isoformat(),
                "in_date": registration_in_date(r, today),
                "checked_on": r.checked_on.isoformat() if r.checked_on else None,
            }
            for r in passport.registrations
        ],
    }


# --- Links --------------------------------------------------------------------------------------


def hash_token(raw: str) -> str:
    # The secret is 256 random bits: a fast unsalted hash is enough (nothing to guess from).
    return hashlib.sha256(raw.encode()).hexdigest()


def links_of(person) -> QuerySet:
    return PassportLink.objects.filter(person=person).order_by("-created_at", "-id")


def _check_link(label: str, days: Any) -> str:
    label = (label or "").strip()
    if any(ord(c) < 32 for c in label):
        raise DomainError(_("Write the label on one line, without special characters."), "label")
    if len(label) > LABEL_MAX:
        raise DomainError(
            _("Keep the label to %(n)d characters or fewer.") % {"n": LABEL_MAX}, field="label"
        )
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
        raise DomainError(
            _("A link lasts between 1 and %(max)d days. Choose a number in that range.")
            % {"max": MAX_DAYS},
            field="days",
        )
    return label


@transaction.atomic
def create_link(
    actor, person, *, label: str = "", days: int = DEFAULT_DAYS, request=None
) -> tuple[PassportLink, str]:
    """A new link to ``person``'s passport; returns it with its secret, which is never stored.

    Only the person makes links to their own passport: it is theirs to share, not the co-op's.
    """
    if actor is None or actor.pk != person.pk:
        raise NotAllowed(_("Only you can share your learning passport."))
    if not person.is_active:
        raise NotAllowed(_("Only active accounts can share a passport."))
    label = _check_link(label, days)
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    link = PassportLink.objects.create(
        person=person,
        token_hash=hash_token(raw),
        label=label,
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    record(
        "learning.passport_link_created",
        actor=actor,
        target=link,
        subject=person,
        request=request,
        detail={"label": label, "expires_at": link.expires_at.isoformat()},
    )
    return link, raw


@transaction.atomic
def revoke_link(actor, link: PassportLink, request=None) -> PassportLink:
    """Stop a link working from now on. Only its maker revokes it."""
    if actor is None or actor.pk != link.person_id:
        raise NotAllowed(_("Only the person who made a link can revoke it."))
    link = PassportLink.objects.select_for_update(of=("self",)).get(pk=link.pk)
    if link.revoked_at is not None:
        raise DomainError(_("This link was already revoked."))
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    record(
        "learning.passport_link_revoked",
        actor=actor,
        target=link,
        subject=link.person,
        request=request,
        detail={"label": link.label},
    )
    return link


def live_link(raw: str) -> PassportLink | None:
    """The link a secret opens, if it is in date, not revoked and its person's account active.

    Expired, revoked and unknown secrets all give None: nobody learns which one it was.
    """
    if not raw or len(raw) > 200:
        return None
    link = (
        PassportLink.objects.select_related("person__profile")
        .filter(token_hash=hash_token(raw))
        .first()
    )
    if link is None or not link.is_live() or not link.person.is_active:
        return None
    return link


@transaction.atomic
def view_shared(link: PassportLink, raw: str, *, as_json: bool = False, request=None) -> Passport:
    """The passport a live link shows, as of now; the view is counted and logged.

    The access log names the link, never its secret: the address is logged with it blanked.
    """
    now = timezone.now()
    PassportLink.objects.filter(pk=link.pk).update(views=F("views") + 1, last_viewed_at=now)
    route = f"{request.method} {request.path.replace(raw, '…')}"[:200] if request else ""
    record_read(
        "learning.passport_viewed",
        actor=None,
        target=link,
        subject=link.person,
        route=route,
        detail={"link": link.pk, "format": "json" if as_json else "page"},
    )
    return passport_of(link.person, now, shared=True)


# --- Limits on the public view ------------------------------------------------------------------


def _count(key: str, limit: int) -> bool:
    """Count one request under ``key`` for a minute; True when it is over ``limit``."""
    if cache.add(key, 1, timeout=60):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=60)
        return False
    return count > limit


def too_many_views(request: HttpRequest, raw: str) -> bool:
    """Per link and per client address, per minute (both hashed: the cache holds no secret)."""
    from allauth.account.adapter import get_adapter

    ip = get_adapter().get_client_ip(request) or "unknown"
    by_address = "learning:passport:ip:" + hashlib.sha256(ip.encode()).hexdigest()
    by_link = "learning:passport:link:" + hash_token(raw or "")
    over_address = _count(by_address, PER_ADDRESS_PER_MINUTE)
    over_link = _count(by_link, PER_LINK_PER_MINUTE)
    return over_address or over_link
