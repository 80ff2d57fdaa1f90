"""Pathway pages: progress, starting, confirming, ending, and who is refused."""

import pytest
from django.urls import reverse

from coopcare.learning.models import Pathway, PathwayJourney
from coopcare.learning.services.pathways import (
    VOLUNTEER_TO_PAID,
    ensure_default_pathways,
    start_journey,
)
from coopcare.learning.services.welcome import start_welcome
from tests.learning.conftest import learned

STAGE_1 = ["safeguarding-adults", "safeguarding-children", "oliver-mcgowan-tier-1"]


@pytest.fixture
def pathway(db):
    ensure_default_pathways()
    return Pathway.objects.get(slug=VOLUNTEER_TO_PAID)


def test_the_pathways_page_makes_the_default_and_starts_a_journey(as_person, worker):
    client = as_person(worker)
    page = client.get(reverse("learning:pathways")).content.decode()
    assert "From volunteer to paid independent worker" in page and "Peer supporter" in page
    pathway = Pathway.objects.get()
    response = client.post(reverse("learning:journey_start", args=[pathway.pk]))
    journey = PathwayJourney.objects.get()
    assert response.url == reverse("learning:journey", args=[journey.pk])
    page = client.get(reverse("learning:journey", args=[journey.pk])).content.decode()
    assert "What is left before “Peer supporter”" in page and "is not recorded" in page


def test_the_newcomer_finds_their_welcome_route_on_the_pathways_page(
    as_person, coach, leeds_circle, alice
):
    route = start_welcome(coach, leeds_circle, alice)
    page = as_person(alice).get(reverse("learning:pathways")).content.decode()
    assert reverse("learning:welcome", args=[route.pk]) in page


def test_the_coach_confirms_on_the_page(as_person, worker, coach, pathway):
    journey = start_journey(worker, pathway)
    client = as_person(coach)
    url = reverse("learning:journey_confirm", args=[journey.pk])
    assert "cannot move on yet" in client.get(url).content.decode()
    refused = client.post(url)
    assert refused.status_code == 200 and "There is a problem" in refused.content.decode()
    for slug in STAGE_1:
        learned(worker, slug)
    assert client.post(url).status_code == 302
    journey.refresh_from_db()
    assert journey.stage.order == 2


def test_others_are_refused(as_person, worker, other_coach, alice, admin, applicant, pathway):
    journey = start_journey(worker, pathway)
    urls = [
        reverse("learning:journey", args=[journey.pk]),
        reverse("learning:journey_confirm", args=[journey.pk]),
        reverse("learning:journey_end", args=[journey.pk]),
    ]
    for person in (other_coach, alice, admin):
        for url in urls:
            assert as_person(person).get(url).status_code == 404
    assert as_person(worker).get(urls[1]).status_code == 403
    start = reverse("learning:journey_start", args=[pathway.pk])
    assert as_person(applicant).post(start).status_code == 403
    assert as_person(worker).post(reverse("learning:journey_start", args=[9999])).status_code == 404


def test_the_person_ends_the_journey_after_confirming(as_person, worker, coach, pathway):
    journey = start_journey(worker, pathway)
    url = reverse("learning:journey_end", args=[journey.pk])
    assert as_person(coach).get(url).status_code == 403
    client = as_person(worker)
    assert "End your journey?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    journey.refresh_from_db()
    assert journey.ended_on is not None


def test_the_last_stage_is_shown_as_reached(as_person, worker, coach, pathway):
    from coopcare.learning.services.pathways import confirm_stage

    journey = start_journey(worker, pathway)
    for slug in [*STAGE_1, "communication", "dignity", "relationship-centred-care"]:
        learned(worker, slug)
    confirm_stage(coach, journey)
    confirm_stage(coach, journey)
    page = as_person(worker).get(reverse("learning:journey", args=[journey.pk])).content.decode()
    assert "This is the last stage" in page and "Cora Coach" in page
    confirm = as_person(coach).get(reverse("learning:journey_confirm", args=[journey.pk]))
    assert "has reached the last stage" in confirm.content.decode()


def test_the_coachs_look_at_a_journey_is_in_the_access_log(as_person, worker, coach, pathway):
    from coopcare.audit.models import AuditEvent

    journey = start_journey(worker, pathway)
    as_person(worker).get(reverse("learning:journey", args=[journey.pk]))
    assert not AuditEvent.objects.filter(action="learning.records_viewed").exists()
    client = as_person(coach)
    assert client.get(reverse("learning:journey", args=[journey.pk])).status_code == 200
    assert client.get(reverse("learning:journey_confirm", args=[journey.pk])).status_code == 200
    reads = AuditEvent.objects.filter(action="learning.records_viewed")
    assert [(e.actor_id, e.subject_id, e.detail["what"]) for e in reads] == [
        (coach.pk, worker.pk, "journey")
    ] * 2
    assert all(e.detail["sections"] == ["learning"] for e in reads)
