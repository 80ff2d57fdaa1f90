"""One concern's page, for its handlers and for the person who raised it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.audit.models import AuditEvent
from coopcare.concerns.models import Concern
from coopcare.concerns.services import update_concern


def _url(concern) -> str:
    return f"/concerns/{concern.pk}/"


def test_it_shows_handlers_someone_in_the_team_when_the_name_is_withheld(as_person, concern, coach):
    html = as_person(coach).get(_url(concern)).content.decode()
    assert "Someone in the team" in html and "Fay Oyelaran" not in html
    assert "Visits keep starting late." in html and "Team Olive Oyelaran" in html


def test_it_shows_handlers_the_name_when_the_person_agreed(as_person, concern, coach):
    Concern.objects.filter(pk=concern.pk).update(share_name=True)
    html = as_person(coach).get(_url(concern)).content.decode()
    assert "Fay Oyelaran" in html and "Someone in the team" not in html


def test_it_records_each_handlers_read_for_the_person_who_raised_it(
    as_person, concern, coach, family
):
    as_person(coach).get(_url(concern))
    as_person(family).get(_url(concern))
    [read] = AuditEvent.objects.filter(action="concerns.concern_viewed")
    assert (read.kind, read.actor, read.subject) == ("read", coach, family)


def test_it_shows_the_reporter_only_the_notes_marked_for_them(as_person, concern, coach, family):
    update_concern(coach, concern, state="exploring", note="Handlers only: check rota.")
    update_concern(
        coach, concern, state="exploring", note="We are looking into it.", for_reporter=True
    )
    html = as_person(family).get(_url(concern)).content.decode()
    assert "We are looking into it." in html and "Handlers only" not in html
    assert "Exploring" in html and "Add to the tracker" not in html


def test_it_adds_an_entry_from_the_form(as_person, concern, coach):
    response = as_person(coach).post(
        _url(concern) + "update/", {"state": "exploring", "note": "Rang the team."}
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.state == "exploring"


def test_it_explains_a_refused_entry_and_changes_nothing(as_person, concern, coach):
    response = as_person(coach).post(_url(concern) + "update/", {"state": "outcome", "note": "x"})
    html = response.content.decode()
    assert response.status_code == 200 and "Describe the outcome." in html
    concern.refresh_from_db()
    assert concern.state == "reported" and not concern.entries.exists()


def test_it_does_not_offer_a_skip_to_reviewed(as_person, concern, coach):
    response = as_person(coach).post(_url(concern) + "update/", {"state": "reviewed", "note": "x"})
    assert response.status_code == 200
    assert Concern.objects.get(pk=concern.pk).state == "reported"


def test_it_uses_the_same_number_of_queries_for_few_and_many_entries(as_person, concern, coach):
    update_concern(coach, concern, state="exploring", note="First.", for_reporter=True)
    client = as_person(coach)
    client.get(_url(concern))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(concern)).status_code == 200
        return len(ctx)

    few = count()
    for n in range(12):
        update_concern(coach, concern, state="exploring", note=f"Note {n}", for_reporter=n % 2)
    assert count() == few
