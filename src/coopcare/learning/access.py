"""Fetch learning things with permission: 404 outside the audience, 403 inside it without the
right. Pages and the API both use these, so they always agree."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from coopcare import permissions  # noqa: F401  (registers the rules)
from coopcare.circles.models import Circle
from coopcare.learning.models import (
    LearningRecord,
    LearningSession,
    PathwayJourney,
    Qualification,
    Registration,
    SupervisionPair,
    TeamNeed,
    Topic,
    WelcomeRoute,
)
from coopcare.teams.access import open_team
from coopcare.teams.models import Team


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def get_person_for(user, person_id: int, perm: str = "learning.view_records"):
    """The person whose learning ``user`` may see (404 otherwise), and act on with ``perm``."""
    person = get_user_model().objects.select_related("profile").filter(pk=person_id).first()
    if person is None or not person.is_active or not user.has_perm("learning.view_records", person):
        raise Http404
    if perm != "learning.view_records":
        require(user, perm, person)
    return person


def get_record_for(user, record_id: int, perm: str = "learning.view_records") -> LearningRecord:
    record = (
        LearningRecord.objects.select_related("person__profile", "assessor__profile")
        .filter(pk=record_id)
        .first()
    )
    if record is None or not user.has_perm("learning.view_records", record.person):
        raise Http404
    if perm != "learning.view_records":
        require(user, perm, record.person)
    return record


def get_record_to_sign_off(user, record_id: int) -> LearningRecord:
    """A record ``user`` may read, or one waiting for ``user``'s sign-off because the person
    named them as its assessor (they see what they are asked to confirm, nothing more)."""
    record = (
        LearningRecord.objects.select_related("person__profile", "assessor__profile")
        .filter(pk=record_id)
        .first()
    )
    if record is None:
        raise Http404
    asked = (
        record.assessor_id == user.pk
        and record.signed_off_at is None
        and record.withdrawn_at is None
        and record.person.is_active
    )
    if not asked and not user.has_perm("learning.view_records", record.person):
        raise Http404
    return record


def get_qualification_for(
    user, qualification_id: int, perm: str = "learning.view_records"
) -> Qualification:
    found = Qualification.objects.select_related("person__profile").filter(pk=qualification_id)
    return _credential(user, found.first(), perm)


def get_registration_for(
    user, registration_id: int, perm: str = "learning.view_records"
) -> Registration:
    found = Registration.objects.select_related("person__profile").filter(pk=registration_id)
    return _credential(user, found.first(), perm)


def _credential(user, found, perm: str):
    if found is None or not user.has_perm("learning.view_records", found.person):
        raise Http404
    if perm != "learning.view_records":
        require(user, perm, found.person)
    return found


def get_circle_for(user, circle_id: int, perm: str) -> Circle:
    """A circle (not a team's own circle). Members see that it exists; ``perm`` decides the rest.
    People who may not ``perm`` get 404 when they are not co-op members, else 403."""
    circle = Circle.objects.exclude(kind=Circle.Kind.TEAM).filter(pk=circle_id).first()
    if circle is None:
        raise Http404
    if not user.has_perm(perm, circle):
        if not permissions.is_member(user):
            raise Http404
        raise PermissionDenied
    return circle


def get_team_for(user, team_id: int, perm: str = "learning.view_team_needs") -> Team:
    team = open_team(team_id)
    if not user.has_perm("learning.view_team_needs", team):
        raise Http404
    if perm != "learning.view_team_needs":
        require(user, perm, team)
    return team


def get_topic_for(user, topic_id: int, perm: str = "learning.view_policy") -> Topic:
    """A topic of a circle's policy, with the same answers as ``get_circle_for``."""
    topic = (
        Topic.objects.select_related("policy__circle")
        .exclude(policy__circle__kind=Circle.Kind.TEAM)
        .filter(pk=topic_id)
        .first()
    )
    if topic is None:
        raise Http404
    if not user.has_perm(perm, topic.policy.circle):
        if not permissions.is_member(user):
            raise Http404
        raise PermissionDenied
    return topic


def get_need_for(user, need_id: int, perm: str = "learning.view_team_needs") -> TeamNeed:
    """A team's learning need, seen by whoever sees the team's needs (``get_team_for``)."""
    need = TeamNeed.objects.filter(pk=need_id).first()
    if need is None:
        raise Http404
    need.team = get_team_for(user, need.team_id, perm)
    return need


def get_session_for(user, session_id: int, perm: str = "learning.view_session") -> LearningSession:
    session = (
        LearningSession.objects.select_related("circle", "team__circle", "offered_by__profile")
        .filter(pk=session_id)
        .first()
    )
    if session is None or not user.has_perm("learning.view_session", session):
        raise Http404
    if perm != "learning.view_session":
        require(user, perm, session)
    return session


def get_pair_for(user, pair_id: int) -> SupervisionPair:
    """Only the two people in a supervision pair ever see it."""
    pair = (
        SupervisionPair.objects.select_related("supervisor__profile", "supervisee__profile")
        .filter(pk=pair_id)
        .first()
    )
    if pair is None or not user.has_perm("learning.view_supervision", pair):
        raise Http404
    return pair


def get_route_for(user, route_id: int, perm: str = "learning.view_welcome") -> WelcomeRoute:
    route = (
        WelcomeRoute.objects.select_related(
            "newcomer__profile", "welcomer__profile", "buddy__profile", "circle"
        )
        .filter(pk=route_id)
        .first()
    )
    if route is None or not user.has_perm("learning.view_welcome", route):
        raise Http404
    if perm != "learning.view_welcome":
        require(user, perm, route)
    return route


def get_journey_for(user, journey_id: int, perm: str = "learning.view_journey") -> PathwayJourney:
    journey = (
        PathwayJourney.objects.select_related("person__profile", "pathway", "stage")
        .filter(pk=journey_id)
        .first()
    )
    if journey is None or not user.has_perm("learning.view_journey", journey.person):
        raise Http404
    if perm != "learning.view_journey":
        require(user, perm, journey.person)
    return journey


def get_passport_link_for(user, link_id: int):
    """One of ``user``'s own passport links; anyone else's does not exist, as far as they can
    tell (404). No hat reaches another person's links: the passport is theirs."""
    from coopcare.learning.models import PassportLink

    link = PassportLink.objects.filter(pk=link_id, person_id=getattr(user, "pk", None)).first()
    if link is None or not getattr(user, "is_authenticated", False):
        raise Http404
    return link


def get_recognition_for(user, recognition_id: int, perm: str = "learning.recognise_teacher"):
    """A teacher recognition, with the answers of ``get_circle_for`` on its circle."""
    from coopcare.learning.models import TeacherRecognition

    recognition = (
        TeacherRecognition.objects.select_related("person__profile", "circle")
        .filter(pk=recognition_id)
        .first()
    )
    if recognition is None:
        raise Http404
    get_circle_for(user, recognition.circle_id, perm)
    return recognition
