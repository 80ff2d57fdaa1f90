"""/members/privacy/ and the set_privacy_choice service."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.members.models import Audience, PrivacyChoice, Section
from coopcare.members.services.profiles import read_person, set_privacy_choice
from tests.factories import CircleMembershipFactory, MembershipFactory, UserFactory

URL = "/members/privacy/"


def _post(client, section: str, **fields):
    data = {"section": section}
    data.update({f"{section}-{name}": value for name, value in fields.items()})
    return client.post(URL, data)


def test_it_sends_anonymous_people_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_shows_each_section_with_its_default_and_who_can_see_it(as_person, alice, bob, dan):
    response = as_person(alice).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    for section in Section:
        assert f'id="section-{section.value}"' in html
    assert "(the default: you have not chosen yet)" in html
    assert "Only you." in html  # contact details and postcode default to the person only
    assert "You and the 1 other member of Leeds Circle." in html  # membership: bob
    assert "You and all 2 other members of the co-op." in html  # names: bob and dan


def test_it_lets_an_applicant_see_their_choices(as_person, applicant):
    response = as_person(applicant).get(URL)
    assert response.status_code == 200
    assert "you are not a member" in response.content.decode()


def test_it_changes_the_audience_of_a_section(as_person, alice, bob):
    client = as_person(alice)
    response = _post(client, "location", audience="circle")
    assert response.status_code == 302
    assert response["Location"] == "/members/privacy/#section-location"
    choice = PrivacyChoice.objects.get(person=alice, section="location")
    assert choice.audience == Audience.CIRCLE
    event = AuditEvent.objects.get(action="privacy.changed")
    assert event.subject == alice and event.actor == alice
    assert event.changes == {"audience": ["only_me", "circle"]}
    assert event.detail == {"section": "location"}
    page = client.get(URL).content.decode()
    assert "Saved: who can see “Postcode”." in page
    assert "You and the 1 other member of Leeds Circle." in page


def test_it_names_people_from_the_list_and_by_email(as_person, alice, bob, dan):
    client = as_person(alice)
    response = _post(
        client, "contact", audience="named", named_people=[bob.pk], named_email="DAN@example.org"
    )
    assert response.status_code == 302
    choice = PrivacyChoice.objects.get(person=alice, section="contact")
    assert set(choice.named_people.all()) == {bob, dan}
    assert AuditEvent.objects.get(action="privacy.changed").changes["named_people"] == [
        [],
        sorted([bob.pk, dan.pk]),
    ]
    html = client.get(URL).content.decode()
    assert "You and 2 people you named: Bob Brierley, Dan Dewhurst." in html


def test_it_offers_circle_mates_to_name_but_not_other_people(as_person, alice, bob, dan):
    html = as_person(alice).get(URL).content.decode()
    assert f'name="contact-named_people" value="{bob.pk}"' in html
    assert f'name="contact-named_people" value="{dan.pk}"' not in html


def test_it_labels_each_person_offered_and_marks_them_when_the_choice_is_wrong(
    as_person, alice, bob
):
    client = as_person(alice)
    option = (
        '<label for="id_contact-named_people_0"><input type="checkbox" '
        f'name="contact-named_people" value="{bob.pk}"{{invalid}} '
        'id="id_contact-named_people_0"> Bob Brierley</label>'
    )
    assert option.format(invalid="") in client.get(URL).content.decode()
    html = _post(client, "contact", audience="named").content.decode()
    assert option.format(invalid=' aria-invalid="true"') in html
    assert 'aria-describedby="id_contact-named_people_hint id_contact-named_people_error"' in html


def test_it_counts_only_open_accounts_of_current_members_as_able_to_see(
    as_person, alice, bob, dan, leeds_circle
):
    closed = UserFactory(is_active=False)
    MembershipFactory(person=closed)
    CircleMembershipFactory(person=closed, circle=leeds_circle)
    former = UserFactory()
    MembershipFactory(person=former, ended_at=timezone.now())
    CircleMembershipFactory(person=former, circle=leeds_circle)
    html = as_person(alice).get(URL).content.decode()
    assert "You and the 1 other member of Leeds Circle." in html  # bob
    assert "You and all 2 other members of the co-op." in html  # bob and dan


def test_it_clears_named_people_when_the_audience_changes(alice, bob):
    set_privacy_choice(alice, alice, "contact", "named", [bob])
    choice = set_privacy_choice(alice, alice, "contact", "circle", [bob])
    assert list(choice.named_people.all()) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"audience": "named"}, "Choose at least one person"),
        ({"audience": "everyone"}, "Select a valid choice"),
        ({"audience": "named", "named_email": "nobody@example.org"}, "could not find anyone"),
        ({"audience": "named", "named_email": "alice@example.org"}, "You can always see"),
        ({"audience": "named", "named_email": "not an email"}, "Enter a valid email"),
        ({"audience": "named", "named_people": ["999999"]}, "Select a valid choice"),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(as_person, alice, bob, fields, message):
    response = _post(as_person(alice), "contact", **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert not PrivacyChoice.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_refuses_a_section_that_does_not_exist(as_person, alice):
    response = _post(as_person(alice), "shoe_size", audience="members")
    assert response.status_code == 400
    assert not PrivacyChoice.objects.exists()


def test_it_refuses_to_let_someone_change_another_persons_choices(alice, bob):
    with pytest.raises(NotAllowed):
        set_privacy_choice(bob, alice, "contact", "members")
    assert not PrivacyChoice.objects.exists()


def test_it_refuses_to_name_an_inactive_account(alice):
    gone = UserFactory(is_active=False)
    with pytest.raises(DomainError) as caught:
        set_privacy_choice(alice, alice, "contact", "named", [gone.pk])
    assert caught.value.field == "named_people"
    assert not PrivacyChoice.objects.exists()


def test_it_shows_who_has_viewed_my_data(as_person, alice, bob):
    set_privacy_choice(alice, alice, "contact", "circle")
    assert as_person(bob).get(f"/members/{alice.pk}/").status_code == 200
    html = as_person(alice).get(URL).content.decode()
    views = html[html.index('id="views"') :]
    assert "Bob Brierley" in views
    assert f"GET /members/{alice.pk}/" in views
    assert "Contact details (email, phone, address)" in views
    only_contact = as_person(alice).get(URL + "?viewed=contact").content.decode()
    assert "Bob Brierley" in only_contact[only_contact.index('id="views"') :]
    only_hats = as_person(alice).get(URL + "?viewed=location").content.decode()
    assert "Nobody else has viewed that part of your data." in only_hats


def test_it_does_not_show_other_peoples_access_logs(as_person, alice, bob, dan):
    read_person(dan, bob)
    html = as_person(alice).get(URL).content.decode()
    assert "Nobody else has viewed your data yet." in html
    assert "Dan Dewhurst" not in html


def _count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_its_query_count_does_not_grow_with_views_or_members(as_person, alice, bob, leeds_circle):
    set_privacy_choice(alice, alice, "contact", "named", [bob])
    client = as_person(alice)
    read_person(bob, alice)
    few = _count_queries(client)
    for _ in range(30):
        viewer = UserFactory()
        MembershipFactory(person=viewer)
        CircleMembershipFactory(person=viewer, circle=leeds_circle)
        read_person(viewer, alice)
    assert _count_queries(client) == few


@pytest.mark.parametrize("named", [[10**30], ["bob"], [True], [-3], [0]])
def test_it_refuses_ids_that_are_not_people(alice, named):
    with pytest.raises(DomainError):
        set_privacy_choice(alice, alice, "contact", "named", named)
    assert not PrivacyChoice.objects.exists()
