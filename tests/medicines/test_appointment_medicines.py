"""The medicines part of the appointment page (rendered on its own here: the page that includes
it is built elsewhere)."""

from django.template.loader import render_to_string
from django.test import RequestFactory

from coopcare.medicines.services import record_dose
from tests.medicines.conftest import DAY, book, local

PARTIAL = "visits/_appointment_medicines.html"


def _render(appointment, viewer):
    request = RequestFactory().get(f"/visits/{appointment.pk}/")
    request.user = viewer
    context = {"appointment": appointment, "team": appointment.team, "viewer": viewer}
    return render_to_string(PARTIAL, context, request=request)


def test_the_giver_sees_the_doses_due_and_a_form_for_each(clock, visit, worker, metformin, insulin):
    clock.move_to(local(DAY, 8, 5))
    html = _render(visit, worker)
    assert "Medicines due" in html and "Insulin" in html and "Metformin" in html
    assert "18:00" not in html
    assert html.count("Record this dose") == 2
    assert f'name="next" value="/visits/{visit.pk}/"' in html


def test_a_recorded_dose_shows_its_record(clock, visit, worker, metformin):
    clock.move_to(local(DAY, 8, 5))
    record_dose(worker, metformin, local(DAY, 8), "given", appointment=visit)
    html = _render(visit, worker)
    assert "Given" in html and "by Wren Walker at 08:05" in html
    assert "Record this dose" not in html


def test_the_family_see_the_doses_without_a_form(clock, visit, family, metformin):
    clock.move_to(local(DAY, 8, 5))
    html = _render(visit, family)
    assert "Metformin" in html and "Record this dose" not in html


def test_before_the_window_opens_there_is_nothing_to_record_yet(visit, worker, metformin):
    html = _render(visit, worker)  # 06:00
    assert "Not yet recorded" in html and "Record this dose" not in html


def test_it_shows_nothing_for_a_visit_without_medicines(ready_team, owner, worker, metformin):
    appointment = book(owner, ready_team, [worker], start=local(DAY, 7, 30), kinds=["practical"])
    assert _render(appointment, worker).strip() == ""


def test_it_shows_nothing_to_someone_who_may_not_see_the_mar(visit, team_starter, metformin):
    assert _render(visit, team_starter).strip() == ""


def test_a_visit_with_no_doses_due_says_so(visit, worker):
    assert "No medicines are due during this visit." in _render(visit, worker)
