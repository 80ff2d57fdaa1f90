"""The notification settings page: immediately, daily digest or never, for each kind."""

from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.notifications.forms import field_name
from coopcare.notifications.kinds import KINDS
from coopcare.notifications.models import NotificationPreference
from coopcare.notifications.services import set_notification_preference

URL = reverse("notifications:preferences")


def _all(delivery: str) -> dict[str, str]:
    return {field_name(kind): delivery for kind in KINDS}


def test_it_sends_a_visitor_to_sign_in(client, db):
    assert client.get(URL).status_code == 302


def test_it_shows_a_radio_group_per_kind_with_the_default_chosen(as_person, alice):
    html = as_person(alice).get(URL).content.decode()
    assert html.count("<fieldset") == len(KINDS)
    assert "A decision on your membership application" in html
    assert html.count("(the default)") == len(KINDS)
    name = field_name("membership.decided")
    assert f'name="{name}" value="immediately" required id="id_{name}_0" checked' in html


def test_it_shows_what_i_chose(as_person, alice):
    set_notification_preference(alice, "membership.decided", "never")
    html = as_person(alice).get(URL).content.decode()
    name = field_name("membership.decided")
    assert f'value="never" required id="id_{name}_2" checked' in html


def test_it_saves_my_choices_and_records_the_change(as_person, alice):
    response = as_person(alice).post(URL, _all("digest"), follow=True)
    assert "Your notification settings are saved." in response.content.decode()
    chosen = dict(
        NotificationPreference.objects.filter(person=alice).values_list("kind", "delivery")
    )
    assert chosen == dict.fromkeys(KINDS, "digest")
    event = AuditEvent.objects.filter(action="notifications.preference_changed").first()
    assert (event.actor, event.subject) == (alice, alice)
    assert event.changes["delivery"][1] == "digest"


def test_it_refuses_a_choice_that_does_not_exist_and_changes_nothing(as_person, alice):
    data = _all("digest") | {field_name("membership.decided"): "carrier-pigeon"}
    response = as_person(alice).post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Select a valid choice" in html
    assert not NotificationPreference.objects.exists()


def test_it_asks_for_every_kind_and_changes_nothing_when_one_is_missing(as_person, alice):
    data = _all("never")
    del data[field_name("membership.ended")]
    response = as_person(alice).post(URL, data)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_it_changes_only_my_own_settings(as_person, alice, bob):
    as_person(alice).post(URL, _all("never"))
    assert not NotificationPreference.objects.filter(person=bob).exists()
