"""The public enquiry form: /start/enquiry/."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.notifications.models import Notification
from coopcare.starting import spam
from coopcare.starting.models import Enquiry
from tests.starting.conftest import enquiry_data

URL = reverse("starting:enquiry")


def test_it_shows_the_form_to_anyone_without_an_account(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ask about support" in page
    assert 'name="started"' in page
    assert 'name="website"' in page


def test_it_saves_an_anonymous_enquiry_and_says_what_happens_next(client, team_starter):
    response = client.post(URL, enquiry_data(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("starting:enquiry_thanks")
    assert "What happens next" in response.content.decode()
    assert "We have sent you an email" in response.content.decode()
    enquiry = Enquiry.objects.get()
    assert enquiry.channel == Enquiry.Channel.WEB
    assert enquiry.entered_by is None
    assert enquiry.local_circle is None
    assert enquiry.postcode == "LS6 1AA"
    assert enquiry.support_kinds == ["companionship", "practical"]
    assert AuditEvent.objects.filter(action="starting.enquiry_received").count() == 1


def test_it_emails_the_enquirer_a_confirmation(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, enquiry_data())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["priya@example.org"]
    assert "What happens next" in mail.outbox[0].body


def test_it_sends_no_email_when_only_a_phone_number_is_given(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, enquiry_data(email="", phone="07700 900123"), follow=True)
    assert Enquiry.objects.count() == 1
    assert mail.outbox == []
    assert "We have sent you an email" not in response.content.decode()


def test_it_tells_every_team_starter_about_an_unassigned_enquiry(client, team_starter):
    client.post(URL, enquiry_data())
    assert Notification.objects.filter(
        recipient=team_starter, kind="starting.enquiry_received"
    ).exists()


def test_it_refuses_a_filled_in_honeypot_and_saves_nothing(client, db):
    response = client.post(URL, enquiry_data(website="http://spam.example"))
    assert response.status_code == 200
    assert "We could not accept this form" in response.content.decode()
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


def test_it_refuses_a_form_sent_too_fast_and_saves_nothing(client, db):
    response = client.post(URL, enquiry_data(started=spam.started_token(time.time())))
    assert "We could not accept this form" in response.content.decode()
    assert Enquiry.objects.count() == 0


@pytest.mark.parametrize("started", ["", "not-a-token", "123.0:forged"])
def test_it_refuses_a_missing_or_forged_timestamp(client, db, started):
    client.post(URL, enquiry_data(started=started))
    assert Enquiry.objects.count() == 0


def test_it_refuses_a_timestamp_older_than_a_day(client, db):
    client.post(URL, enquiry_data(started=spam.started_token(time.time() - 2 * 86400)))
    assert Enquiry.objects.count() == 0


def test_it_limits_enquiries_from_one_address_per_hour(client, db, settings):
    settings.STARTING_ENQUIRIES_PER_HOUR = 2
    for _ in range(2):
        assert client.post(URL, enquiry_data()).status_code == 302
    response = client.post(URL, enquiry_data())
    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert Enquiry.objects.count() == 2


def test_it_counts_each_address_separately(client, db, settings):
    settings.STARTING_ENQUIRIES_PER_HOUR = 1
    assert client.post(URL, enquiry_data()).status_code == 302
    other = client.post(URL, enquiry_data(), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302
    assert Enquiry.objects.count() == 2


def test_it_does_not_count_refused_forms_against_the_limit(client, db, settings):
    settings.STARTING_ENQUIRIES_PER_HOUR = 1
    client.post(URL, enquiry_data(needs=""))
    assert client.post(URL, enquiry_data()).status_code == 302


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"needs": ""}, "This field is required"),
        ({"email": "", "phone": ""}, "Give an email address or a phone number"),
        ({"support_kinds": [], "other_help": ""}, "Tick the kinds of help needed"),
        ({"postcode": "nowhere"}, "Enter a UK postcode"),
        ({"person_name": ""}, "Enter the name of the person who would get support"),
        ({"for_whom": "referral", "organisation": ""}, "Enter the organisation"),
        ({"funding": "mixed"}, "Select a valid choice"),
    ],
)
def test_it_explains_bad_input_and_saves_nothing(client, db, overrides, message):
    response = client.post(URL, enquiry_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


def test_it_keeps_the_original_timestamp_when_showing_errors(client, db):
    data = enquiry_data(needs="")
    response = client.post(URL, data)
    assert f'value="{data["started"]}"' in response.content.decode()


def test_it_accepts_an_enquiry_for_myself_without_another_name(client, db):
    client.post(URL, enquiry_data(for_whom="self", person_name=""))
    enquiry = Enquiry.objects.get()
    assert enquiry.name_of_person == "Priya Patel"
