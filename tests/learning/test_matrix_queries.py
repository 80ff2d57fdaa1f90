"""The matrix costs the same number of queries for 3 people as for 30, and for 5 topics as for
25: nothing is asked per person or per topic (page, CSV and API alike)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.learning.models import TeamNeed
from coopcare.supportprofiles.models import GivingSupportProfile
from tests.conftest import client_for
from tests.factories import HatFactory, hat_type
from tests.learning.compliance import circle_with_policy, coach_of, giver, team_in
from tests.learning.conftest import days_ago, learned


def _circle(parent, slug: str, people: int, topics: int):
    circle = circle_with_policy(parent, slug, topics)
    team = team_in(circle, f"Owner of {slug}")
    TeamNeed.objects.create(team=team, topic_slug="topic-1", marked_by=team.owner)
    for n in range(people):
        person = giver(team, f"{slug} person {n:02d}")
        GivingSupportProfile.objects.create(person=person, support_kinds=["companionship"])
        learned(person, "topic-1", days_ago(30 + n * 20))
        learned(person, "topic-2", days_ago(400))
        if n % 3 == 0:
            HatFactory(holder=person, circle=circle, hat_type=hat_type("recruiter"))
    return circle, coach_of(circle, f"Coach of {slug}")


def _count(client, path: str) -> int:
    client.get(path)  # warm: the first request fills caches that are not about the page
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content[:500]
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("page", "/learning/circles/{id}/matrix/?group=all"),
        ("page with gaps", "/learning/circles/{id}/matrix/?group=all&status=gaps"),
        ("page of one kind", "/learning/circles/{id}/matrix/?group=all&kind=independent_worker"),
        ("page by hat", "/learning/circles/{id}/matrix/?hat=recruiter&q=person"),
        ("csv", "/learning/circles/{id}/matrix.csv?group=all"),
        ("api", "/api/learning/circles/{id}/matrix?group=all"),
    ],
)
def test_queries_do_not_grow_with_people_or_topics(purpose_circle, name, path):
    sizes = {"small": (3, 5), "more people": (30, 5), "more topics": (3, 25)}
    counts = {}
    for label, (people, topics) in sizes.items():
        circle, coach = _circle(purpose_circle, label.replace(" ", "-"), people, topics)
        counts[label] = _count(client_for(coach), path.format(id=circle.pk))
    assert len(set(counts.values())) == 1, counts


def test_the_reads_of_a_large_export_are_one_query(purpose_circle, coach):
    """Every exported person gets their own read, in one INSERT however many there are (a
    bulk_create would be split into batches of 83 on SQLite)."""
    from coopcare.audit.models import AuditEvent
    from coopcare.learning.matrix import log_reads
    from coopcare.members.models import User

    User.objects.bulk_create(User(email=f"reader{n}@example.org") for n in range(300))
    ids = list(User.objects.filter(email__startswith="reader").values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        log_reads("learning.matrix_exported", coach, purpose_circle, ids, purpose="test", detail={})
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    events = AuditEvent.objects.filter(action="learning.matrix_exported")
    assert sorted(events.values_list("subject_id", flat=True)) == sorted(ids)
    assert {(e.actor_id, e.kind, e.target_id) for e in events} == {
        (coach.pk, "read", str(purpose_circle.pk))
    }
