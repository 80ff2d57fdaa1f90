"""Call-outs (playbook §2.5 step 3, §3.2): a support-opportunity summary, shared only as far as
the person agreed, and the people who answer it.

Only the fields the person consented to share are ever shown to the audience; the rest stay on
the case for the Team Starter. The audience is named members, the local circle, or its Recruiters.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.audit.services import record
from coopcare.errors import DomainError
from coopcare.members.selectors import is_member
from coopcare.starting import selectors
from coopcare.starting.models import CallOut, Case, Interest
from coopcare.starting.services.cases import check_case_open
from coopcare.starting.services.common import notify_all, require
from coopcare.teams.selectors import current_representatives

User = get_user_model()


def owner_side(case: Case) -> list:
    """The person (once they have an account) and whoever acts for them now."""
    if case.team_id is None:
        return [case.person] if case.person_id else []
    reps = [r.person for r in current_representatives(case.team).select_related("person")]
    return [case.team.owner, *reps]


@transaction.atomic
def publish_call_out(
    actor,
    case: Case,
    *,
    texts: dict[str, str],
    shared_fields: Iterable[str],
    audience: str,
    named_people: Iterable = (),
    consent_confirmed: bool = False,
    request=None,
) -> CallOut:
    """Publish a call-out to its audience, showing only ``shared_fields``."""
    check_case_open(actor, case)
    clean = {name: (texts.get(name) or "").strip()[:3000] for name in CallOut.FIELDS}
    for name in CallOut.FIELDS:
        if not clean[name]:
            raise DomainError(_("Fill in every part of the summary."), field=name)
    shared = [name for name in CallOut.FIELDS if name in set(shared_fields)]
    if not shared:
        raise DomainError(
            _("Tick at least one part the person agreed to share."), field="shared_fields"
        )
    if not consent_confirmed:
        raise DomainError(
            _("Confirm the person agreed to share the parts you ticked."), field="consent"
        )
    if audience not in CallOut.Audience.values:
        raise DomainError(_("Choose who will see the call-out."), field="audience")
    named = list({p.pk: p for p in named_people}.values())
    if audience == CallOut.Audience.NAMED:
        if not named:
            raise DomainError(_("Name at least one member to share it with."), "named_people")
        if not all(is_member(p) for p in named):
            raise DomainError(_("Call-outs are shared with co-op members only."), "named_people")
    else:
        named = []
    call_out = CallOut.objects.create(
        case=case, **clean, shared_fields=shared, audience=audience, published_by=actor
    )
    call_out.named_people.set(named)
    record(
        "starting.call_out_published",
        actor=actor,
        target=call_out,
        subject=case.person,
        request=request,
        detail={"shared_fields": shared, "audience": audience, "named": [p.pk for p in named]},
    )
    # Named people and Recruiters are few and were chosen; a whole circle just sees the list.
    told = named
    if audience == CallOut.Audience.RECRUITER:
        told = list(selectors.hat_holders(case.local_circle_id, [selectors.RECRUITER]))
    notify_all(
        told,
        "starting.call_out_published",
        _("A new call-out: someone is looking for support"),
        url=reverse("starting:call_out", args=[call_out.pk]),
        skip=actor,
    )
    return call_out


@transaction.atomic
def close_call_out(actor, call_out: CallOut, request=None) -> CallOut:
    check_case_open(actor, call_out.case)
    if call_out.status == CallOut.Status.CLOSED:
        raise DomainError(_("This call-out is already closed."))
    call_out.status = CallOut.Status.CLOSED
    call_out.closed_at = timezone.now()
    call_out.save(update_fields=["status", "closed_at"])
    record("starting.call_out_closed", actor=actor, target=call_out, request=request)
    return call_out


@transaction.atomic
def express_interest(actor, call_out: CallOut, message: str = "", request=None) -> Interest:
    """Offer to support the person; the Team Starter and the owner side are told."""
    require(actor, "starting.express_interest", call_out)
    message = message.strip()
    if len(message) > 3000:
        raise DomainError(_("Please keep your message to 3000 characters or fewer."), "message")
    try:
        with transaction.atomic():
            interest = Interest.objects.create(call_out=call_out, person=actor, message=message)
    except IntegrityError as error:
        raise DomainError(_("You have already said you are interested.")) from error
    record(
        "starting.interest_expressed",
        actor=actor,
        target=interest,
        request=request,
        detail={"call_out": call_out.pk},
    )
    case = call_out.case
    notify_all(
        [case.team_starter, *owner_side(case)],
        "starting.call_out_interest",
        _("%(name)s is interested in supporting you") % {"name": actor.display_name},
        body=message[:500],
        url=reverse("starting:call_out", args=[call_out.pk]),
        skip=actor,
    )
    return interest


@transaction.atomic
def follow_up_interest(actor, interest: Interest, status: str, note: str = "", request=None):
    """The Team Starter records how following up an interested person is going."""
    require(actor, "starting.follow_up_interest", interest.call_out)
    check_case_open(actor, interest.call_out.case)
    if status not in Interest.Status.values:
        raise DomainError(_("Choose how the follow-up is going."), field="status")
    before = interest.status
    interest.status = status
    interest.status_note = note.strip()[:2000]
    interest.updated_at = timezone.now()
    interest.save(update_fields=["status", "status_note", "updated_at"])
    record(
        "starting.interest_followed_up",
        actor=actor,
        target=interest,
        request=request,
        changes={"status": [before, status]},
    )
    if before != status:
        notify_all(
            [interest.person],
            "starting.interest_followed_up",
            _("News about a call-out you answered: %(status)s")
            % {"status": interest.get_status_display()},
            url=reverse("starting:call_out", args=[interest.call_out_id]),
            skip=actor,
        )
    return interest
