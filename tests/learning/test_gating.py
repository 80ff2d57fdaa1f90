"""Gating that is precise, not punitive: learning that is expired or missing on the day stops
only the work it covers — joining, taking an open slot, joining a series — and says how to put
it right. Booking and inviting still work, so the Rota Holder sees the block on the page."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from coopcare.api.services import create_token
from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError
from coopcare.learning.requirements import expiry_of
from coopcare.visits.models import Attendee
from coopcare.visits.services import recurrence
from coopcare.visits.services.booking import join_appointment
from coopcare.visits.services.slots import take_slot
from tests.api.conftest import bearer
from tests.factories import make_team_ready
from tests.learning.conftest import days_ago, learned
from tests.visits.conftest import at, book


@pytest.fixture
def ready(team):
    return make_team_ready(team)


@pytest.fixture
def lapsed(ready, worker):
    """Wren: the medicines course in date, but her observed competence ran out."""
    learned(worker, "medicines-support", days_ago(100))
    learned(worker, "medicines-competence", days_ago(400), observed=True)
    return worker


def _expired_on(days: int) -> str:
    from coopcare.learning.models import Topic

    topic = Topic(interval="yearly")
    return date_format(expiry_of(days_ago(days), topic), "j F Y")


def test_a_lapsed_competence_blocks_medicines_but_not_companionship(ready, owner, lapsed):
    medicines = book(owner, ready, [lapsed], start=at(3, 10), kinds=["medicines"])
    walk = book(owner, ready, [lapsed], start=at(4, 10), kinds=["companionship"])
    with pytest.raises(DomainError) as refused:
        join_appointment(lapsed, medicines)
    message = refused.value.message
    assert message.startswith("Wren Walker cannot give this support yet:")
    assert f"Medicines support: competence observed expired on {_expired_on(400)}" in message
    assert "Helping people to take medicines" not in message  # that one is in date
    assert "Find a session on the Learning page" in message
    attendee = Attendee.objects.get(appointment=medicines, person=lapsed)
    assert attendee.response == Attendee.Response.INVITED and not attendee.holds_time
    assert not AuditEvent.objects.filter(action="visits.joined").exists()
    # The same week, the walk is hers to join.
    join_appointment(lapsed, walk)
    assert Attendee.objects.get(appointment=walk, person=lapsed).holds_time


def test_missing_learning_is_named_with_what_it_needs(ready, owner, worker):
    medicines = book(owner, ready, [worker], start=at(3, 10), kinds=["medicines"])
    with pytest.raises(DomainError) as refused:
        join_appointment(worker, medicines)
    message = refused.value.message
    assert "Helping people to take medicines is not recorded" in message
    assert (
        "Medicines support: competence observed is not recorded (it needs an assessor to "
        "observe it)" in message
    )


def test_personal_care_needs_moving_people_and_oliver_mcgowan_tier_2(ready, owner, worker):
    care = book(owner, ready, [worker], start=at(3, 10), kinds=["personal_care"])
    learned(worker, "moving-people", days_ago(10))
    with pytest.raises(DomainError, match="Oliver McGowan training, Tier 2 is not recorded"):
        join_appointment(worker, care)
    learned(worker, "oliver-mcgowan-tier-2", days_ago(10))
    join_appointment(worker, care)


def test_a_renewed_record_unblocks(ready, owner, lapsed):
    medicines = book(owner, ready, [lapsed], start=at(3, 10), kinds=["medicines"])
    with pytest.raises(DomainError):
        join_appointment(lapsed, medicines)
    learned(lapsed, "medicines-competence", days_ago(1), observed=True)
    join_appointment(lapsed, medicines)
    assert Attendee.objects.get(appointment=medicines, person=lapsed).holds_time


def test_an_observation_nobody_signed_off_does_not_count(ready, owner, lapsed):
    medicines = book(owner, ready, [lapsed], start=at(3, 10), kinds=["medicines"])
    learned(lapsed, "medicines-competence", days_ago(1))  # not signed off
    with pytest.raises(DomainError, match="competence observed expired"):
        join_appointment(lapsed, medicines)


def test_a_withdrawn_record_does_not_count(ready, owner, lapsed):
    medicines = book(owner, ready, [lapsed], start=at(3, 10), kinds=["medicines"])
    renewal = learned(lapsed, "medicines-competence", days_ago(1), observed=True)
    renewal.withdrawn_at = timezone.now()
    renewal.save()
    with pytest.raises(DomainError, match="competence observed expired"):
        join_appointment(lapsed, medicines)


def test_learning_that_runs_out_before_the_day_blocks(ready, owner, worker):
    learned(worker, "medicines-support", days_ago(10))
    learned(worker, "medicines-competence", days_ago(364), observed=True)  # expires tomorrow
    later = book(owner, ready, [worker], start=at(3, 10), kinds=["medicines"])
    with pytest.raises(DomainError) as refused:
        join_appointment(worker, later)
    tomorrow = date_format(timezone.localdate() + datetime.timedelta(days=1), "j F Y")
    assert f"competence observed expires on {tomorrow}, before then" in refused.value.message


def test_a_family_member_is_not_gated_by_workers_topics(ready, owner, family):
    medicines = book(owner, ready, [family], start=at(3, 10), kinds=["medicines"])
    join_appointment(family, medicines)
    assert Attendee.objects.get(appointment=medicines, person=family).holds_time


def test_taking_an_open_slot_is_gated_too(ready, owner, lapsed):
    medicines = book(owner, ready, [], start=at(3, 10), kinds=["medicines"], open_slot=True)
    walk = book(owner, ready, [], start=at(4, 10), kinds=["companionship"], open_slot=True)
    with pytest.raises(DomainError, match="cannot give this support yet"):
        take_slot(lapsed, medicines)
    medicines.refresh_from_db()
    assert medicines.open_slot
    take_slot(lapsed, walk)


def test_joining_a_series_skips_each_visit_the_learning_does_not_cover(ready, owner, lapsed):
    series = recurrence.create_series(
        owner,
        ready,
        title="Morning medicines",
        rule="FREQ=DAILY;COUNT=3",
        first_start=at(2, 8),
        duration_minutes=30,
        place="home",
        support_kinds=["medicines"],
        givers=[lapsed],
    )
    result = recurrence.join_series(lapsed, series)
    assert result.joined == []
    assert len(result.clashes) == 3
    assert all("cannot give this support yet" in reason for _a, reason in result.clashes)


# --- The appointment page and the API -----------------------------------------------------------


def _page(client, appointment):
    return client.get(reverse("visits:appointment", args=[appointment.pk])).content.decode()


def test_the_giver_sees_why_instead_of_join(as_person, ready, owner, lapsed):
    medicines = book(owner, ready, [lapsed], start=at(3, 10), kinds=["medicines"])
    html = _page(as_person(lapsed), medicines)
    assert "You cannot give this support yet" in html
    assert f"competence observed expired on {_expired_on(400)}" in html
    assert reverse("learning:home") in html
    assert reverse("visits:join", args=[medicines.pk]) not in html
    # She can still say no.
    assert reverse("visits:decline", args=[medicines.pk]) in html
    walk = book(owner, ready, [lapsed], start=at(4, 10), kinds=["companionship"])
    walk_html = _page(as_person(lapsed), walk)
    assert reverse("visits:join", args=[walk.pk]) in walk_html
    assert "You cannot give this support yet" not in walk_html


def test_the_people_who_arrange_see_each_givers_block(as_person, ready, owner, lapsed, family):
    medicines = book(owner, ready, [lapsed, family], start=at(3, 10), kinds=["medicines"])
    html = _page(as_person(owner), medicines)
    assert "Cannot give this support yet:" in html
    assert f"Medicines support: competence observed expired on {_expired_on(400)}" in html
    assert html.count("Cannot give this support yet:") == 1  # Fay is not gated
    # Another giver in the team does not see Wren's learning.
    assert "Cannot give this support yet:" not in _page(as_person(family), medicines)


def test_posting_join_says_why_and_changes_nothing(as_person, ready, owner, lapsed):
    medicines = book(owner, ready, [lapsed], start=at(3, 10), kinds=["medicines"])
    response = as_person(lapsed).post(reverse("visits:join", args=[medicines.pk]))
    assert response.status_code == 400
    assert "cannot give this support yet" in response.content.decode()
    assert not Attendee.objects.get(appointment=medicines, person=lapsed).holds_time


def test_the_api_join_is_a_400_with_the_message(ready, owner, lapsed):
    cache.clear()
    medicines = book(owner, ready, [lapsed], start=at(3, 10), kinds=["medicines"])
    _token, raw = create_token(lapsed, "test", 30)
    response = bearer(raw).post(f"/api/appointments/{medicines.pk}/join")
    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["detail"].startswith("Wren Walker cannot give this support yet:")
    assert "competence observed expired" in body["detail"]
    cache.clear()
