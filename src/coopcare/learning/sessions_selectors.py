"""Who may see and run a learning session. Used by the rules in ``coopcare.permissions``."""

from coopcare.learning.models import LearningSession


def is_facilitator(user, session: LearningSession) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return session.offered_by_id == user.pk or session.facilitators.filter(pk=user.pk).exists()


def can_see_session(user, session: LearningSession) -> bool:
    """A team's session is for that team (and its facilitators and the circle's Learning Lead);
    every other session is open to everyone who takes part in the co-op."""
    from coopcare.learning.selectors import wears_in_circle
    from coopcare.members.selectors import is_member
    from coopcare.teams.selectors import is_current_member

    if not getattr(user, "is_authenticated", False):
        return False
    if is_facilitator(user, session) or wears_in_circle(user, session.circle_id, "learning-lead"):
        return True
    if session.team_id is not None:
        return is_current_member(user, session.team)
    if is_member(user):
        return True
    from coopcare.learning.selectors import circle_ids_of

    return bool(circle_ids_of(user))
