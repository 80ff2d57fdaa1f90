"""Saving, creating and deleting through the admin writes audit events with the diff."""

from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.circles.models import HatType
from coopcare.members.models import PrivacyChoice, Profile, User
from coopcare.notifications.models import Notification


def _profile_form(profile: Profile, **changes) -> dict:
    data = {
        "person": profile.person_id,
        "name": profile.name,
        "pronouns": profile.pronouns,
        "phone": profile.phone,
        "address": profile.address,
        "postcode": profile.postcode,
        "languages": profile.languages,
        "communication_needs": profile.communication_needs,
    }
    return data | changes


def test_it_records_a_change_with_the_before_and_after(as_person, admin, alice):
    profile = alice.profile
    url = reverse("admin:members_profile_change", args=[profile.pk])
    response = as_person(admin).post(url, _profile_form(profile, pronouns="she/her"))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.pronouns == "she/her"
    event = AuditEvent.objects.get(action="admin.profile.changed")
    assert (event.kind, event.actor, event.subject) == ("change", admin, alice)
    assert event.changes["pronouns"] == ["they/them", "she/her"]
    assert "name" not in event.changes
    assert event.purpose == "administration"


def test_it_changes_nothing_and_records_nothing_when_the_form_is_wrong(as_person, admin, alice):
    url = reverse("admin:members_profile_change", args=[alice.profile.pk])
    response = as_person(admin).post(url, _profile_form(alice.profile, person=""))
    assert response.status_code == 200
    assert not AuditEvent.objects.filter(kind="change").exists()


def test_it_records_many_to_many_changes_as_ids(as_person, admin, alice, bob):
    choice = PrivacyChoice.objects.create(person=alice, section="contact", audience="named")
    url = reverse("admin:members_privacychoice_change", args=[choice.pk])
    data = {
        "person": alice.pk,
        "section": "contact",
        "audience": "named",
        "named_people": str(bob.pk),
    }
    assert as_person(admin).post(url, data).status_code == 302
    event = AuditEvent.objects.get(action="admin.privacychoice.changed")
    assert event.changes["named_people"] == [[], [bob.pk]]
    assert set(event.changes) <= {"named_people", "updated_at"}


def test_it_records_a_creation(as_person, admin):
    url = reverse("admin:circles_hattype_add")
    data = {"slug": "gardener", "name": "Gardener", "scope": "team", "default_term_months": 6}
    assert as_person(admin).post(url, data).status_code == 302
    hat_type = HatType.objects.get(slug="gardener")
    event = AuditEvent.objects.get(action="admin.hattype.created")
    assert event.target_id == str(hat_type.pk)
    assert event.changes["name"] == [None, "Gardener"]
    assert event.subject is None


def test_it_records_a_new_person_without_their_password_and_gives_them_a_profile(as_person, admin):
    url = reverse("admin:members_user_add")
    data = {
        "email": "New.Person@Example.org",
        "usable_password": "true",
        "password1": "a long enough passphrase",
        "password2": "a long enough passphrase",
    }
    assert as_person(admin).post(url, data).status_code == 302
    person = User.objects.get(email="new.person@example.org")
    assert Profile.objects.filter(person=person).exists()
    event = AuditEvent.objects.get(action="admin.user.created")
    assert event.subject == person
    assert event.changes["password"] == ["[redacted]", "[redacted]"]
    assert "a long enough passphrase" not in str(event.changes)


def test_it_records_setting_a_persons_password_but_not_the_password(as_person, admin, alice):
    url = reverse("admin:auth_user_password_change", args=[alice.pk])
    data = {"password1": "another good passphrase", "password2": "another good passphrase"}
    assert as_person(admin).post(url, data).status_code == 302
    event = AuditEvent.objects.get(action="admin.user.password_set")
    assert (event.actor, event.subject) == (admin, alice)
    assert "another good passphrase" not in str(event.changes) + str(event.detail)


def test_it_records_a_deletion_with_the_last_values(as_person, admin, alice):
    notification = Notification.objects.create(
        recipient=alice, kind="membership.decided", title="Sent in error"
    )
    url = reverse("admin:notifications_notification_delete", args=[notification.pk])
    assert as_person(admin).post(url, {"post": "yes"}).status_code == 302
    assert not Notification.objects.exists()
    event = AuditEvent.objects.get(action="admin.notification.deleted")
    assert (event.subject, event.target_id) == (alice, str(notification.pk))
    assert event.changes["title"] == ["Sent in error", None]


def test_it_records_each_object_of_a_bulk_deletion(as_person, admin, alice, bob):
    ids = [
        Notification.objects.create(recipient=p, kind="membership.decided", title="x").pk
        for p in (alice, bob)
    ]
    url = reverse("admin:notifications_notification_changelist")
    data = {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    assert as_person(admin).post(url, data).status_code == 302
    assert not Notification.objects.exists()
    events = AuditEvent.objects.filter(action="admin.notification.deleted")
    assert {e.subject for e in events} == {alice, bob}


def test_it_records_a_person_as_the_subject_when_their_account_is_opened(as_person, admin, alice):
    response = as_person(admin).get(reverse("admin:members_user_change", args=[alice.pk]))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="admin.user.viewed")
    assert (event.kind, event.subject) == ("read", alice)


def test_it_records_reverting_to_an_earlier_version(as_person, admin, alice):
    profile = alice.profile
    first = profile.history.earliest()
    profile.pronouns = "he/him"
    profile.save()
    url = reverse("admin:members_profile_simple_history", args=[profile.pk, first.history_id])
    client = as_person(admin)
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(action="admin.profile.history_viewed", subject=alice).exists()
    assert client.post(url, _profile_form(first.instance)).status_code == 302
    profile.refresh_from_db()
    assert profile.pronouns == "they/them"
    event = AuditEvent.objects.get(action="admin.profile.changed")
    assert event.changes["pronouns"] == ["he/him", "they/them"]
