"""The team's Getting Support Profile page: /support-profiles/team/<team_id>/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.audit.models import AuditEvent
from coopcare.members.directory import reads_of
from coopcare.supportprofiles.sections import Audience, Section
from coopcare.supportprofiles.services.contacts import add_key_contact
from coopcare.supportprofiles.services.getting import update_getting_section

SECRET = "DNACPR form in the kitchen drawer"


def url(team) -> str:
    return f"/support-profiles/team/{team.pk}/"


@pytest.fixture
def written(owner, team):
    update_getting_section(owner, team, Section.ABOUT_ME, {"about_me": "I love brass bands."})
    update_getting_section(owner, team, Section.ESSENTIALS, {"advance_decisions": SECRET})
    return team


def test_it_shows_the_owner_every_section_and_the_audience_choices(as_person, owner, written):
    html = as_person(owner).get(url(written)).content.decode()
    assert "I love brass bands." in html
    assert SECRET in html
    assert "Choose who can see each section" in html
    assert html.count('class="section-block"') == len(Section)


def test_it_shows_a_worker_in_the_team_only_what_is_shared_with_the_team(
    as_person, worker, written
):
    response = as_person(worker).get(url(written))
    html = response.content.decode()
    assert response.status_code == 200
    assert "I love brass bands." in html
    assert SECRET not in html
    assert "Essentials" not in html
    assert "Choose who can see each section" not in html
    assert "/sections/about_me/" not in html  # a worker does not write the profile


def test_it_shows_the_team_starter_only_sections_shared_with_them(
    as_person, team_starter, written, share
):
    html = as_person(team_starter).get(url(written)).content.decode()
    assert "Nothing in this profile has been shared with you." in html
    share(Section.ESSENTIALS, Audience.TEAM_AND_SUPPORTERS)
    html = as_person(team_starter).get(url(written)).content.decode()
    assert SECRET in html
    assert "I love brass bands." not in html


@pytest.mark.parametrize("persona", ["outsider", "expired_rep", "bob", "dan", "admin"])
def test_it_is_not_found_for_anyone_who_cannot_see_the_team(request, as_person, written, persona):
    person = request.getfixturevalue(persona)
    assert as_person(person).get(url(written)).status_code == 404


def test_it_sends_someone_signed_out_to_sign_in(client, written):
    response = client.get(url(written))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_is_not_found_for_a_team_that_does_not_exist(as_person, owner, team):
    assert as_person(owner).get(f"/support-profiles/team/{team.pk + 999}/").status_code == 404


def test_it_writes_a_read_by_a_team_member_to_the_owners_access_log(
    as_person, owner, worker, written
):
    as_person(worker).get(url(written))
    event = reads_of(owner).get()
    assert event.actor == worker
    assert event.action == "support_profile.viewed"
    assert event.detail["sections"] == ["support_profile.about_me"]  # the one with content
    assert event.route == f"GET {url(written)}"


@pytest.mark.parametrize("persona", ["owner", "representative"])
def test_it_does_not_log_reads_by_the_owner_side(request, as_person, owner, written, persona):
    as_person(request.getfixturevalue(persona)).get(url(written))
    assert not AuditEvent.objects.filter(kind="read").exists()


def test_it_logs_a_read_by_a_representative_without_the_profile_scope(
    as_person, owner, limited_rep, written
):
    as_person(limited_rep).get(url(written))
    assert reads_of(owner).get().actor == limited_rep


def test_it_logs_nothing_when_nothing_shared_has_content(as_person, owner, worker, team):
    as_person(worker).get(url(team))
    assert not reads_of(owner).exists()


def test_it_says_who_changed_a_section_and_on_whose_behalf(as_person, worker, representative, team):
    update_getting_section(representative, team, Section.ABOUT_ME, {"about_me": "Hello."})
    html = as_person(worker).get(url(team)).content.decode()
    assert "Last changed by Rhys Roberts on behalf of Olive Oyelaran on" in html


def test_it_shows_contacts_without_consent_to_the_owner_side_only(
    as_person, owner, representative, worker, team, share
):
    share(Section.KEY_CONTACTS, Audience.TEAM)
    add_key_contact(
        owner,
        team,
        {
            "name": "Dr Amir Shah",
            "relationship": "GP",
            "how_to_reach": "0113 496 0000",
            "agreed_to_be_listed": True,
        },
    )
    add_key_contact(
        owner, team, {"name": "Sam Oyelaran", "relationship": "Son", "how_to_reach": "07700 900456"}
    )
    worker_html = as_person(worker).get(url(team)).content.decode()
    assert "Dr Amir Shah" in worker_html
    assert "Sam Oyelaran" not in worker_html
    for person in (owner, representative):
        html = as_person(person).get(url(team)).content.decode()
        assert "Sam Oyelaran" in html
        assert "Not agreed to be listed yet" in html


def _count(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx), "\n".join(q["sql"] for q in ctx.captured_queries)


def _add_contacts(owner, team, how_many: int) -> None:
    for n in range(how_many):
        add_key_contact(
            owner,
            team,
            {
                "name": f"Contact {n}",
                "relationship": "Friend",
                "how_to_reach": "By phone",
                "agreed_to_be_listed": True,
            },
        )


@pytest.mark.parametrize("persona", ["owner", "worker"])
def test_its_query_count_does_not_grow_with_contacts_or_named_people(
    request, as_person, owner, team, worker, family, profile_holder, share, persona
):
    client = as_person(request.getfixturevalue(persona))
    share(Section.KEY_CONTACTS, Audience.TEAM)
    share(Section.WELLBEING, Audience.NAMED, [worker])
    _add_contacts(owner, team, 1)
    small, _sql = _count(client, url(team))
    share(Section.WELLBEING, Audience.NAMED, [worker, family, profile_holder])
    share(Section.ESSENTIALS, Audience.NAMED, [worker, family])
    _add_contacts(owner, team, 12)
    large, sql = _count(client, url(team))
    assert large == small, sql


def test_it_shows_the_read_on_the_owners_who_has_viewed_my_data_page(
    as_person, owner, worker, written
):
    as_person(worker).get(url(written))
    html = as_person(owner).get("/members/privacy/").content.decode()
    views = html[html.index('id="views"') :]
    assert "Wren Walker" in views
    assert url(written) in views


def test_it_does_not_tell_a_representative_without_the_profile_scope_they_act_here(
    as_person, limited_rep, representative, team
):
    banner = "You are acting on behalf of Olive Oyelaran."
    assert banner not in as_person(limited_rep).get(url(team)).content.decode()
    assert banner in as_person(representative).get(url(team)).content.decode()
