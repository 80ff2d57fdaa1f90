"""The one predicate library. Every view, API endpoint and export asks these rules.

Predicates are built with ``rules`` so they combine (``is_member & ~is_self``) and can be checked
as Django permissions (``user.has_perm("members.decide_application", application)``). Each app's
``access.py`` wraps them into fetch-with-permission helpers that raise 404 for people outside an
object's audience and 403 for people inside it without the right.
"""

import rules

from coopcare.members.selectors import is_member as _is_member

ADMITTING_HAT = "admissions"


@rules.predicate
def is_member(user) -> bool:
    return _is_member(user)


@rules.predicate
def is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


@rules.predicate
def wears_admitting_hat(user) -> bool:
    """Holds the hat that admits members (the Purpose Circle appoints members, playbook §2.4)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_coopcare_admits", None)
    if cached is None:
        from coopcare.circles.models import Hat

        cached = Hat.objects.current().filter(holder=user, hat_type__slug=ADMITTING_HAT).exists()
        user._coopcare_admits = cached
    return cached


@rules.predicate
def is_self(user, person) -> bool:
    return person is not None and user.pk == person.pk


@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and application.applicant_id == user.pk


@rules.predicate
def is_active_member_person(user, person) -> bool:
    return person is not None and _is_member(person)


can_admit = is_member & wears_admitting_hat


# --- Teams --------------------------------------------------------------------------------------


def _team_of(obj):
    """Team rules take a Team or anything with a ``team`` attribute."""
    return getattr(obj, "team", obj) if obj is not None else None


@rules.predicate
def is_team_member(user, obj) -> bool:
    from coopcare.teams.selectors import is_current_member

    return is_current_member(user, _team_of(obj))


@rules.predicate
def acts_for_team_owner(user, obj) -> bool:
    from coopcare.teams.selectors import acts_for_owner

    return acts_for_owner(user, _team_of(obj))


@rules.predicate
def supports_team(user, obj) -> bool:
    from coopcare.teams.selectors import supports_team as _supports

    return _supports(user, _team_of(obj))


def acts_for_team_owner_in(scope: str):
    """A predicate: the owner, or someone acting for them now with this scope."""

    @rules.predicate(name=f"acts_for_team_owner_in_{scope}")
    def predicate(user, obj) -> bool:
        from coopcare.teams.selectors import acts_for_owner

        return acts_for_owner(user, _team_of(obj), scope)

    return predicate


rules.add_perm("members.view_directory", is_member)
rules.add_perm("members.view_person", is_self | (is_member & is_active_member_person))
rules.add_perm("members.list_applications", can_admit)
rules.add_perm("members.view_application", is_applicant | can_admit)
rules.add_perm("members.decide_application", can_admit & ~is_applicant)
rules.add_perm("members.withdraw_application", is_applicant)
rules.add_perm("members.end_membership", is_superuser | can_admit)
rules.add_perm("circles.view_circles", is_member)

rules.add_perm("teams.view_team", is_team_member | acts_for_team_owner | supports_team)
# Only the owner or someone acting for them approves members (mutual consent, playbook §2.6).
rules.add_perm("teams.approve_members", acts_for_team_owner_in("approve_members"))
rules.add_perm("teams.sign_promise", acts_for_team_owner_in("sign_promise"))
rules.add_perm("teams.manage_profile", acts_for_team_owner_in("manage_profile"))
rules.add_perm("teams.arrange_support", acts_for_team_owner_in("arrange_support") | supports_team)
rules.add_perm("teams.take_part", is_team_member | acts_for_team_owner_in("team_decisions"))
rules.add_perm("teams.manage_representatives", acts_for_team_owner | supports_team)


# --- Teams: membership by mutual consent, trials and leaving well ---------------------------------


@rules.predicate
def is_team_owner(user, obj) -> bool:
    team = _team_of(obj)
    return team is not None and getattr(user, "pk", None) == team.owner_id


@rules.predicate
def is_would_be_member(user, invitation) -> bool:
    from coopcare.teams.selectors import is_would_be_member as _would_be

    return _would_be(user, invitation)


@rules.predicate
def is_invitation(user, invitation) -> bool:
    return invitation is not None and invitation.direction == "invite"


@rules.predicate
def is_join_request(user, invitation) -> bool:
    return invitation is not None and invitation.direction == "request"


@rules.predicate
def is_trial_candidate(user, trial) -> bool:
    return trial is not None and trial.member.person_id == getattr(user, "pk", None)


@rules.predicate
def is_leaver(user, leave) -> bool:
    return leave is not None and leave.member.person_id == getattr(user, "pk", None)


approves_members = acts_for_team_owner_in("approve_members")
# Asking to join is for co-op members who are not already in the team or acting for its owner.
rules.add_perm("teams.request_to_join", is_member & ~is_team_member & ~acts_for_team_owner)
rules.add_perm("teams.view_invitation", is_would_be_member | approves_members)
# Only the person invited accepts an invitation; only the owner's side approves a request.
rules.add_perm(
    "teams.answer_invitation",
    (is_invitation & is_would_be_member) | (is_join_request & approves_members),
)
# Whoever started it may withdraw it: the owner's side an invitation, the asker a request.
rules.add_perm(
    "teams.withdraw_invitation",
    (is_invitation & approves_members) | (is_join_request & is_would_be_member),
)
rules.add_perm("teams.give_trial_verdict_for_owner", approves_members)
rules.add_perm("teams.give_trial_verdict_as_candidate", is_trial_candidate)
rules.add_perm(
    "teams.mark_trial_sessions_done",
    is_trial_candidate | acts_for_team_owner_in("arrange_support") | supports_team,
)
rules.add_perm("teams.give_notice", is_team_member & ~is_team_owner)
rules.add_perm("teams.view_leave", is_leaver | is_team_member | acts_for_team_owner | supports_team)
rules.add_perm("teams.complete_leave", is_leaver)
rules.add_perm("teams.read_reflection", is_leaver | acts_for_team_owner)


# --- Starting a team (coopcare.starting): enquiries, cases, the Promise, SC/TA, call-outs ------


@rules.predicate
def supports_starting(user) -> bool:
    """Wears the Team Starter or Coach hat in some local circle."""
    from coopcare.starting.selectors import supporting_circle_ids

    return bool(supporting_circle_ids(user))


@rules.predicate
def starts_teams(user) -> bool:
    from coopcare.starting.selectors import starter_circle_ids

    return bool(starter_circle_ids(user))


@rules.predicate
def sees_enquiry(user, enquiry) -> bool:
    """Unassigned enquiries: every Team Starter and Coach; assigned: that circle's."""
    from coopcare.starting.selectors import supporting_circle_ids

    circles = supporting_circle_ids(user)
    return bool(circles) and (enquiry.local_circle_id is None or enquiry.local_circle_id in circles)


@rules.predicate
def decides_enquiry(user, enquiry) -> bool:
    from coopcare.starting.selectors import starter_circle_ids

    circles = starter_circle_ids(user)
    return bool(circles) and (enquiry.local_circle_id is None or enquiry.local_circle_id in circles)


@rules.predicate
def supports_case(user, case) -> bool:
    from coopcare.starting.selectors import supporting_circle_ids

    return case.local_circle_id in supporting_circle_ids(user)


@rules.predicate
def starts_case(user, case) -> bool:
    from coopcare.starting.selectors import starter_circle_ids

    return case.local_circle_id in starter_circle_ids(user)


@rules.predicate
def leads_team_start(user, obj) -> bool:
    """The Team Starter leading this team's case, while they still wear the hat there."""
    from coopcare.starting.selectors import case_of_team, starter_circle_ids

    team = _team_of(obj)
    if team is None or not getattr(user, "is_authenticated", False):
        return False
    case = case_of_team(team)
    return (
        case is not None
        and case.team_starter_id == user.pk
        and case.local_circle_id in starter_circle_ids(user)
    )


@rules.predicate
def starts_teams_in_team_circle(user, obj) -> bool:
    from coopcare.starting.selectors import starter_circle_ids

    team = _team_of(obj)
    return team is not None and team.local_circle_id in starter_circle_ids(user)


@rules.predicate
def in_document_audience(user, document) -> bool:
    """The audience the owner chose for a Supportive Conversation or Trust Assessment."""
    from coopcare.starting.models import DocumentAudience
    from coopcare.teams.selectors import is_current_member
    from coopcare.teams.selectors import supports_team as _supports

    if document.audience == DocumentAudience.TEAM:
        return is_current_member(user, document.team)
    if document.audience == DocumentAudience.TEAM_AND_STARTER:
        return is_current_member(user, document.team) or _supports(user, document.team)
    return False


@rules.predicate
def in_call_out_audience(user, call_out) -> bool:
    from coopcare.starting.selectors import in_call_out_audience as _in_audience

    return _in_audience(user, call_out)


@rules.predicate
def starts_call_out_case(user, call_out) -> bool:
    from coopcare.starting.selectors import starter_circle_ids

    return call_out.case.local_circle_id in starter_circle_ids(user)


@rules.predicate
def acts_for_call_out_owner(user, call_out) -> bool:
    from coopcare.teams.selectors import acts_for_owner

    team = call_out.case.team
    return team is not None and acts_for_owner(user, team)


@rules.predicate
def answered_call_out(user, call_out) -> bool:
    """Said they were interested: they keep seeing the call-out after it closes."""
    return call_out.interests.filter(person_id=getattr(user, "pk", None)).exists()


rules.add_perm("starting.list_enquiries", supports_starting)
rules.add_perm("starting.enter_enquiry", starts_teams)
rules.add_perm("starting.view_enquiry", sees_enquiry)
rules.add_perm("starting.decide_enquiry", decides_enquiry)
rules.add_perm("starting.list_cases", supports_starting)
rules.add_perm("starting.view_case", supports_case)
rules.add_perm("starting.manage_case", starts_case)
rules.add_perm("starting.check_support", is_team_member | acts_for_team_owner | supports_team)
rules.add_perm("starting.view_promise", is_team_member | acts_for_team_owner | supports_team)
# The owner side signs; a Team Starter of the team's circle records a signature given on paper.
rules.add_perm(
    "starting.sign_promise", acts_for_team_owner_in("sign_promise") | starts_teams_in_team_circle
)
rules.add_perm(
    "starting.view_document", acts_for_team_owner | leads_team_start | in_document_audience
)
rules.add_perm(
    "starting.write_document", acts_for_team_owner_in("manage_profile") | leads_team_start
)
rules.add_perm("starting.share_document", acts_for_team_owner_in("manage_profile"))
rules.add_perm(
    "starting.view_call_out",
    in_call_out_audience | starts_call_out_case | acts_for_call_out_owner | answered_call_out,
)
rules.add_perm("starting.express_interest", in_call_out_audience & ~acts_for_call_out_owner)
rules.add_perm("starting.view_interests", starts_call_out_case | acts_for_call_out_owner)
rules.add_perm("starting.follow_up_interest", starts_call_out_case)


# --- Team discussion ----------------------------------------------------------------------------


@rules.predicate
def reads_team_discussion(user, obj) -> bool:
    """Reads the team's discussion now or did once (a former member reads their own time)."""
    from coopcare.discussion.selectors import reads_discussion

    return reads_discussion(user, _team_of(obj))


@rules.predicate
def is_message_author(user, message) -> bool:
    return message is not None and message.author_id == user.pk


rules.add_perm("discussion.view_discussion", reads_team_discussion)
rules.add_perm("discussion.post_message", is_team_member | acts_for_team_owner)
rules.add_perm(
    "discussion.change_message", is_message_author & (is_team_member | acts_for_team_owner)
)
rules.add_perm("discussion.withdraw_message", is_message_author & reads_team_discussion)


# --- Concerns (Sharing Stuff) -------------------------------------------------------------------


@rules.predicate
def raised_concern(user, concern) -> bool:
    return concern is not None and concern.reporter_id == user.pk


@rules.predicate
def handles_concern(user, concern) -> bool:
    """Wears, now, a hat the concern was routed to (Coach of its circle, or the team's
    Safeguarding Lead when it is about safeguarding)."""
    from coopcare.concerns.selectors import is_handler

    return is_handler(user, concern)


@rules.predicate
def wears_concern_hat(user) -> bool:
    from coopcare.concerns.selectors import wears_handler_hat

    return wears_handler_hat(user)


rules.add_perm("concerns.raise_concern", rules.is_authenticated)
rules.add_perm("concerns.list_concerns", wears_concern_hat)
rules.add_perm("concerns.view_concern", raised_concern | handles_concern)
rules.add_perm("concerns.update_concern", handles_concern)


# --- Support profiles (Getting and Giving Support Profiles) -------------------------------------


@rules.predicate
def wears_profile_holder_hat(user, obj) -> bool:
    """Wears the team's Profile Holder hat now (a hat in the team's own circle)."""
    from coopcare.supportprofiles.selectors import wears_profile_holder_hat as _wears

    return _wears(user, _team_of(obj))


@rules.predicate
def may_see_giving_profile(user, profile) -> bool:
    from coopcare.supportprofiles.access import can_see_giving_profile

    return can_see_giving_profile(user, profile)


# Written by or with the owner: the owner side, the Profile Holder, the Team Starter or Coach.
# Which sections each of them may touch is the audience rule in supportprofiles/access.py.
rules.add_perm(
    "supportprofiles.edit_getting_profile",
    acts_for_team_owner_in("manage_profile") | wears_profile_holder_hat | supports_team,
)
rules.add_perm("supportprofiles.view_giving_profile", may_see_giving_profile)


# --- Appointments, care logs, care notes, medicines ---------------------------------------------


def wears_team_hat(slug: str):
    """A predicate: wears this hat in the team's own circle today."""

    @rules.predicate(name=f"wears_team_hat_{slug}")
    def predicate(user, obj) -> bool:
        from coopcare.visits.selectors import wears_team_hat as _wears

        return _wears(user, _team_of(obj), slug)

    return predicate


@rules.predicate
def attends_appointment(user, appointment) -> bool:
    from coopcare.visits.selectors import is_attendee

    return is_attendee(user, appointment)


@rules.predicate
def gives_at_appointment(user, appointment) -> bool:
    from coopcare.visits.models import Attendee
    from coopcare.visits.selectors import is_attendee

    return is_attendee(user, appointment, Attendee.Role.GIVER)


wears_rota_holder_hat = wears_team_hat("rota-holder")
wears_mar_holder_hat = wears_team_hat("mar-holder")
in_the_team = is_team_member | acts_for_team_owner
arranges_visits = acts_for_team_owner_in("arrange_support") | wears_rota_holder_hat

# The team calendar: the team, those acting for the owner, and the circle's Team Starter and
# Coach (who help with the rota). One appointment: those, and anyone attending it.
rules.add_perm("visits.view_calendar", in_the_team | supports_team)
rules.add_perm("visits.view_appointment", in_the_team | supports_team | attends_appointment)
# Booking: the owner, their representative (with the scope) or the Rota Holder.
rules.add_perm("visits.arrange", arranges_visits)
rules.add_perm("visits.cancel_outright", acts_for_team_owner_in("arrange_support"))
rules.add_perm("visits.respond", gives_at_appointment)
rules.add_perm("visits.take_open_slot", is_team_member & ~is_team_owner)
rules.add_perm("visits.request_change", acts_for_team_owner | gives_at_appointment)
rules.add_perm("visits.check_in", gives_at_appointment)
# Care logs are read by the team; the people in the visit confirm them (see the service).
rules.add_perm("visits.view_care_logs", in_the_team | supports_team)
rules.add_perm("visits.confirm_care_log", acts_for_team_owner | gives_at_appointment)
# Care notes: never the circle (they are intimate); each note's readership narrows further.
rules.add_perm("notes.view_notes", in_the_team)
rules.add_perm("notes.write_note", in_the_team)
# The MAR: the team reads it; the MAR Holder or the owner's side keeps the list.
rules.add_perm("medicines.view_mar", in_the_team)
rules.add_perm(
    "medicines.manage_mar", wears_mar_holder_hat | acts_for_team_owner_in("arrange_support")
)
rules.add_perm("medicines.record_dose", gives_at_appointment | wears_mar_holder_hat)


# --- Learning -----------------------------------------------------------------------------------
# A person's learning records are theirs: they, the Coach and the Learning Lead of their circles
# always see them; anyone else only through the person's privacy choice for "learning".


@rules.predicate
def coaches_or_leads_learning_of(user, person) -> bool:
    from coopcare.learning.selectors import holds_learning_hat_for

    return person is not None and holds_learning_hat_for(user, person)


@rules.predicate
def may_see_learning_section(user, person) -> bool:
    from coopcare.members.privacy import can_see_section

    return person is not None and can_see_section(user, person, "learning")


def wears_learning_hat_in_circle(*slugs: str):
    """A predicate on a circle (or anything with a ``circle``): wears one of these hats there."""

    @rules.predicate(name="wears_" + "_or_".join(slugs).replace("-", "_") + "_in_circle")
    def predicate(user, obj) -> bool:
        from coopcare.learning.selectors import wears_in_circle

        circle = getattr(obj, "circle", obj)
        return circle is not None and wears_in_circle(user, circle, *slugs)

    return predicate


@rules.predicate
def takes_part(user) -> bool:
    """A co-op member, or someone in a team (family, friends, owners who are not members):
    everyone is a learner and a teacher."""
    if not getattr(user, "is_authenticated", False):
        return False
    from coopcare.learning.selectors import circle_ids_of

    return _is_member(user) or bool(circle_ids_of(user))


@rules.predicate
def facilitates_session(user, session) -> bool:
    from coopcare.learning.sessions_selectors import is_facilitator

    return session is not None and is_facilitator(user, session)


@rules.predicate
def may_see_session(user, session) -> bool:
    from coopcare.learning.sessions_selectors import can_see_session

    return session is not None and can_see_session(user, session)


@rules.predicate
def in_supervision_pair(user, pair) -> bool:
    return pair is not None and user.pk in (pair.supervisor_id, pair.supervisee_id)


@rules.predicate
def in_welcome_route(user, route) -> bool:
    return route is not None and user.pk in (route.newcomer_id, route.welcomer_id, route.buddy_id)


coach_or_learning_lead_in_circle = wears_learning_hat_in_circle("coach", "learning-lead")
learning_lead_in_circle = wears_learning_hat_in_circle("learning-lead")
welcomes_in_circle = wears_learning_hat_in_circle(
    "coach", "learning-lead", "recruiter", "peer-supervisor"
)
marks_team_needs = acts_for_team_owner_in("manage_profile") | wears_team_hat("profile-holder")

# Records (object: the person the records are about).
rules.add_perm(
    "learning.view_records", is_self | coaches_or_leads_learning_of | may_see_learning_section
)
rules.add_perm("learning.record_learning", is_self | coaches_or_leads_learning_of)
rules.add_perm("learning.verify_records", coaches_or_leads_learning_of)
# Policy (object: a circle). Members read every circle's policy; Coach and Learning Lead record
# changes until the Circles issue routes them through the circle's consent.
rules.add_perm("learning.view_policy", is_member | coach_or_learning_lead_in_circle)
rules.add_perm("learning.change_policy", coach_or_learning_lead_in_circle)


# Triggered requirements (object: a team).
@rules.predicate
def leads_learning_for_team(user, team) -> bool:
    """Wears the Learning Lead hat in the local circle that supports the team: they arrange the
    learning a team's needs call for."""
    from coopcare.learning.selectors import wears_in_circle

    team = _team_of(team)
    return team is not None and wears_in_circle(user, team.local_circle_id, "learning-lead")


rules.add_perm("learning.view_team_needs", in_the_team | supports_team | leads_learning_for_team)
rules.add_perm("learning.mark_team_need", marks_team_needs)
# The Coach's view (object: a circle).
rules.add_perm("learning.view_matrix", coach_or_learning_lead_in_circle)
rules.add_perm("learning.view_measures", coach_or_learning_lead_in_circle)
# Sessions.
rules.add_perm("learning.offer_session", takes_part)
rules.add_perm("learning.view_session", may_see_session)
rules.add_perm("learning.manage_session", facilitates_session | learning_lead_in_circle)
rules.add_perm("learning.recognise_teacher", learning_lead_in_circle)
# Welcome routes (object: a circle to start one; the route to see or tick it).
rules.add_perm("learning.start_welcome", welcomes_in_circle)
rules.add_perm("learning.view_welcome", in_welcome_route | welcomes_in_circle)
rules.add_perm("learning.tick_welcome", in_welcome_route | welcomes_in_circle)
# Pathways: the person's own journey; the Coach or Learning Lead confirms a stage reached.
rules.add_perm("learning.view_journey", is_self | coaches_or_leads_learning_of)
rules.add_perm("learning.confirm_stage", coaches_or_leads_learning_of)
# Peer supervision: the pair only. No hat sees check-in notes.
rules.add_perm("learning.view_supervision", in_supervision_pair)
