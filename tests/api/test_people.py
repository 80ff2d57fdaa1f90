from coopcare.audit.models import AuditEvent
from coopcare.members.models import PrivacyChoice

URL = "/api/people/{}"


def test_it_shows_a_member_only_the_sections_they_may_see(as_token, alice, bob):
    body = as_token(alice).get(URL.format(bob.pk)).json()
    assert body["id"] == bob.pk
    assert body["name"] == "Bob Brierley" and body["pronouns"] == "they/them"
    # Contact details and postcode are for Bob alone by default: not even present as null.
    for hidden in ("email", "phone", "address", "postcode"):
        assert hidden not in body
    assert "contact" not in body["sections"] and "location" not in body["sections"]
    assert body["memberships"][0]["member_class"] == "worker"


def test_it_shows_a_section_once_the_person_shares_it(as_token, alice, bob):
    choice = PrivacyChoice.objects.create(person=bob, section="contact", audience="named")
    choice.named_people.set([alice])
    body = as_token(alice).get(URL.format(bob.pk)).json()
    assert body["email"] == "bob@example.org" and body["phone"]
    assert "contact" in body["sections"]


def test_it_records_the_read_in_the_persons_access_log(as_token, alice, bob):
    as_token(alice).get(URL.format(bob.pk))
    event = AuditEvent.objects.get(kind="read", subject=bob)
    assert event.actor == alice and event.route == f"GET /api/people/{bob.pk}"


def test_it_hides_that_a_non_member_exists_from_another_member(as_token, alice, applicant):
    response = as_token(alice).get(URL.format(applicant.pk))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(kind="read").exists()


def test_it_hides_members_from_someone_who_is_not_a_member(as_person, applicant, alice):
    assert as_person(applicant).get(URL.format(alice.pk)).status_code == 404


def test_it_answers_404_for_nobody(as_token, alice):
    assert as_token(alice).get(URL.format(999999)).status_code == 404


def test_it_shows_me_all_of_myself(as_token, alice):
    body = as_token(alice).get(URL.format(alice.pk)).json()
    assert body["email"] == "alice@example.org" and body["postcode"] == "LS6 1AA"
