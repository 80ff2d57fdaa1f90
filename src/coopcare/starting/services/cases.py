"""A team-starting case: the person's account, their team, the longer conversation, visits.

The person may not have an account when the case begins. The Team Starter either links an
existing account by its email address, or invites them: the invitation email carries a signed
link which, opened by someone signed in with that (confirmed) address, links the case.
"""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record, record_read
from coopcare.errors import DomainError
from coopcare.notifications.services import absolute_url, notify
from coopcare.notifications.tasks import send_email
from coopcare.starting.models import Case, FaceToFaceVisit
from coopcare.starting.services.common import require
from coopcare.teams.models import Team
from coopcare.teams.services.starting import start_team

User = get_user_model()
INVITATION_SALT = "coopcare.starting.case-invitation"
INVITATION_DAYS = 14
NOTE_FIELDS = ("daily_life", "support_wanted", "support_not_wanted", "preferences", "risks")


def check_case_open(actor, case: Case, perm: str = "starting.manage_case") -> None:
    require(actor, perm, case)
    if not case.is_open:
        raise DomainError(_("The Team Starter has stepped back: this case is closed."))


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise DomainError(_("Enter an email address like name@example.org."), "email") from error
    return email


def _attach(case: Case, person) -> None:
    if case.person_id is not None:
        raise DomainError(_("This case is already linked to a person."), field="email")
    other = Case.objects.filter(person=person, stepped_back_at__isnull=True).exclude(pk=case.pk)
    if other.exists():
        raise DomainError(_("This person already has an open case."), field="email")
    case.person = person
    case.invited_email = ""
    case.save(update_fields=["person", "invited_email"])


def _tell_person(case: Case, person) -> None:
    notify(
        person,
        "starting.case_linked",
        _("A Team Starter is helping you start your team"),
        body=_("%(starter)s from %(circle)s will help you start your team.")
        % {"starter": case.team_starter.display_name, "circle": case.local_circle.name},
    )


@transaction.atomic
def link_case_person(actor, case: Case, email: str, request=None) -> Case:
    """Link the account that uses ``email`` as the person this case is for."""
    check_case_open(actor, case)
    email = _clean_email(email)
    person = User.objects.filter(email__iexact=email, is_active=True).first()
    if person is None:
        raise DomainError(
            _("Nobody has an account with that email address. Send an invitation instead."),
            field="email",
        )
    _attach(case, person)
    record("starting.case_person_linked", actor=actor, target=case, subject=person, request=request)
    _tell_person(case, person)
    return case


def invitation_token(case: Case, email: str) -> str:
    return signing.dumps({"case": case.pk, "email": email}, salt=INVITATION_SALT)


@transaction.atomic
def invite_case_person(actor, case: Case, email: str, request=None) -> str:
    """Email the person a link to make an account and join their case; returns the token."""
    check_case_open(actor, case)
    if case.person_id is not None:
        raise DomainError(_("This case is already linked to a person."), field="email")
    email = _clean_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(
            _("Someone already has an account with that email address: link it instead."),
            field="email",
        )
    case.invited_email = email
    case.invited_at = timezone.now()
    case.save(update_fields=["invited_email", "invited_at"])
    token = invitation_token(case, email)
    body = render_to_string(
        "starting/email/case_invitation.txt",
        {
            "case": case,
            "link": absolute_url(reverse("starting:invitation", args=[token])),
            "signup": absolute_url(reverse("account_signup")),
            "email": email,
            "days": INVITATION_DAYS,
            "site_name": settings.SITE_NAME,
        },
    )
    subject = _("[%(site)s] An invitation to start your team") % {"site": settings.SITE_NAME}
    transaction.on_commit(lambda: send_email.enqueue(to=[email], subject=subject, body=body))
    record("starting.case_person_invited", actor=actor, target=case, request=request)
    return token


def read_invitation(token: str) -> tuple[Case, str]:
    """The case and address an invitation link is for; DomainError if it is not usable now."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_DAYS * 86400)
    except signing.BadSignature as error:
        raise DomainError(_("This invitation link is not valid, or it has expired.")) from error
    case = (
        Case.objects.select_related("team_starter__profile", "local_circle")
        .filter(pk=data.get("case"))
        .first()
    )
    email = str(data.get("email", ""))
    if case is None or case.person_id is not None or case.invited_email != email:
        raise DomainError(_("This invitation has already been used or was replaced."))
    return case, email


@transaction.atomic
def accept_case_invitation(person, token: str, request=None) -> Case:
    """Link the case to ``person``, who must have confirmed the address it was sent to."""
    case, email = read_invitation(token)
    if not EmailAddress.objects.filter(user=person, email__iexact=email, verified=True).exists():
        raise DomainError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": email}
        )
    case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    _attach(case, person)
    record(
        "starting.case_invitation_accepted",
        actor=person,
        target=case,
        subject=person,
        request=request,
    )
    notify(
        case.team_starter,
        "starting.case_linked",
        _("%(name)s accepted your invitation") % {"name": case.enquiry.name_of_person},
        url=reverse("starting:case", args=[case.pk]),
    )
    return case


@transaction.atomic
def start_case_team(actor, case: Case, name: str = "", request=None) -> Team:
    """Start the person's team in the case's local circle, once they have an account."""
    check_case_open(actor, case)
    if case.team_id is not None:
        raise DomainError(_("The team has already been started."))
    if case.person_id is None:
        raise DomainError(_("Link the person's account before starting their team."))
    team = start_team(actor, case.person, case.local_circle, name=name.strip(), request=request)
    case.team = team
    case.save(update_fields=["team"])
    record(
        "starting.case_team_started",
        actor=actor,
        target=case,
        subject=case.person,
        request=request,
        detail={"team": team.pk},
    )
    notify(
        case.person,
        "starting.case_linked",
        _("Your team has been started"),
        body=_("Next: the Supportive Conversation and the Getting Support Promise."),
        url=reverse("starting:promise", args=[team.pk]),
    )
    return team


@transaction.atomic
def record_relationship_notes(
    actor, case: Case, talked_on: datetime.date | None, notes: dict[str, str], request=None
) -> Case:
    """Step 2: what the longer conversation found (§3.2). Not a form the person fills in."""
    check_case_open(actor, case)
    if talked_on is None:
        raise DomainError(_("Enter the date you talked."), field="talked_on")
    if talked_on > timezone.localdate():
        raise DomainError(_("The conversation cannot be in the future."), field="talked_on")
    changed = [name for name in NOTE_FIELDS if getattr(case, name) != notes.get(name, "").strip()]
    for name in NOTE_FIELDS:
        setattr(case, name, notes.get(name, "").strip()[:5000])
    before = case.relationship_talk_on
    case.relationship_talk_on = talked_on
    case.save(update_fields=[*NOTE_FIELDS, "relationship_talk_on"])
    # Which notes changed, not what they say: the audit log is not a second copy of care notes.
    record(
        "starting.relationship_noted",
        actor=actor,
        target=case,
        subject=case.person,
        request=request,
        changes={"relationship_talk_on": [str(before), str(talked_on)]},
        detail={"changed": changed},
    )
    return case


@transaction.atomic
def record_visit(
    actor,
    case: Case,
    visited_on: datetime.date | None,
    present: str,
    notes: str = "",
    request=None,
) -> FaceToFaceVisit:
    """A face-to-face visit: needed before personal care or medicines support (see gates)."""
    check_case_open(actor, case)
    if visited_on is None:
        raise DomainError(_("Enter the date of the visit."), field="visited_on")
    if visited_on > timezone.localdate():
        raise DomainError(_("Record a visit once it has happened."), field="visited_on")
    present = present.strip()
    if not present:
        raise DomainError(_("Say who was present."), field="present")
    visit = FaceToFaceVisit.objects.create(
        case=case,
        visited_on=visited_on,
        present=present[:2000],
        notes=notes.strip()[:5000],
        recorded_by=actor,
    )
    record(
        "starting.visit_recorded",
        actor=actor,
        target=visit,
        subject=case.person,
        request=request,
        detail={"case": case.pk, "visited_on": visited_on.isoformat()},
    )
    return visit


def read_case(viewer, case: Case, request=None) -> None:
    """Log that someone read a case: its notes are about the person's life and support."""
    record_read(
        "starting.case_read", actor=viewer, target=case, subject=case.person, request=request
    )


def read_relationship_notes(viewer, case: Case, request=None) -> None:
    """Log that someone read the notes of the longer conversation: they are about the person's
    relationships and what matters to them."""
    record_read(
        "starting.relationship_notes_read",
        actor=viewer,
        target=case,
        subject=case.person,
        request=request,
    )
