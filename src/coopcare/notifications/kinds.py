"""The kinds of notification, with a label people recognise and a default delivery.

Each capability adds its kinds here, so the preferences page can list them all.
"""

from django.utils.translation import gettext_lazy as _

from coopcare.notifications.models import Delivery

KINDS: dict[str, tuple[str, str]] = {
    # kind: (label, default delivery)
    "membership.applied": (_("Someone applies to become a member"), Delivery.IMMEDIATELY),
    "membership.decided": (_("A decision on your membership application"), Delivery.IMMEDIATELY),
    "membership.ended": (_("Your membership ends or lapses"), Delivery.IMMEDIATELY),
    "circles.member_added": (_("You join a circle"), Delivery.DIGEST),
    "circles.hat_put_on": (_("You are given a hat in a circle"), Delivery.DIGEST),
    "circles.hat_taken_off": (_("A hat of yours is set to come off"), Delivery.DIGEST),
    "circles.member_removed": (_("You leave a circle"), Delivery.DIGEST),
    "security.api_token_created": (_("A new API token is created for you"), Delivery.IMMEDIATELY),
    # Team decisions by consent and team hats
    "consent.asked": (
        _("You are asked whether you can live with a proposal"),
        Delivery.IMMEDIATELY,
    ),
    "consent.objection": (_("Someone objects to a proposal you made"), Delivery.IMMEDIATELY),
    "consent.decided": (_("A proposal you were asked about is decided"), Delivery.DIGEST),
    "teams.hat_nominated": (_("You are nominated to wear a team hat"), Delivery.IMMEDIATELY),
    "teams.hat_review_due": (_("A team hat's review date is near"), Delivery.DIGEST),
    # teams: membership by mutual consent, acting for someone, trials, leaving well
    "teams.invited": (_("You are invited to join a team"), Delivery.IMMEDIATELY),
    "teams.join_requested": (_("Someone asks to join a team you lead"), Delivery.IMMEDIATELY),
    "teams.invitation_answered": (
        _("An invitation or request to join a team is answered"),
        Delivery.IMMEDIATELY,
    ),
    "teams.invitation_withdrawn": (
        _("An invitation or request to join a team is withdrawn"),
        Delivery.IMMEDIATELY,
    ),
    "teams.invitation_expired": (
        _("An invitation or request to join a team expires"),
        Delivery.IMMEDIATELY,
    ),
    "teams.representative_changed": (
        _("Someone starts or stops acting for a team owner"),
        Delivery.IMMEDIATELY,
    ),
    "teams.trial_observer": (_("You are asked to observe a trial"), Delivery.IMMEDIATELY),
    "teams.trial_how_did_it_go": (_("You are asked how a trial went"), Delivery.IMMEDIATELY),
    "teams.trial_outcome": (_("A trial ends"), Delivery.IMMEDIATELY),
    "teams.notice_given": (
        _("Someone gives notice that they are leaving a team"),
        Delivery.IMMEDIATELY,
    ),
    "teams.notice_withdrawn": (
        _("Someone decides to stay in a team after all"),
        Delivery.IMMEDIATELY,
    ),
    "teams.leave_waiting_for_hats": (
        _("A leaving date has come but team hats still need handing over"),
        Delivery.IMMEDIATELY,
    ),
    "teams.member_left": (_("Someone leaves a team"), Delivery.IMMEDIATELY),
    "teams.acted_for_you": (
        _("Someone acting for you invites a person to your team"),
        Delivery.IMMEDIATELY,
    ),
    # team discussion and concerns (Sharing Stuff)
    "discussion.message": (_("A new message in a team discussion"), Delivery.DIGEST),
    "concerns.raised": (_("A concern is raised with you to handle"), Delivery.IMMEDIATELY),
    "concerns.updated": (_("A reply about a concern you raised"), Delivery.IMMEDIATELY),
    # support profiles
    "support_profile.changed": (
        _("Someone else changes your Getting Support Profile"),
        Delivery.DIGEST,
    ),
    # Starting a team (coopcare.starting)
    "starting.enquiry_received": (_("Someone enquires about support"), Delivery.IMMEDIATELY),
    "starting.enquiry_passed_on": (_("An enquiry is passed to your circle"), Delivery.IMMEDIATELY),
    "starting.waiting_list_review": (
        _("A waiting-list enquiry is due for review"),
        Delivery.IMMEDIATELY,
    ),
    "starting.case_linked": (_("Your team-starting case moves on"), Delivery.IMMEDIATELY),
    "starting.promise_signed": (_("The Getting Support Promise is signed"), Delivery.DIGEST),
    "starting.call_out_published": (_("A call-out is shared with you"), Delivery.DIGEST),
    "starting.call_out_interest": (
        _("Someone is interested in supporting a person"),
        Delivery.IMMEDIATELY,
    ),
    "starting.interest_followed_up": (
        _("News about a call-out you answered"),
        Delivery.IMMEDIATELY,
    ),
    "starting.contact_handed_over": (
        _("An external contact is handed over to you"),
        Delivery.IMMEDIATELY,
    ),
    "starting.team_self_managing": (_("A team becomes self-managing"), Delivery.DIGEST),
    # Appointments, care logs, care notes and medicines
    "visits.asked_to_join": (
        _("You are asked to give support at an appointment"),
        Delivery.IMMEDIATELY,
    ),
    "visits.answered": (_("A giver joins or declines an appointment"), Delivery.DIGEST),
    "visits.confirmed": (_("An appointment is confirmed"), Delivery.DIGEST),
    "visits.changed": (_("An appointment you attend is moved or changed"), Delivery.IMMEDIATELY),
    "visits.cancelled": (_("An appointment you attend is cancelled"), Delivery.IMMEDIATELY),
    "visits.reminder": (_("A reminder the day before an appointment"), Delivery.IMMEDIATELY),
    "visits.change_requested": (
        _("A change to an appointment needs your answer"),
        Delivery.IMMEDIATELY,
    ),
    "visits.change_decided": (_("A change you were asked about is decided"), Delivery.DIGEST),
    "visits.open_slot": (_("An appointment is offered to your team"), Delivery.IMMEDIATELY),
    "visits.no_check_in": (_("Nobody has checked in to an appointment"), Delivery.IMMEDIATELY),
    "visits.care_log_to_confirm": (
        _("A care log is waiting for your confirmation"),
        Delivery.IMMEDIATELY,
    ),
    "visits.care_log_disputed": (_("A care log is disputed"), Delivery.IMMEDIATELY),
    "notes.shared_with_you": (_("A care note is shared with you by name"), Delivery.DIGEST),
    "medicines.missed_dose": (
        _("A time-critical dose was not recorded in time"),
        Delivery.IMMEDIATELY,
    ),
    "learning.expiring": (
        _("Your training is due, expiring or expired (60, 30 and 7 days ahead)"),
        Delivery.IMMEDIATELY,
    ),
    "learning.team_expiring": (
        _("Training of someone you coach is expiring or expired"),
        Delivery.DIGEST,
    ),
    "learning.registration_expired": (
        _("A professional registration is past its expiry date"),
        Delivery.IMMEDIATELY,
    ),
    "learning.new_requirement": (
        _("A topic becomes required for you, or stops being required"),
        Delivery.DIGEST,
    ),
    "learning.record_signed_off": (_("Your competence is signed off"), Delivery.DIGEST),
    "learning.session_place": (
        _("Your place at a learning session (booked, off the waiting list)"),
        Delivery.IMMEDIATELY,
    ),
    "learning.session_changed": (
        _("A learning session you booked is changed or cancelled"),
        Delivery.IMMEDIATELY,
    ),
    "learning.session_feedback": (_("Feedback on a session you teach"), Delivery.DIGEST),
    "learning.teacher_recognised": (
        _("You are recognised as a teacher"),
        Delivery.IMMEDIATELY,
    ),
    "learning.welcome": (_("Your welcome route and your buddy"), Delivery.IMMEDIATELY),
    "learning.supervision": (
        _("Peer supervision: asked, answered, or a check-in is due"),
        Delivery.IMMEDIATELY,
    ),
    "learning.pathway": (_("A stage of your pathway is confirmed"), Delivery.DIGEST),
    "learning.sign_off_asked": (
        _("Someone asks you to sign off competence you observed"),
        Delivery.IMMEDIATELY,
    ),
    "learning.session_completed": (
        _("A session you came to is complete: your learning is recorded"),
        Delivery.DIGEST,
    ),
}


def default_delivery(kind: str) -> str:
    return KINDS.get(kind, ("", Delivery.DIGEST))[1]


def label(kind: str) -> str:
    return str(KINDS.get(kind, (kind, ""))[0])
