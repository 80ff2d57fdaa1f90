"""The case list and one case's page: who may see them, and the eight steps."""

from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.starting.models import Case, Enquiry
from tests.starting.conftest import make_enquiry

LIST = reverse("starting:cases")


def case_url(case) -> str:
    return reverse("starting:case", args=[case.pk])


def other_case(circle, starter, name="Hebe Holt") -> Case:
    found = make_enquiry(contact_name=name, status=Enquiry.Status.PROCEED, local_circle=circle)
    return Case.objects.create(
        enquiry=found, local_circle=circle, team_starter=starter, created_by=starter
    )


def test_it_shows_the_case_to_the_team_starter_of_its_circle(as_person, team_starter, case):
    response = as_person(team_starter).get(case_url(case))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The eight steps" in page
    for title in ("First contact", "Finding the match", "Stepping back"):
        assert title in page


def test_it_shows_the_case_to_a_coach_of_the_circle_without_actions(as_person, coach, case):
    response = as_person(coach).get(case_url(case))
    assert response.status_code == 200
    assert not response.context["can_manage"]


def test_it_hides_the_case_from_the_team_and_outsiders(
    as_person, case, worker, family, owner, representative, outsider, carol
):
    for person in (worker, family, owner, representative, outsider, carol):
        assert as_person(person).get(case_url(case)).status_code == 404


def test_it_hides_the_case_from_another_circles_team_starter(as_person, hebden_starter, case):
    assert as_person(hebden_starter).get(case_url(case)).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, case):
    assert client.get(case_url(case)).status_code == 302


def test_it_logs_reads_of_the_case(as_person, team_starter, case):
    as_person(team_starter).get(case_url(case))
    read = AuditEvent.objects.get(action="starting.case_read")
    assert read.actor == team_starter
    assert read.subject == case.person


def test_it_says_what_is_missing_in_each_step(as_person, team_starter, case):
    steps = as_person(team_starter).get(case_url(case)).context["steps"]
    assert steps[0].done
    assert "No call-out has been published." in steps[2].missing
    assert "The Getting Support Promise has not been signed." in steps[4].missing
    assert not steps[7].done


def test_it_lists_only_the_cases_of_the_starters_circles(
    as_person, team_starter, hebden_starter, case, hebden_circle
):
    other_case(hebden_circle, hebden_starter)
    page = as_person(team_starter).get(LIST).content.decode()
    assert "Olive Oyelaran" in page
    assert "Hebe Holt" not in page


def test_it_refuses_the_list_to_people_without_the_hats(as_person, worker, owner, case):
    assert as_person(worker).get(LIST).status_code == 403
    assert as_person(owner).get(LIST).status_code == 403


def test_it_paginates_the_list_with_the_same_queries(
    as_person, team_starter, leeds_circle, django_assert_max_num_queries
):
    for n in range(3):
        other_case(leeds_circle, team_starter, name=f"Person {n}")
    client = as_person(team_starter)
    with django_assert_max_num_queries(20) as small:
        client.get(LIST)
    for n in range(30):
        other_case(leeds_circle, team_starter, name=f"More {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 25


def test_it_moves_stepped_back_cases_to_their_own_list(as_person, team_starter, case):
    from django.utils import timezone

    case.stepped_back_at = timezone.now()
    case.save()
    client = as_person(team_starter)
    assert "Olive Oyelaran" not in client.get(LIST).content.decode()
    assert "Olive Oyelaran" in client.get(LIST + "?show=closed").content.decode()


def test_it_shows_a_case_with_the_same_queries_however_much_it_holds(
    as_person, team_starter, case, alice, bob, django_assert_max_num_queries
):
    import datetime

    from coopcare.starting.models import FaceToFaceVisit
    from coopcare.starting.services.call_outs import express_interest, publish_call_out

    def add_things(person):
        FaceToFaceVisit.objects.create(
            case=case, visited_on=datetime.date.today(), present="Olive", recorded_by=team_starter
        )
        call_out = publish_call_out(
            team_starter,
            case,
            texts=dict.fromkeys(("key_needs", "where_and_when", "qualities", "relationship"), "x"),
            shared_fields=["qualities"],
            audience="circle",
            consent_confirmed=True,
        )
        express_interest(person, call_out)

    add_things(alice)
    client = as_person(team_starter)
    with django_assert_max_num_queries(60) as first:
        client.get(case_url(case))
    add_things(bob)
    add_things(alice)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(case_url(case))
