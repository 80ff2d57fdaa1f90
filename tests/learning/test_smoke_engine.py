from coopcare.learning.requirements import (
    Status,
    blocking_gaps,
    current_topics,
    matrix_rows,
    people_ids,
    policy_for,
    requirements_of,
)
from tests.factories import make_team_ready
from tests.learning.conftest import days_ago, learned


def test_engine(team, worker, coach):
    make_team_ready(team)
    from coopcare.supportprofiles.models import GivingSupportProfile

    GivingSupportProfile.objects.create(person=worker, support_kinds=["medicines"])
    policy = policy_for(team.local_circle)
    topics = current_topics(policy)
    learned(worker, "fire-safety", days_ago(320))
    learned(worker, "medicines-support", days_ago(400))
    ids = [
        p.pk
        for p in __import__("django.contrib.auth", fromlist=["x"])
        .get_user_model()
        .objects.filter(pk__in=people_ids(team.local_circle))
    ]
    rows = matrix_rows(team.local_circle, ids, topics)
    cells = {c.topic.slug: c.status for c in rows[worker.pk]}
    assert cells["fire-safety"] == Status.DUE
    assert cells["medicines-support"] == Status.EXPIRED
    assert cells["awareness-dementia"] == Status.NOT_REQUIRED
    assert cells["first-aid"] == Status.MISSING
    gaps = blocking_gaps(worker, team, ["medicines"], days_ago(-3))
    assert {g.topic.slug for g in gaps} == {"medicines-support", "medicines-competence"}
    assert blocking_gaps(worker, team, ["companionship"], days_ago(-3)) == []
    assert requirements_of(worker)
