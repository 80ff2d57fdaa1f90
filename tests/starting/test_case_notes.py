"""Step 2's notes from the longer conversation, and recording face-to-face visits."""

import datetime

import pytest
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError
from coopcare.starting.models import FaceToFaceVisit
from coopcare.starting.services.cases import record_relationship_notes, record_visit
from coopcare.starting.steps import steps

TODAY = datetime.date.today()


def test_it_saves_the_notes_and_marks_step_two_done(as_person, case):
    url = reverse("starting:case_relationship", args=[case.pk])
    data = {"talked_on": TODAY, "daily_life": "Up at seven.", "risks": "Falls on the stairs."}
    assert as_person(case.team_starter).post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.daily_life == "Up at seven."
    assert case.relationship_talk_on == TODAY
    assert steps(case)[1].done


def test_it_audits_which_notes_changed_but_not_what_they_say(case):
    record_relationship_notes(case.team_starter, case, TODAY, {"risks": "Falls on the stairs."})
    event = AuditEvent.objects.get(action="starting.relationship_noted")
    assert event.detail["changed"] == ["risks"]
    assert "Falls" not in str(event.detail) + str(event.changes)


def test_it_refuses_a_conversation_in_the_future(case):
    with pytest.raises(DomainError):
        record_relationship_notes(case.team_starter, case, TODAY + datetime.timedelta(days=1), {})


def test_it_records_a_visit(as_person, case):
    url = reverse("starting:visit_add", args=[case.pk])
    data = {"visited_on": TODAY, "present": "Olive, Fay and Tess", "notes": "Tea and a chat."}
    assert as_person(case.team_starter).post(url, data).status_code == 302
    visit = FaceToFaceVisit.objects.get()
    assert visit.recorded_by == case.team_starter
    assert visit.present == "Olive, Fay and Tess"


def test_it_needs_who_was_present_and_a_past_date(case):
    with pytest.raises(DomainError) as error:
        record_visit(case.team_starter, case, TODAY, "  ")
    assert error.value.field == "present"
    with pytest.raises(DomainError) as error:
        record_visit(case.team_starter, case, TODAY + datetime.timedelta(days=1), "Olive")
    assert error.value.field == "visited_on"
    assert not FaceToFaceVisit.objects.exists()


def test_it_refuses_visits_and_notes_to_people_not_leading_the_case(as_person, case, coach, worker):
    url = reverse("starting:visit_add", args=[case.pk])
    assert as_person(coach).get(url).status_code == 403
    assert as_person(worker).get(url).status_code == 404
    url = reverse("starting:case_relationship", args=[case.pk])
    assert as_person(coach).get(url).status_code == 403


def test_reading_the_relationship_notes_is_logged_on_the_page_and_in_the_api(as_person, case):
    starter = as_person(case.team_starter)
    assert starter.get(reverse("starting:case_relationship", args=[case.pk])).status_code == 200
    assert starter.get(f"/api/start/cases/{case.pk}/relationship").status_code == 200
    reads = AuditEvent.objects.filter(action="starting.relationship_notes_read")
    assert reads.count() == 2
    assert {event.actor for event in reads} == {case.team_starter}
