"""Qualifications on a Giving Support Profile: adding (with dates) and removing."""

import datetime

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.supportprofiles.models import Qualification
from coopcare.supportprofiles.services.giving import add_qualification, remove_qualification

ADD = "/support-profiles/giving/qualifications/add/"
DAY = datetime.date(2023, 6, 30)


def test_it_adds_a_qualification_with_the_date_achieved(as_person, worker):
    response = as_person(worker).post(
        ADD,
        {"title": "Level 3 Diploma in Adult Care", "achieved_on": "2023-06-30", "accredited": "on"},
    )
    assert response.status_code == 302
    qualification = Qualification.objects.get()
    assert (qualification.achieved_on, qualification.accredited) == (DAY, True)
    assert qualification.profile.person == worker
    page = as_person(worker).get("/support-profiles/giving/").content.decode()
    assert "Level 3 Diploma in Adult Care" in page
    assert "30 June 2023" in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "achieved_on": "2023-06-30"}, "title"),
        ({"title": "First aid", "achieved_on": "tomorrow"}, "achieved_on"),
        ({"title": "First aid", "achieved_on": "2999-01-01"}, "achieved_on"),
    ],
)
def test_it_lists_problems_and_adds_nothing(as_person, worker, data, field):
    response = as_person(worker).post(ADD, data)
    assert response.status_code == 400
    assert f'href="#id_{field}"' in response.content.decode()
    assert not Qualification.objects.exists()


def test_it_refuses_a_date_in_the_future_in_the_service_too(worker):
    with pytest.raises(DomainError):
        add_qualification(
            worker, worker, {"title": "First aid", "achieved_on": datetime.date(2999, 1, 1)}
        )


def test_it_asks_before_removing_and_keeps_the_history(as_person, worker):
    qualification = add_qualification(worker, worker, {"title": "First aid", "achieved_on": DAY})
    url = f"/support-profiles/giving/qualifications/{qualification.pk}/remove/"
    client = as_person(worker)
    assert "Remove “First aid” from your profile?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Qualification.objects.exists()
    assert Qualification.history.filter(history_type="-").exists()
    assert AuditEvent.objects.filter(action="giving_profile.qualification_removed").exists()


def test_it_does_not_let_anyone_else_remove_one(as_person, worker, owner):
    qualification = add_qualification(worker, worker, {"title": "First aid", "achieved_on": DAY})
    url = f"/support-profiles/giving/qualifications/{qualification.pk}/remove/"
    assert as_person(owner).get(url).status_code == 404
    assert as_person(owner).post(url).status_code == 404
    with pytest.raises(NotAllowed):
        remove_qualification(owner, qualification)
    assert Qualification.objects.exists()
