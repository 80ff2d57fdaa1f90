"""services.giving.update_giving_profile: a person's own Giving Support Profile."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.members.models import MemberClass
from coopcare.supportprofiles.models import GivingSupportProfile
from coopcare.supportprofiles.services.giving import update_giving_profile
from tests.factories import MembershipFactory, UserFactory

FULL = {
    "about_me": "Retired nurse who loves a good chat.",
    "based_in": "Headingley",
    "postcode": "ls6 1aa",
    "is_driver": True,
    "support_kinds": ["companionship", "personal_care"],
    "hourly_rate_pence": 2155,
    "experience_years": 12,
    "skills": ["end_of_life", "dementia"],
    "other_skills": "Makaton",
    "languages": "English, Urdu",
    "availability": ["tuesday-evening", "monday-morning"],
    "travel_miles": 5,
    "minimum_booking_minutes": 60,
    "open_to_new_owners": True,
    "scale_conversation": 1,
}


def test_it_creates_the_profile_on_first_save(worker):
    profile = update_giving_profile(worker, worker, FULL)
    profile.refresh_from_db()
    assert profile.postcode == "LS6 1AA"
    assert profile.hourly_rate_pence == 2155
    assert profile.support_kinds == ["personal_care", "companionship"]  # in the order offered
    assert profile.skills == ["dementia", "end_of_life"]
    assert profile.availability == ["monday-morning", "tuesday-evening"]
    assert profile.scale_conversation == 1
    event = AuditEvent.objects.get(action="giving_profile.created")
    assert (event.actor, event.subject) == (worker, worker)


def test_it_changes_only_the_fields_given(worker):
    update_giving_profile(worker, worker, FULL)
    update_giving_profile(worker, worker, {"travel_miles": 8})
    profile = GivingSupportProfile.objects.get(person=worker)
    assert (profile.travel_miles, profile.about_me) == (8, FULL["about_me"])
    assert AuditEvent.objects.get(action="giving_profile.changed").changes == {
        "travel_miles": [5, 8]
    }


def test_it_accepts_just_the_postcode_district(worker):
    assert update_giving_profile(worker, worker, {"postcode": " ls6 "}).postcode == "LS6"


def test_it_refuses_personal_care_or_medicines_from_a_volunteer(volunteer):
    for kind in ("personal_care", "medicines"):
        with pytest.raises(DomainError) as refused:
            update_giving_profile(volunteer, volunteer, {"support_kinds": ["companionship", kind]})
        assert refused.value.field == "support_kinds"
        assert "Volunteers do not give personal care" in refused.value.message
    assert not GivingSupportProfile.objects.exists()


def test_it_welcomes_a_volunteers_other_support(volunteer):
    profile = update_giving_profile(volunteer, volunteer, {"support_kinds": ["companionship"]})
    assert profile.support_kinds == ["companionship"]


def test_it_refuses_a_rate_from_someone_who_is_not_an_independent_worker(volunteer, db):
    supported = UserFactory()
    MembershipFactory(person=supported, member_class=MemberClass.SUPPORTED, worker_kind="")
    for person in (volunteer, supported):
        with pytest.raises(DomainError) as refused:
            update_giving_profile(person, person, {"hourly_rate_pence": 2000})
        assert refused.value.field == "hourly_rate_pence"
    assert not GivingSupportProfile.objects.exists()


def test_it_refuses_anyone_changing_someone_elses_profile(worker, owner):
    with pytest.raises(NotAllowed):
        update_giving_profile(owner, worker, {"about_me": "Not mine"})
    assert not GivingSupportProfile.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"postcode": "not a postcode"}, "postcode"),
        ({"hourly_rate_pence": 0}, "hourly_rate_pence"),
        ({"hourly_rate_pence": 50_001}, "hourly_rate_pence"),
        ({"hourly_rate_pence": 21.5}, "hourly_rate_pence"),
        ({"hourly_rate_pence": "2150"}, "hourly_rate_pence"),
        ({"experience_years": -1}, "experience_years"),
        ({"travel_miles": 501}, "travel_miles"),
        ({"minimum_booking_minutes": 5}, "minimum_booking_minutes"),
        ({"support_kinds": ["gardening"]}, "support_kinds"),
        ({"skills": "dementia"}, "skills"),
        ({"availability": ["funday-morning"]}, "availability"),
        ({"is_driver": "yes"}, "is_driver"),
        ({"open_to_new_owners": None}, "open_to_new_owners"),
        ({"scale_tidiness": 0}, "scale_tidiness"),
        ({"about_me": "x" * 5001}, "about_me"),
        ({"languages": "a\x00b"}, "languages"),
        ({"person": 1}, "person"),
    ],
)
def test_it_refuses_bad_input_with_a_message_and_changes_nothing(worker, data, field):
    with pytest.raises(DomainError) as refused:
        update_giving_profile(worker, worker, {"about_me": "Hello", **data})
    assert refused.value.field == field
    assert refused.value.message
    assert not GivingSupportProfile.objects.exists()
