"""First contact (playbook §2.5 step 1): enquiries, and the Team Starter's decision on each.

Anyone may send an enquiry; a Team Starter may also enter one taken by phone or referral. A
Team Starter then decides: proceed (a case begins), waiting list (with a review date, and a
reminder when it comes) or signposted (with where to).
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record, record_read
from coopcare.circles.models import Circle
from coopcare.errors import DomainError
from coopcare.members.services.profiles import normalise_postcode
from coopcare.notifications.tasks import send_email
from coopcare.starting import selectors
from coopcare.starting.models import ENQUIRY_FUNDING, Case, Enquiry, SupportKind
from coopcare.starting.services.common import notify_all, require

Status = Enquiry.Status
LIMITS = {
    "contact_name": 120,
    "person_name": 120,
    "organisation": 160,
    "phone": 40,
    "area": 120,
    "referral_detail": 200,
    "needs": 5000,
    "timings": 2000,
    "other_help": 2000,
}


def _text(data: dict[str, Any], name: str) -> str:
    value = str(data.get(name) or "").strip()
    if len(value) > LIMITS.get(name, 5000):
        raise DomainError(
            _("Please keep this to %(n)d characters or fewer.") % {"n": LIMITS[name]}, field=name
        )
    return value


def clean_enquiry(data: dict[str, Any]) -> dict[str, Any]:
    """Check and tidy an enquiry's answers; raises DomainError naming the first field at fault."""
    clean = {name: _text(data, name) for name in LIMITS}
    for_whom = data.get("for_whom") or ""
    if for_whom not in Enquiry.ForWhom.values:
        raise DomainError(_("Say who the support is for."), field="for_whom")
    if not clean["contact_name"]:
        raise DomainError(_("Enter your name."), field="contact_name")
    if for_whom != Enquiry.ForWhom.SELF and not clean["person_name"]:
        raise DomainError(
            _("Enter the name of the person who would get support."), field="person_name"
        )
    if for_whom == Enquiry.ForWhom.REFERRAL and not clean["organisation"]:
        raise DomainError(_("Enter the organisation you are referring from."), field="organisation")
    email = str(data.get("email") or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            message = _("Enter an email address like name@example.org.")
            raise DomainError(message, field="email") from error
    if not email and not clean["phone"]:
        raise DomainError(
            _("Give an email address or a phone number, so we can reply."), field="email"
        )
    kinds = list(dict.fromkeys(data.get("support_kinds") or []))
    if any(kind not in SupportKind.values for kind in kinds):
        raise DomainError(_("Choose kinds of help from the list."), field="support_kinds")
    if not kinds and not clean["other_help"]:
        raise DomainError(
            _("Tick the kinds of help needed, or describe them in your own words."),
            field="support_kinds",
        )
    if not clean["needs"]:
        raise DomainError(_("Tell us a little about the support needed."), field="needs")
    postcode = str(data.get("postcode") or "").strip()
    if not postcode:
        raise DomainError(_("Enter the postcode where support would happen."), field="postcode")
    funding = data.get("funding") or ""
    if funding not in ENQUIRY_FUNDING:
        raise DomainError(_("Say how support would be paid for, or “not sure”."), field="funding")
    source = data.get("referral_source") or ""
    if source and source not in Enquiry.Source.values:
        raise DomainError(_("Choose how you heard about us from the list."), "referral_source")
    return {
        **clean,
        "for_whom": for_whom,
        "email": email,
        "support_kinds": kinds,
        "postcode": normalise_postcode(postcode),
        "funding": funding,
        "referral_source": source,
    }


def _confirm_by_email(enquiry: Enquiry) -> None:
    if not enquiry.email:
        return
    body = render_to_string(
        "starting/email/enquiry_received.txt",
        {"enquiry": enquiry, "site_name": settings.SITE_NAME, "contact": settings.CONTACT_EMAIL},
    )
    subject = _("[%(site)s] We have your enquiry") % {"site": settings.SITE_NAME}
    to = [enquiry.email]
    transaction.on_commit(lambda: send_email.enqueue(to=to, subject=subject, body=body))


@transaction.atomic
def submit_enquiry(
    data: dict[str, Any],
    *,
    entered_by=None,
    channel: str = Enquiry.Channel.WEB,
    local_circle: Circle | None = None,
    request=None,
) -> Enquiry:
    """Save an enquiry: from the public form (``entered_by`` None) or entered by a Team Starter."""
    if entered_by is not None:
        require(entered_by, "starting.enter_enquiry")
        if channel not in Enquiry.Channel.values:
            raise DomainError(_("Choose how the enquiry came in."), field="channel")
        if local_circle is not None and local_circle.pk not in selectors.starter_circle_ids(
            entered_by
        ):
            raise DomainError(_("Choose one of your own circles."), field="local_circle")
    else:
        channel, local_circle = Enquiry.Channel.WEB, None
    enquiry = Enquiry.objects.create(
        **clean_enquiry(data), channel=channel, entered_by=entered_by, local_circle=local_circle
    )
    record(
        "starting.enquiry_received",
        actor=entered_by,
        target=enquiry,
        request=request,
        detail={"channel": channel, "local_circle": local_circle.slug if local_circle else None},
    )
    notify_all(
        selectors.starters_of(local_circle.pk if local_circle else None),
        "starting.enquiry_received",
        _("A new enquiry about support"),
        body=_("Someone asked about support near %(postcode)s.") % {"postcode": enquiry.postcode},
        url=reverse("starting:enquiry_detail", args=[enquiry.pk]),
        skip=entered_by,
    )
    _confirm_by_email(enquiry)
    return enquiry


def _check_open(enquiry: Enquiry) -> None:
    if enquiry.status not in (Status.NEW, Status.WAITING_LIST):
        raise DomainError(
            _("This enquiry has already been decided: %(status)s.")
            % {"status": enquiry.get_status_display()}
        )


@transaction.atomic
def pass_on_enquiry(actor, enquiry: Enquiry, local_circle: Circle, request=None) -> Enquiry:
    """Hand an enquiry to the local circle nearest the person; its Team Starters are told."""
    require(actor, "starting.decide_enquiry", enquiry)
    enquiry = Enquiry.objects.select_for_update(of=("self",)).get(pk=enquiry.pk)
    _check_open(enquiry)
    if local_circle.kind != Circle.Kind.LOCAL:
        raise DomainError(_("Choose a local circle."), field="local_circle")
    before = enquiry.local_circle.slug if enquiry.local_circle else None
    enquiry.local_circle = local_circle
    enquiry.save(update_fields=["local_circle"])
    record(
        "starting.enquiry_passed_on",
        actor=actor,
        target=enquiry,
        request=request,
        changes={"local_circle": [before, local_circle.slug]},
    )
    notify_all(
        selectors.starters_of(local_circle.pk),
        "starting.enquiry_passed_on",
        _("An enquiry was passed to %(circle)s") % {"circle": local_circle.name},
        url=reverse("starting:enquiry_detail", args=[enquiry.pk]),
        skip=actor,
    )
    return enquiry


@transaction.atomic
def decide_enquiry(
    actor,
    enquiry: Enquiry,
    outcome: str,
    *,
    local_circle: Circle | None,
    review_on: datetime.date | None = None,
    signposted_to: str = "",
    note: str = "",
    request=None,
) -> Enquiry:
    """Record the outcome. Proceeding starts a case led by ``actor`` in ``local_circle``."""
    require(actor, "starting.decide_enquiry", enquiry)
    enquiry = Enquiry.objects.select_for_update(of=("self",)).get(pk=enquiry.pk)
    _check_open(enquiry)
    if outcome not in (Status.PROCEED, Status.WAITING_LIST, Status.SIGNPOSTED):
        raise DomainError(_("Choose proceed, waiting list or signposted."), field="outcome")
    mine = selectors.starter_circle_ids(actor)
    if local_circle is None and outcome != Status.SIGNPOSTED:
        raise DomainError(_("Choose the local circle that will take this on."), "local_circle")
    if local_circle is not None and local_circle.pk not in mine:
        raise DomainError(
            _("You are not a Team Starter in that circle: pass the enquiry on to it instead."),
            field="local_circle",
        )
    signposted_to = signposted_to.strip()
    if outcome == Status.WAITING_LIST:
        if review_on is None:
            raise DomainError(_("Choose when to review the waiting list entry."), "review_on")
        if review_on <= timezone.localdate():
            raise DomainError(_("The review date must be in the future."), field="review_on")
    elif outcome == Status.SIGNPOSTED and not signposted_to:
        raise DomainError(_("Say where you signposted them to."), field="signposted_to")
    before = enquiry.status
    enquiry.status = outcome
    enquiry.local_circle = local_circle or enquiry.local_circle
    enquiry.review_on = review_on if outcome == Status.WAITING_LIST else None
    enquiry.reminded_for = None
    enquiry.signposted_to = signposted_to if outcome == Status.SIGNPOSTED else ""
    enquiry.outcome_note = note.strip()[:5000]
    enquiry.decided_by = actor
    enquiry.decided_at = timezone.now()
    enquiry.save()
    if outcome == Status.PROCEED:
        Case.objects.create(
            enquiry=enquiry, local_circle=local_circle, team_starter=actor, created_by=actor
        )
    record(
        "starting.enquiry_decided",
        actor=actor,
        target=enquiry,
        request=request,
        changes={"status": [before, outcome]},
        detail={
            "review_on": review_on.isoformat() if enquiry.review_on else None,
            "signposted_to": enquiry.signposted_to,
        },
    )
    return enquiry


@transaction.atomic
def remind_waiting_list(today: datetime.date | None = None) -> int:
    """Remind Team Starters of each waiting-list entry whose review date has come; once per date.

    Returns how many enquiries were reminded about. Safe to run again the same day.
    """
    day = today or timezone.localdate()
    due = (
        Enquiry.objects.select_for_update(of=("self",))
        .filter(status=Status.WAITING_LIST, review_on__lte=day)
        .exclude(reminded_for=F("review_on"))
        .select_related("local_circle")
    )
    count = 0
    for enquiry in due:
        notify_all(
            selectors.starters_of(enquiry.local_circle_id),
            "starting.waiting_list_review",
            _("Time to review a waiting-list enquiry"),
            body=_("%(name)s is on the waiting list, to be reviewed on %(date)s.")
            % {"name": enquiry.name_of_person, "date": f"{enquiry.review_on:%d %B %Y}"},
            url=reverse("starting:enquiry_detail", args=[enquiry.pk]),
        )
        enquiry.reminded_for = enquiry.review_on
        enquiry.save(update_fields=["reminded_for"])
        record("starting.waiting_list_reminded", target=enquiry, detail={"review_on": str(day)})
        count += 1
    return count


def read_enquiry(viewer, enquiry: Enquiry, request=None) -> None:
    """Log that someone read an enquiry: it holds a person's needs and contact details."""
    record_read("starting.enquiry_read", actor=viewer, target=enquiry, request=request)
