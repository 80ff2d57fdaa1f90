"""services.getting: adding, changing and removing key contacts, with their consent."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.supportprofiles.models import KeyContact, ProfileSection
from coopcare.supportprofiles.sections import Audience, Section
from coopcare.supportprofiles.services.contacts import (
    add_key_contact,
    change_key_contact,
    remove_key_contact,
)

GP = {"name": "Dr Amir Shah", "relationship": "GP", "how_to_reach": "0113 496 0000"}


def test_it_adds_a_contact_not_yet_agreed_to_be_listed(team, owner):
    contact = add_key_contact(owner, team, GP)
    assert (contact.name, contact.agreed_to_be_listed) == ("Dr Amir Shah", False)
    event = AuditEvent.objects.get(action="support_profile.contact_added")
    assert event.detail["contact"] == contact.pk
    assert "Amir" not in str(event.detail)  # a third party's details stay out of the log


@pytest.mark.parametrize("missing", ["name", "relationship", "how_to_reach"])
def test_it_needs_a_name_a_relationship_and_a_way_to_reach_them(team, owner, missing):
    with pytest.raises(DomainError) as refused:
        add_key_contact(owner, team, {**GP, missing: "  "})
    assert refused.value.field == missing
    assert not KeyContact.objects.exists()


def test_it_refuses_unknown_fields(team, owner):
    with pytest.raises(DomainError):
        add_key_contact(owner, team, {**GP, "date_of_birth": "1950-01-01"})
    assert not KeyContact.objects.exists()


def test_it_lets_the_profile_holder_add_contacts_once_the_section_is_shared(
    team, profile_holder, share
):
    with pytest.raises(NotAllowed):
        add_key_contact(profile_holder, team, GP)
    share(Section.KEY_CONTACTS, Audience.TEAM)
    assert add_key_contact(profile_holder, team, GP).pk


@pytest.mark.parametrize("persona", ["worker", "family", "limited_rep", "outsider"])
def test_it_refuses_people_who_do_not_write_the_profile(request, team, share, persona):
    share(Section.KEY_CONTACTS, Audience.TEAM)
    with pytest.raises(NotAllowed):
        add_key_contact(request.getfixturevalue(persona), team, GP)
    assert not KeyContact.objects.exists()


def test_it_keeps_a_contact_who_has_not_agreed_from_the_profile_holder(
    team, owner, profile_holder, share
):
    share(Section.KEY_CONTACTS, Audience.TEAM)
    contact = add_key_contact(owner, team, GP)
    with pytest.raises(NotAllowed):
        change_key_contact(profile_holder, contact, {"name": "Someone else"})
    with pytest.raises(NotAllowed):
        remove_key_contact(profile_holder, contact)
    assert KeyContact.objects.get().name == "Dr Amir Shah"


def test_it_records_the_consent_and_who_changed_it(team, owner, representative):
    contact = add_key_contact(owner, team, GP)
    change_key_contact(representative, contact, {"agreed_to_be_listed": True})
    contact.refresh_from_db()
    assert contact.agreed_to_be_listed
    event = AuditEvent.objects.get(action="support_profile.contact_changed")
    assert (event.detail["fields"], event.detail["on_behalf_of"]) == (
        ["agreed_to_be_listed"],
        owner.pk,
    )
    row = ProfileSection.objects.get(section=Section.KEY_CONTACTS)
    assert (row.changed_by, row.changed_on_behalf_of) == (representative, owner)


def test_it_refuses_consent_that_is_not_a_yes_or_no(team, owner):
    contact = add_key_contact(owner, team, GP)
    with pytest.raises(DomainError):
        change_key_contact(owner, contact, {"agreed_to_be_listed": "maybe"})
    contact.refresh_from_db()
    assert not contact.agreed_to_be_listed


def test_it_removes_a_contact_and_keeps_its_history(team, owner):
    contact = add_key_contact(owner, team, GP)
    remove_key_contact(owner, contact)
    assert not KeyContact.objects.exists()
    assert KeyContact.history.filter(history_type="-", name="Dr Amir Shah").exists()
    assert AuditEvent.objects.filter(action="support_profile.contact_removed").exists()
