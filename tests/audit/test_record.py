"""record() and record_read(): who did what, to which object, about whom, by which route, why."""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from coopcare.audit.models import AuditEvent
from coopcare.audit.services import diff, record, record_read


def test_it_stores_a_change_with_everything_said_about_it(alice, bob):
    request = RequestFactory().post("/members/profile/")
    event = record(
        "profile.changed",
        actor=alice,
        subject=bob,
        target=bob.profile,
        request=request,
        purpose="Correcting a typo they asked me to fix",
        changes={"pronouns": ["he/him", "they/them"]},
        detail={"section": "name"},
    )
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.kind, event.action) == ("change", "profile.changed")
    assert (event.actor, event.subject) == (alice, bob)
    assert event.target_type == "members.profile"
    assert event.target_id == str(bob.profile.pk)
    assert event.target_repr == "Bob Brierley"
    assert event.route == "POST /members/profile/"
    assert event.purpose == "Correcting a typo they asked me to fix"
    assert event.changes == {"pronouns": ["he/him", "they/them"]}
    assert event.detail == {"section": "name"}
    assert event.at is not None


def test_it_stores_a_read_in_the_access_log_of_the_person_read_about(alice, bob):
    record_read("profile.viewed", actor=alice, subject=bob, target=bob, route="GET /members/7/")
    event = AuditEvent.objects.reads_of(bob).get()
    assert (event.kind, event.action, event.actor) == ("read", "profile.viewed", alice)
    assert event.route == "GET /members/7/"
    assert not AuditEvent.objects.reads_of(alice).exists()


def test_it_records_a_visitor_as_no_actor(db):
    event = record("site.visited", actor=AnonymousUser())
    assert event.actor is None
    assert (event.target_type, event.target_id) == ("", "")


def test_diff_keeps_only_the_fields_that_changed():
    before = {"name": "Al", "phone": "1", "postcode": "LS6"}
    after = {"name": "Alice", "phone": "1", "postcode": "LS7"}
    assert diff(before, after) == {"name": ["Al", "Alice"], "postcode": ["LS6", "LS7"]}
