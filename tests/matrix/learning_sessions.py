"""Permission-matrix rows for learning sessions and teachers (``learning.views_sessions`` and
``learning.api_sessions``).

In the matrix's world alice (``member``) offers and facilitates sessions of the Leeds circle:
everyone who takes part in the co-op (bob, carol) sees and books them; only alice runs them.
The applicant and the superuser take no part: 403 on the lists, 404 on a session. Nobody here
is a Learning Lead or Coach, so the teachers' and evaluation pages answer 403 to members and
404 to the others. Bob came to the completed session, so only he may rate it.
tests/learning/test_sessions_*.py check the Learning Lead, the Coach and team sessions.
"""

import datetime

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tests.test_permission_matrix import S

TAKES_PART = S(302, 403, 200, 200, 200, 403)
SEES = S(302, 404, 200, 200, 200, 404)
RUNS = S(302, 404, 200, 403, 403, 404)
POSTED = S(302, 404, 302, 302, 302, 404)
LEAD_ONLY = S(302, 404, 403, 403, 403, 404)

API_TAKES_PART = S(401, 403, 200, 200, 200, 403)
API_SEES = S(401, 404, 200, 200, 200, 404)
API_RUNS = S(401, 404, 200, 403, 403, 404)
API_LEAD_ONLY = S(401, 404, 403, 403, 403, 404)
# The matrix posts a form body where JSON is expected: refused as unreadable before anything is
# looked up. tests/learning/test_sessions_api.py checks who may do it with real JSON.
API_UNREADABLE = S(401, 400, 400, 400, 400, 400)

PAGE_ROWS = {
    "learning:sessions": ("GET", None, TAKES_PART),
    "learning:session_new": ("GET", None, TAKES_PART),
    "learning:session": ("GET", "ls_session", SEES),
    "learning:session_edit": ("GET", "ls_session", RUNS),
    "learning:session_cancel": ("GET", "ls_session", RUNS),
    # Alice facilitates (told she need not book); bob and carol book, then leave.
    "learning:session_book": ("POST", "ls_session", POSTED),
    "learning:session_leave": ("POST", "ls_session", POSTED),
    "learning:session_attendance": ("GET", "ls_started", RUNS),
    "learning:session_complete": ("GET", "ls_ended", RUNS),
    # Only bob came: everyone else who sees it is sent back to the session with a message.
    "learning:session_feedback": ("GET", "ls_completed", S(302, 404, 302, 200, 302, 404)),
    "learning:teaching": ("GET", None, TAKES_PART),
    "learning:teachers": ("GET", "ls_circle", LEAD_ONLY),
    "learning:teacher_recognise": ("GET", "ls_circle", LEAD_ONLY),
    "learning:teacher_end": ("GET", "ls_recognition", LEAD_ONLY),
    "learning:session_evaluation": ("GET", "ls_circle", LEAD_ONLY),
}

API_ROWS = {
    "api:learning_sessions": ("GET", None, API_TAKES_PART),
    "api:learning_session_create": ("POST", None, API_UNREADABLE),
    "api:learning_session": ("GET", "ls_session", API_SEES),
    "api:learning_session_edit": ("PATCH", "ls_session", API_RUNS),
    "api:learning_session_cancel": ("POST", "ls_session", API_UNREADABLE),
    # Alice facilitates: refused (400); bob and carol book and leave again.
    "api:learning_session_book": ("POST", "ls_session", S(401, 404, 400, 200, 200, 404)),
    "api:learning_session_leave": ("POST", "ls_session", S(401, 404, 400, 200, 200, 404)),
    "api:learning_session_attendance": ("POST", "ls_started", API_UNREADABLE),
    # Last of the session rows: alice really completes the ended session.
    "api:learning_session_complete": ("POST", "ls_ended", API_RUNS),
    "api:learning_session_feedback": ("POST", "ls_completed", API_UNREADABLE),
    "api:learning_teaching": ("GET", None, API_TAKES_PART),
    "api:learning_teachers": ("GET", "ls_circle", API_LEAD_ONLY),
    "api:learning_teacher_recognise": ("POST", "ls_circle", API_UNREADABLE),
    "api:learning_teacher_end": ("POST", "ls_recognition", API_LEAD_ONLY),
    "api:learning_session_evaluation": ("GET", "ls_circle", API_LEAD_ONLY),
}


def _api_mounted() -> bool:
    try:
        reverse("api:learning_sessions")
    except NoReverseMatch:
        return False
    return True


ROWS = {**PAGE_ROWS, **(API_ROWS if _api_mounted() else {})}


def objects(world) -> dict[str, dict]:
    """Sessions made straight in the database: some are in the past, which no service allows."""
    from coopcare.learning.models import LearningSession, Place, TeacherRecognition

    alice = world["persona"]["member"]
    bob = world["persona"]["other_member"]
    circle = world["team"].local_circle
    now = timezone.now()
    hour = datetime.timedelta(hours=1)

    def session(starts, status=LearningSession.Status.OPEN, **extra):
        made = LearningSession.objects.create(
            circle=circle,
            kind="buddy",
            title="Matrix session",
            topic_slugs=["fire-safety"],
            setting="circle",
            area="LS7",
            starts_at=starts,
            ends_at=starts + 2 * hour,
            capacity=4,
            offered_by=alice,
            status=status,
            **extra,
        )
        made.facilitators.set([alice])
        return made

    upcoming = session(now + 48 * hour)
    started = session(now - hour)
    ended = session(now - 3 * hour)
    completed = session(
        now - 30 * hour,
        LearningSession.Status.COMPLETED,
        completed_at=now - 27 * hour,
        completed_by=alice,
    )
    Place.objects.create(session=completed, person=bob, status=Place.Status.ATTENDED)
    recognition = TeacherRecognition.objects.create(
        person=alice, circle=circle, level="associate", recognised_by=alice
    )
    return {
        "ls_circle": {"circle_id": circle.pk},
        "ls_recognition": {"recognition_id": recognition.pk},
        "ls_session": {"session_id": upcoming.pk},
        "ls_started": {"session_id": started.pk},
        "ls_ended": {"session_id": ended.pk},
        "ls_completed": {"session_id": completed.pk},
    }
