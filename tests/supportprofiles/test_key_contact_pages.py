"""Key contact pages: add, change and remove (with a confirmation page)."""

import pytest

from coopcare.supportprofiles.models import KeyContact
from coopcare.supportprofiles.sections import Audience, Section
from coopcare.supportprofiles.services.contacts import add_key_contact

GP = {"name": "Dr Amir Shah", "relationship": "GP", "how_to_reach": "0113 496 0000"}


def base(team) -> str:
    return f"/support-profiles/team/{team.pk}/contacts/"


def test_it_adds_a_contact_from_the_form(as_person, owner, team):
    client = as_person(owner)
    assert client.get(base(team) + "add/").status_code == 200
    response = client.post(base(team) + "add/", {**GP, "agreed_to_be_listed": "on"})
    assert response.status_code == 302
    assert response["Location"].endswith("#section-key_contacts")
    assert KeyContact.objects.get().agreed_to_be_listed


def test_it_lists_what_is_missing_and_adds_nothing(as_person, owner, team):
    response = as_person(owner).post(base(team) + "add/", {"name": "Dr Amir Shah"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_relationship"' in html
    assert 'href="#id_how_to_reach"' in html
    assert not KeyContact.objects.exists()


def test_it_changes_a_contact(as_person, owner, team):
    contact = add_key_contact(owner, team, GP)
    client = as_person(owner)
    assert 'value="Dr Amir Shah"' in client.get(f"{base(team)}{contact.pk}/").content.decode()
    response = client.post(f"{base(team)}{contact.pk}/", {**GP, "how_to_reach": "Surgery"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.how_to_reach == "Surgery"


def test_it_asks_before_removing_a_contact(as_person, owner, team):
    contact = add_key_contact(owner, team, GP)
    client = as_person(owner)
    page = client.get(f"{base(team)}{contact.pk}/remove/")
    assert "Remove Dr Amir Shah from the key contacts?" in page.content.decode()
    assert KeyContact.objects.exists()
    assert client.post(f"{base(team)}{contact.pk}/remove/").status_code == 302
    assert not KeyContact.objects.exists()


def test_it_hides_a_contact_who_has_not_agreed_from_the_profile_holder(
    as_person, owner, profile_holder, team, share
):
    share(Section.KEY_CONTACTS, Audience.TEAM)
    contact = add_key_contact(owner, team, GP)
    client = as_person(profile_holder)
    assert client.get(base(team) + "add/").status_code == 200
    assert client.get(f"{base(team)}{contact.pk}/").status_code == 404
    assert client.post(f"{base(team)}{contact.pk}/remove/").status_code == 404
    assert KeyContact.objects.exists()


@pytest.mark.parametrize("persona", ["worker", "family"])
def test_it_forbids_team_members_who_can_see_but_not_write(
    request, as_person, owner, team, share, persona
):
    share(Section.KEY_CONTACTS, Audience.TEAM)
    contact = add_key_contact(owner, team, {**GP, "agreed_to_be_listed": True})
    client = as_person(request.getfixturevalue(persona))
    assert client.get(base(team) + "add/").status_code == 403
    assert client.post(f"{base(team)}{contact.pk}/", {**GP, "name": "X"}).status_code == 403
    assert client.post(f"{base(team)}{contact.pk}/remove/").status_code == 403
    assert KeyContact.objects.get().name == "Dr Amir Shah"


@pytest.mark.parametrize("persona", ["outsider", "expired_rep", "bob"])
def test_it_is_not_found_outside_the_team(request, as_person, owner, team, persona):
    contact = add_key_contact(owner, team, {**GP, "agreed_to_be_listed": True})
    client = as_person(request.getfixturevalue(persona))
    assert client.get(base(team) + "add/").status_code == 404
    assert client.post(f"{base(team)}{contact.pk}/remove/").status_code == 404
    assert KeyContact.objects.exists()


def test_it_does_not_reach_a_contact_through_another_team(
    as_person, owner, team, alice, leeds_circle
):
    from coopcare.teams.services.starting import start_team

    other = start_team(None, alice, leeds_circle)
    contact = add_key_contact(owner, team, GP)
    assert (
        as_person(alice)
        .get(f"/support-profiles/team/{other.pk}/contacts/{contact.pk}/")
        .status_code
        == 404
    )
