"""Every change to circles, their members and their hats.

Each function takes the acting person first (``None`` when the system acts, as the seed does),
checks the co-op's rules, makes the change, writes its audit event and notifies the people it
affects, all in one transaction. Who may *ask* for a change is decided by the caller: today the
admin and the seed; later the circle's own consent decisions.

Each ``check_*`` function holds the rules of one change and raises the error that change would
raise, saving nothing: a form (the admin's among them) calls it to show the message beside the
field before anything is saved, and the change calls it again inside its transaction.
"""

import calendar
import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.circles import consent_selectors, selectors
from coopcare.circles.models import Circle, CircleMembership, Hat, HatType
from coopcare.errors import DomainError
from coopcare.members.selectors import is_member
from coopcare.notifications.services import notify
from coopcare.permissions import ADMITTING_HAT

# The Leader carries the broader circle's view in; the Delegate carries this circle's view out.
# One person wearing both would close the double link (playbook §1.3), so the pair is refused.
EXCLUSIVE_HATS = {"leader": "delegate", "delegate": "leader"}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day if it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "circle"
    slug, n = base, 2
    while Circle.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _circle_url(circle: Circle) -> str:
    return reverse("circles:detail", args=[circle.slug])


def _day(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def check_circle(
    name: str,
    aim: str,
    domain: str,
    parent: Circle | None,
    kind: str,
    closes_on: datetime.date | None,
    circle: Circle | None = None,
) -> None:
    """The rules every circle keeps; ``circle`` is the circle being changed, if it exists."""
    if not name.strip():
        raise DomainError(_("Give the circle a name."), field="name")
    if not aim.strip():
        raise DomainError(_("Say what effect the circle wants to have (its aim)."), field="aim")
    if not domain.strip():
        raise DomainError(_("Say what the circle may decide (its domain)."), field="domain")
    if kind not in Circle.Kind.values:
        raise DomainError(_("Choose what kind of circle this is."), field="kind")
    if kind == Circle.Kind.PURPOSE and parent is not None:
        raise DomainError(
            _("The Purpose Circle is the broadest circle: it has no parent."), field="parent"
        )
    if kind == Circle.Kind.HELPING and closes_on is None:
        raise DomainError(_("A helping circle needs the date it closes."), field="closes_on")
    if kind != Circle.Kind.HELPING and closes_on is not None:
        raise DomainError(_("Only helping circles close on a date."), field="closes_on")
    if circle is not None:
        _check_circle_change(circle, parent, kind)


def _check_circle_change(circle: Circle, parent: Circle | None, kind: str) -> None:
    ancestor, seen = parent, set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == circle.pk:
            raise DomainError(
                _("A circle cannot be inside itself or inside one of the circles within it."),
                field="parent",
            )
        seen.add(ancestor.pk)
        ancestor = ancestor.parent
    admissions = Hat.objects.filter(circle=circle, hat_type__slug=ADMITTING_HAT).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
    )
    if kind != Circle.Kind.PURPOSE and circle.kind == Circle.Kind.PURPOSE and admissions.exists():
        raise DomainError(
            _("Take off the Admissions hats first: only the Purpose Circle has one."), field="kind"
        )


@transaction.atomic
def create_circle(
    actor,
    name: str,
    aim: str,
    domain: str,
    parent: Circle | None,
    kind: str,
    closes_on: datetime.date | None = None,
) -> Circle:
    name, aim, domain = name.strip(), aim.strip(), domain.strip()
    check_circle(name, aim, domain, parent, kind, closes_on)
    circle = Circle.objects.create(
        name=name,
        slug=unique_slug(name),
        aim=aim,
        domain=domain,
        parent=parent,
        kind=kind,
        closes_on=closes_on,
    )
    record(
        "circle.created",
        actor=actor,
        target=circle,
        detail={"kind": kind, "parent": parent.slug if parent else None},
    )
    return circle


CIRCLE_FIELDS = ("name", "aim", "domain", "parent", "kind", "closes_on")


def _circle_value(value):
    if isinstance(value, Circle):
        return value.slug
    return _day(value) if isinstance(value, datetime.date) else value


@transaction.atomic
def update_circle(actor, circle: Circle, **fields) -> Circle:
    """Change any of a circle's ``CIRCLE_FIELDS``. Its slug, and so its address, stays the same,
    so links people have kept still work after a rename."""
    unknown = set(fields) - set(CIRCLE_FIELDS)
    if unknown:
        raise TypeError(f"update_circle() cannot change {', '.join(sorted(unknown))}")
    for text in ("name", "aim", "domain"):
        if text in fields:
            fields[text] = fields[text].strip()
    values = {name: fields.get(name, getattr(circle, name)) for name in CIRCLE_FIELDS}
    check_circle(**values, circle=circle)
    changed = [name for name in CIRCLE_FIELDS if getattr(circle, name) != values[name]]
    if not changed:
        return circle
    changes = {
        name: [_circle_value(getattr(circle, name)), _circle_value(values[name])]
        for name in changed
    }
    for name in changed:
        setattr(circle, name, values[name])
    circle.save(update_fields=changed)
    record("circle.changed", actor=actor, target=circle, changes=changes)
    return circle


def check_new_circle_member(
    circle: Circle, person, participation: str, joined_on: datetime.date | None = None
) -> datetime.date:
    """Refuse what ``add_circle_member`` would refuse; returns the joining date it would use."""
    if participation not in CircleMembership.Participation.values:
        raise DomainError(_("Choose full, learning or guest participation."), field="participation")
    if not person.is_active or not is_member(person):
        raise DomainError(_("Only current members of the co-op can join a circle."), field="person")
    if selectors.is_current_circle_member(circle, person):
        raise DomainError(
            _("%(person)s is already in %(circle)s.") % {"person": person, "circle": circle},
            field="person",
        )
    joined_on = joined_on or timezone.localdate()
    if joined_on > timezone.localdate():
        raise DomainError(_("The joining date cannot be in the future."), field="joined_on")
    return joined_on


@transaction.atomic
def add_circle_member(
    actor, circle: Circle, person, participation: str, joined_on: datetime.date | None = None
) -> CircleMembership:
    """Add a co-op member to a circle. ``joined_on`` (today if not given) lets a circle record
    someone who joined before the circle's records moved here; it cannot be in the future."""
    joined_on = check_new_circle_member(circle, person, participation, joined_on)
    membership = CircleMembership.objects.create(
        circle=circle, person=person, participation=participation, joined_on=joined_on
    )
    record(
        "circle.member_added",
        actor=actor,
        target=membership,
        subject=person,
        detail={
            "circle": circle.slug,
            "participation": participation,
            "joined_on": joined_on.isoformat(),
        },
    )
    if actor is None or actor.pk != person.pk:
        notify(
            person,
            "circles.member_added",
            _("You are now a member of %(circle)s") % {"circle": circle},
            url=_circle_url(circle),
        )
    return membership


def _refuse_if_left(membership: CircleMembership, field: str) -> None:
    if membership.left_on is not None:
        raise DomainError(
            _("%(person)s left %(circle)s on %(day)s.")
            % {
                "person": membership.person,
                "circle": membership.circle,
                "day": date_format(membership.left_on, "j F Y"),
            },
            field=field,
        )


def check_participation(membership: CircleMembership, participation: str) -> None:
    if participation not in CircleMembership.Participation.values:
        raise DomainError(_("Choose full, learning or guest participation."), field="participation")
    _refuse_if_left(membership, "participation")


@transaction.atomic
def change_circle_participation(
    actor, membership: CircleMembership, participation: str
) -> CircleMembership:
    """Change how someone takes part in a circle, for example from learning to full."""
    check_participation(membership, participation)
    before = membership.participation
    if before == participation:
        return membership
    membership.participation = participation
    membership.save(update_fields=["participation"])
    record(
        "circle.participation_changed",
        actor=actor,
        target=membership,
        subject=membership.person,
        changes={"participation": [before, participation]},
        detail={"circle": membership.circle.slug},
    )
    return membership


def check_leaving_circle(membership: CircleMembership, left_on: datetime.date) -> None:
    _refuse_if_left(membership, "left_on")
    if left_on < membership.joined_on:
        raise DomainError(
            _("The leaving date must be on or after the day they joined (%(day)s).")
            % {"day": date_format(membership.joined_on, "j F Y")},
            field="left_on",
        )
    # A membership with a leaving date no longer counts as current, so a later date would end it
    # early; record the leaving on the day.
    if left_on > timezone.localdate():
        raise DomainError(_("The leaving date cannot be in the future."), field="left_on")
    hats = Hat.objects.filter(circle=membership.circle, holder=membership.person).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=left_on)
    )
    names = sorted({str(hat.hat_type) for hat in hats.select_related("hat_type")})
    if names:
        raise DomainError(
            _(
                "Only members of a circle wear its hats: take off %(person)s's hats in "
                "%(circle)s first (%(hats)s)."
            )
            % {"person": membership.person, "circle": membership.circle, "hats": ", ".join(names)},
            field="left_on",
        )


@transaction.atomic
def remove_circle_member(
    actor, membership: CircleMembership, left_on: datetime.date
) -> CircleMembership:
    """Record that someone left a circle. The membership is kept, with its leaving date, so the
    circle's history still shows who took part when."""
    check_leaving_circle(membership, left_on)
    membership.left_on = left_on
    membership.save(update_fields=["left_on"])
    person, circle = membership.person, membership.circle
    record(
        "circle.member_removed",
        actor=actor,
        target=membership,
        subject=person,
        changes={"left_on": [None, left_on.isoformat()]},
        detail={"circle": circle.slug},
    )
    if actor is None or actor.pk != person.pk:
        notify(
            person,
            "circles.member_removed",
            _("You are no longer a member of %(circle)s") % {"circle": circle},
            url=_circle_url(circle),
        )
    return membership


def check_new_hat(
    circle: Circle,
    hat_type: HatType,
    holder,
    started_on: datetime.date,
    review_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> datetime.date:
    """Refuse what ``put_on_hat`` would refuse; returns the review date it would use."""
    if hat_type.slug == ADMITTING_HAT and circle.kind != Circle.Kind.PURPOSE:
        # Wearing this hat anywhere lets a person admit members (coopcare.permissions), and
        # admitting members is the Purpose Circle's decision alone.
        raise DomainError(_("Only the Purpose Circle has an Admissions hat."), field="hat_type")
    if not holder.is_active or not is_member(holder):
        raise DomainError(_("Only current members of the co-op can wear a hat."), field="holder")
    # A team's members are its TeamMembers, not circle memberships: ask the one function that
    # knows both kinds of circle.
    if not consent_selectors.is_in_circle(circle, holder):
        raise DomainError(
            _("%(person)s must be a member of %(circle)s before wearing a hat in it.")
            % {"person": holder, "circle": circle},
            field="holder",
        )
    if review_on is None:
        review_on = add_months(started_on, hat_type.default_term_months)
    if review_on < started_on:
        raise DomainError(_("The review date must be on or after the start."), field="review_on")
    if ends_on is not None and ends_on < started_on:
        raise DomainError(_("The term must end on or after the start."), field="ends_on")
    if selectors.overlapping_hats(circle, holder, [hat_type.slug], started_on).exists():
        raise DomainError(
            _("%(person)s already wears the %(hat)s hat in %(circle)s.")
            % {"person": holder, "hat": hat_type, "circle": circle},
            field="holder",
        )
    other = EXCLUSIVE_HATS.get(hat_type.slug)
    if other and selectors.overlapping_hats(circle, holder, [other], started_on).exists():
        raise DomainError(
            _(
                "The Leader and the Delegate of a circle must be different people; %(person)s "
                "already wears the other hat in %(circle)s."
            )
            % {"person": holder, "circle": circle},
            field="holder",
        )
    return review_on


@transaction.atomic
def put_on_hat(
    actor,
    circle: Circle,
    hat_type: HatType,
    holder,
    started_on: datetime.date,
    review_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Hat:
    review_on = check_new_hat(circle, hat_type, holder, started_on, review_on, ends_on)
    hat = Hat.objects.create(
        circle=circle,
        hat_type=hat_type,
        holder=holder,
        started_on=started_on,
        review_on=review_on,
        ends_on=ends_on,
    )
    record(
        "hat.put_on",
        actor=actor,
        target=hat,
        subject=holder,
        detail={
            "circle": circle.slug,
            "hat_type": hat_type.slug,
            "started_on": started_on.isoformat(),
            "review_on": review_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
        },
    )
    if actor is None or actor.pk != holder.pk:
        notify(
            holder,
            "circles.hat_put_on",
            _("You now wear the %(hat)s hat in %(circle)s") % {"hat": hat_type, "circle": circle},
            url=_circle_url(circle),
        )
    return hat


def _refuse_if_off(hat: Hat, field: str) -> None:
    if hat.ends_on is not None and hat.ends_on < timezone.localdate():
        raise DomainError(
            _("This hat already came off on %(day)s.") % {"day": date_format(hat.ends_on, "j F Y")},
            field=field,
        )


def check_hat_end(hat: Hat, ends_on: datetime.date) -> None:
    if ends_on < hat.started_on:
        raise DomainError(_("A hat cannot come off before the day it was put on."), field="ends_on")
    _refuse_if_off(hat, "ends_on")
    # Wearing a hat for longer is a new decision, and could overlap another hat of the holder's
    # (a Leader whose term ran on into their term as Delegate).
    if hat.ends_on is not None and ends_on > hat.ends_on:
        raise DomainError(
            _(
                "This hat already comes off on %(day)s. Its term can be shortened but not "
                "lengthened: to wear it for longer, put it on again from the day after."
            )
            % {"day": date_format(hat.ends_on, "j F Y")},
            field="ends_on",
        )


@transaction.atomic
def take_off_hat(actor, hat: Hat, ends_on: datetime.date) -> Hat:
    check_hat_end(hat, ends_on)
    before = hat.ends_on
    hat.ends_on = ends_on
    hat.save(update_fields=["ends_on"])
    record(
        "hat.taken_off",
        actor=actor,
        target=hat,
        subject=hat.holder,
        changes={"ends_on": [before.isoformat() if before else None, ends_on.isoformat()]},
        detail={"circle": hat.circle.slug, "hat_type": hat.hat_type.slug},
    )
    if actor is None or actor.pk != hat.holder_id:
        notify(
            hat.holder,
            "circles.hat_taken_off",
            _("Your %(hat)s hat in %(circle)s comes off on %(day)s")
            % {"hat": hat.hat_type, "circle": hat.circle, "day": date_format(ends_on, "j F Y")},
            url=_circle_url(hat.circle),
        )
    return hat


def check_hat_review(hat: Hat, review_on: datetime.date) -> None:
    if review_on < hat.started_on:
        raise DomainError(_("The review date must be on or after the start."), field="review_on")
    _refuse_if_off(hat, "review_on")


@transaction.atomic
def change_hat_review(actor, hat: Hat, review_on: datetime.date) -> Hat:
    """Move the date a hat's term is reviewed. The holder is not notified: the review is a date
    in the circle's diary, and the circle reviews the hat with them."""
    check_hat_review(hat, review_on)
    before = hat.review_on
    if before == review_on:
        return hat
    hat.review_on = review_on
    hat.save(update_fields=["review_on"])
    record(
        "hat.review_changed",
        actor=actor,
        target=hat,
        subject=hat.holder,
        changes={"review_on": [_day(before), review_on.isoformat()]},
        detail={"circle": hat.circle.slug, "hat_type": hat.hat_type.slug},
    )
    return hat
