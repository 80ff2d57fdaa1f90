"""Care log pages: reading a log (and the access log), confirming, adjusting, disputing, the
Coach settling, correcting, the team's logs and the logs waiting for me."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.visits.models import CareLog, CareLogConfirmation
from coopcare.visits.services.care_logs import confirm_care_log, dispute_care_log
from tests.visits.test_care_log_helpers import ended_visit, hours_ago, make_coach, open_log


@pytest.fixture
def coach(leeds_circle):
    return make_coach(leeds_circle)


@pytest.fixture
def log(ready_team, worker):
    return open_log(ready_team, [worker])


def url(name: str, log) -> str:
    return reverse(f"visits:{name}", args=[log.pk])


def local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def note_form(log, **changes) -> dict:
    data = {
        "started_at": local(log.started_at),
        "ended_at": local(log.ended_at),
        "mood": "good",
        "tasks": ["company", "food_and_drink"],
        "food_and_drink": "Soup",
        "eaten": "most",
        "follow_up": "",
        "water_in_reach": "yes",
        "pendant_in_reach": "no",
        "notes": "A good chat.",
    }
    data.update(changes)
    return data


# --- Reading -------------------------------------------------------------------------------------


def test_signed_out_visitors_are_sent_to_sign_in(client, log):
    assert client.get(url("log", log)).status_code == 302


def test_the_giver_reads_the_log_and_the_read_is_recorded(as_person, log, worker):
    response = as_person(worker).get(url("log", log))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Who has confirmed version 1" in html
    assert "Yes, confirm the log" in html and "Adjust the times or the note" in html
    event = AuditEvent.objects.get(action="visits.care_log_viewed")
    assert (event.kind, event.actor, event.subject) == ("read", worker, log.team.owner)


@pytest.mark.parametrize("persona", ["outsider", "dan"])
def test_people_outside_the_team_get_not_found(request, as_person, log, persona):
    person = request.getfixturevalue(persona)
    assert as_person(person).get(url("log", log)).status_code == 404
    assert as_person(person).post(url("log_confirm", log)).status_code == 404
    assert not AuditEvent.objects.filter(action="visits.care_log_viewed").exists()


def test_the_team_reads_but_only_the_visit_confirms(as_person, log, family):
    client = as_person(family)
    html = client.get(url("log", log)).content.decode()
    assert "Yes, confirm the log" not in html
    assert client.post(url("log_confirm", log), {"version": 1}).status_code == 403
    assert client.get(url("log_adjust", log)).status_code == 403
    assert client.get(url("log_dispute", log)).status_code == 403
    assert not CareLogConfirmation.objects.exists()


# --- Confirming ----------------------------------------------------------------------------------


def test_giver_and_owner_confirm_on_the_page(as_person, log, worker, owner):
    response = as_person(worker).post(url("log_confirm", log), {"version": 1})
    assert response.status_code == 302 and response["Location"] == url("log", log)
    as_person(owner).post(url("log_confirm", log), {"version": 1})
    log.refresh_from_db()
    assert log.status == "confirmed"
    html = as_person(owner).get(url("log", log)).content.decode()
    assert "Correct the log" in html and "Yes, confirm the log" not in html


def test_the_page_shows_a_representative_confirming_on_behalf_of_the_owner(
    as_person, log, worker, representative
):
    as_person(representative).post(url("log_confirm", log), {"version": 1})
    html = as_person(worker).get(url("log", log)).content.decode()
    assert "Rhys Roberts on behalf of Olive Oyelaran" in " ".join(html.split())


def test_confirming_an_old_version_is_refused_with_a_message(as_person, log, worker, owner):
    as_person(owner).post(url("log_adjust", log), note_form(log))
    response = as_person(worker).post(url("log_confirm", log), {"version": 1}, follow=True)
    assert "changed this care log since you opened it" in response.content.decode()
    assert not CareLogConfirmation.objects.filter(person=worker).exists()


# --- Adjusting -----------------------------------------------------------------------------------


def test_the_visit_note_form_adjusts_the_log(as_person, log, worker):
    client = as_person(worker)
    page = client.get(url("log_adjust", log)).content.decode()
    assert 'type="datetime-local"' in page and "On leaving: water within reach" in page
    later = log.started_at + datetime.timedelta(minutes=5)
    response = client.post(url("log_adjust", log), note_form(log, started_at=local(later)))
    assert response.status_code == 302
    log.refresh_from_db()
    assert (log.version, log.started_at, log.mood, log.tasks) == (
        2,
        later,
        "good",
        ["food_and_drink", "company"],
    )
    assert (log.water_in_reach, log.pendant_in_reach, log.eaten) == (True, False, "most")


def test_a_bad_adjustment_shows_the_problem_and_changes_nothing(as_person, log, worker):
    before = local(log.started_at)
    response = as_person(worker).post(url("log_adjust", log), note_form(log, ended_at=before))
    assert response.status_code == 200
    assert "The visit must end after it started." in response.content.decode()
    log.refresh_from_db()
    assert (log.version, log.mood) == (1, "")


# --- Disputes ------------------------------------------------------------------------------------


def test_a_dispute_reaches_the_coach_who_settles_it(as_person, log, owner, worker, coach):
    response = as_person(owner).post(url("log_dispute", log), {"reason": "Wren left early."})
    assert response.status_code == 302
    log.refresh_from_db()
    assert log.status == "disputed"
    html = as_person(coach).get(url("log", log)).content.decode()
    assert "Wren left early." in html and "Settle the disagreement" in html
    assert as_person(worker).get(url("log_resolve", log)).status_code == 403
    end = log.ended_at - datetime.timedelta(minutes=20)
    response = as_person(coach).post(
        url("log_resolve", log),
        {
            "outcome_note": "Agreed: 40 minutes.",
            "started_at": local(log.started_at),
            "ended_at": local(end),
        },
    )
    assert response.status_code == 302
    log.refresh_from_db()
    assert (log.status, log.version, log.ended_at) == ("pending", 2, end)
    assert "Agreed: 40 minutes." in as_person(worker).get(url("log", log)).content.decode()


def test_a_dispute_without_a_reason_is_refused(as_person, log, owner):
    response = as_person(owner).post(url("log_dispute", log), {"reason": ""})
    assert response.status_code == 200
    assert "Say what you disagree with." in response.content.decode()
    log.refresh_from_db()
    assert log.status == "pending"


# --- Corrections ---------------------------------------------------------------------------------


def test_a_confirmed_log_is_corrected_with_a_new_entry(as_person, log, owner, worker):
    confirm_care_log(worker, log)
    confirm_care_log(owner, log)
    assert as_person(worker).get(url("log_adjust", log)).status_code == 302
    response = as_person(worker).post(
        url("log_correct", log), note_form(log, reason="Forgot the note.")
    )
    correction = CareLog.objects.get(corrects=log)
    assert response["Location"] == url("log", correction)
    html = as_person(owner).get(url("log", correction)).content.decode()
    assert "The earlier log this one corrects" in html and "Yes, confirm the log" in html


# --- Lists ---------------------------------------------------------------------------------------


def test_the_team_logs_are_listed_newest_first_and_filtered(
    as_person, ready_team, owner, worker, coach
):
    older = open_log(ready_team, [worker], start=hours_ago(30), title="Older visit")
    newer = open_log(ready_team, [worker], start=hours_ago(5), title="Newer visit")
    dispute_care_log(owner, older, "No")
    team_url = reverse("visits:team_logs", args=[ready_team.pk])
    html = as_person(coach).get(team_url).content.decode()
    assert html.index("Newer visit") < html.index("Older visit")
    html = as_person(owner).get(team_url + "?status=disputed").content.decode()
    assert "Older visit" in html and "Newer visit" not in html
    assert AuditEvent.objects.filter(action="visits.care_logs_listed", kind="read").count() == 2
    assert newer.pk


def test_the_team_logs_are_paginated(as_person, ready_team, owner, worker):
    for n in range(26):
        ended_visit(ready_team, [worker], start=hours_ago(30 + 2 * n))
    from coopcare.visits.services.care_logs import open_care_logs

    open_care_logs()
    team_url = reverse("visits:team_logs", args=[ready_team.pk])
    html = as_person(owner).get(team_url).content.decode()
    assert "Page 1 of 2" in html and html.count('class="card"') == 25


def test_outsiders_do_not_find_the_team_logs(as_person, ready_team, outsider):
    team_url = reverse("visits:team_logs", args=[ready_team.pk])
    assert as_person(outsider).get(team_url).status_code == 404


def test_my_waiting_logs(as_person, ready_team, log, owner, worker, representative, family):
    waiting = reverse("visits:my_logs")
    assert "Morning visit" in as_person(worker).get(waiting).content.decode()
    assert "Morning visit" in as_person(representative).get(waiting).content.decode()
    assert "Nothing is waiting for you." in as_person(family).get(waiting).content.decode()
    confirm_care_log(representative, log)
    for person in (owner, representative):
        assert "Nothing is waiting" in as_person(person).get(waiting).content.decode()
    assert "Morning visit" in as_person(worker).get(waiting).content.decode()


# --- On the appointment page ---------------------------------------------------------------------


def test_the_appointment_page_shows_the_log_status_and_links_to_it(log, owner):
    html = render_to_string(
        "visits/_appointment_log.html",
        {"appointment": log.appointment, "team": log.team, "viewer": owner},
    )
    assert "Waiting for confirmation" in html and url("log", log) in html


def test_before_the_visit_ends_the_appointment_page_says_a_log_will_open(ready_team, worker):
    appointment = ended_visit(ready_team, [worker], start=hours_ago(-5))
    html = render_to_string(
        "visits/_appointment_log.html",
        {"appointment": appointment, "team": ready_team, "viewer": worker},
    )
    assert "When the visit ends, a care log opens here" in html


def test_the_appointment_page_links_to_its_log(as_person, log, worker):
    page = as_person(worker).get(reverse("visits:appointment", args=[log.appointment_id]))
    assert url("log", log) in page.content.decode()
