"""Team Starters' enquiry pages: the list, one enquiry, and entering a phone enquiry."""

from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.starting.models import Enquiry
from tests.starting.conftest import enquiry_data, make_enquiry

LIST = reverse("starting:enquiries")
ADD = reverse("starting:enquiry_add")


def detail(enquiry) -> str:
    return reverse("starting:enquiry_detail", args=[enquiry.pk])


def test_it_lists_new_enquiries_for_a_team_starter(as_person, team_starter, enquiry):
    response = as_person(team_starter).get(LIST)
    assert response.status_code == 200
    assert "Mo Patel" in response.content.decode()


def test_it_lets_a_coach_see_the_list(as_person, coach, enquiry):
    assert as_person(coach).get(LIST).status_code == 200


def test_it_refuses_the_list_to_people_without_the_hats(as_person, worker, carol, alice):
    for person in (worker, carol, alice):
        assert as_person(person).get(LIST).status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    assert client.get(LIST).status_code == 302


def test_it_shows_an_unassigned_enquiry_to_every_team_starter(
    as_person, team_starter, hebden_starter, enquiry
):
    assert as_person(team_starter).get(detail(enquiry)).status_code == 200
    assert as_person(hebden_starter).get(detail(enquiry)).status_code == 200


def test_it_shows_an_assigned_enquiry_only_to_that_circles_starters(
    as_person, team_starter, hebden_starter, leeds_circle
):
    found = make_enquiry(local_circle=leeds_circle)
    assert as_person(team_starter).get(detail(found)).status_code == 200
    assert as_person(hebden_starter).get(detail(found)).status_code == 404
    page = as_person(hebden_starter).get(LIST + "?status=all").content.decode()
    assert "Olive Oyelaran" not in page


def test_it_hides_enquiries_from_everyone_else(as_person, worker, owner, outsider, enquiry):
    for person in (worker, owner, outsider):
        assert as_person(person).get(detail(enquiry)).status_code == 404


def test_it_logs_each_read_of_an_enquiry(as_person, team_starter, enquiry):
    as_person(team_starter).get(detail(enquiry))
    read = AuditEvent.objects.get(action="starting.enquiry_read")
    assert read.actor == team_starter
    assert read.target_id == str(enquiry.pk)


def test_it_shows_the_outcome_form_to_team_starters_but_not_coaches(
    as_person, team_starter, coach, enquiry
):
    assert "Decide the outcome" in as_person(team_starter).get(detail(enquiry)).content.decode()
    assert "Decide the outcome" not in as_person(coach).get(detail(enquiry)).content.decode()


def test_it_filters_by_status(as_person, team_starter, leeds_circle):
    make_enquiry(
        contact_name="Waiting Wendy",
        status="waiting_list",
        review_on="2099-01-01",
        local_circle=leeds_circle,
    )
    make_enquiry(contact_name="New Nora")
    client = as_person(team_starter)
    assert "Waiting Wendy" not in client.get(LIST).content.decode()
    page = client.get(LIST + "?status=waiting_list").content.decode()
    assert "Waiting Wendy" in page
    assert "New Nora" not in page


def test_it_paginates_the_list(as_person, team_starter):
    for n in range(27):
        make_enquiry(contact_name=f"Person {n:02d}")
    client = as_person(team_starter)
    assert client.get(LIST).context["page"].paginator.num_pages == 2
    assert len(client.get(LIST + "?page=2").context["page"].object_list) == 2


def test_it_lets_a_team_starter_enter_a_phone_enquiry(as_person, team_starter, leeds_circle):
    data = enquiry_data(channel="phone", local_circle=leeds_circle.pk)
    response = as_person(team_starter).post(ADD, data)
    found = Enquiry.objects.get()
    assert response.status_code == 302
    assert found.channel == "phone"
    assert found.entered_by == team_starter
    assert found.local_circle == leeds_circle


def test_it_offers_only_the_starters_own_circles(as_person, team_starter, hebden_circle):
    data = enquiry_data(channel="phone", local_circle=hebden_circle.pk)
    response = as_person(team_starter).post(ADD, data)
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0


def test_it_refuses_entering_enquiries_to_a_coach(as_person, coach):
    assert as_person(coach).get(ADD).status_code == 403
    assert as_person(coach).post(ADD, enquiry_data(channel="phone")).status_code == 403
    assert Enquiry.objects.count() == 0
