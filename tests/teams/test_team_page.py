"""The team page: who may see it, what each person sees there, and a query count that stays flat."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coopcare.members.models import PrivacyChoice
from coopcare.teams.models import Invitation, TeamMember
from coopcare.teams.services.membership import invite_member, request_to_join
from tests.factories import HatFactory, UserFactory, hat_type
from tests.teams.conftest import make_representative


def url(team) -> str:
    return reverse("teams:detail", args=[team.pk])


def test_an_outsider_gets_404(as_person, team, outsider, bob, stranger):
    for person in (outsider, bob, stranger):
        assert as_person(person).get(url(team)).status_code == 404


def test_an_unknown_team_is_404_as_well(as_person, owner):
    assert as_person(owner).get(reverse("teams:detail", args=[9999])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, team):
    response = client.get(url(team))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["owner", "worker", "family", "representative", "team_starter"])
def test_the_team_and_its_supporters_see_it(request, as_person, team, persona):
    response = as_person(request.getfixturevalue(persona)).get(url(team))
    assert response.status_code == 200
    assert "<h1>Team Olive Oyelaran</h1>" in response.content.decode()


def test_it_shows_members_with_kind_status_and_hats_and_unheld_essential_hats(
    as_person, team, owner, worker, family
):
    HatFactory(holder=worker, circle=team.circle, hat_type=hat_type("rota-holder"))
    page = as_person(family).get(url(team)).content.decode()
    assert "Wren Walker" in page and "Independent worker" in page
    assert "Fay Oyelaran" in page and "Family or friend" in page
    assert "Rota Holder" in page
    unheld = page.split("Essential hats nobody wears yet")[1].split("</section>")[0]
    assert "Rota Holder" not in unheld
    for name in ["Profile Holder", "MAR Holder", "Team Chat Admin", "Safeguarding Lead"]:
        assert name in unheld


def test_it_shows_representatives_with_role_scope_and_date(as_person, team, worker, representative):
    page = as_person(worker).get(url(team)).content.decode()
    assert "Acting for Olive Oyelaran" in page
    assert "Rhys Roberts" in page and "Nominated representative" in page
    assert "Sign the Getting Support Promise" in page


def test_waiting_invitations_show_to_the_owners_side_only(
    as_person, owner, team, worker, representative, bob
):
    invite_member(representative, team, "newcomer@example.org", "volunteer")
    request_to_join(bob, team, "peer_supporter")
    owner_page = as_person(owner).get(url(team)).content.decode()
    assert "Invitation to newcomer@example.org" in owner_page
    assert "Rhys Roberts on behalf of Olive Oyelaran" in owner_page
    assert "Bob Brierley asks to join" in owner_page
    assert f'href="/teams/{team.pk}/invite/"' in owner_page
    worker_page = as_person(worker).get(url(team)).content.decode()
    assert "newcomer@example.org" not in worker_page
    assert "Waiting for an answer" not in worker_page
    assert "/invite/" not in worker_page
    assert "/leave/" in worker_page


def test_it_hides_a_name_the_person_does_not_share(as_person, team, worker, family):
    PrivacyChoice.objects.create(person=family, section="name", audience="only_me")
    page = as_person(worker).get(url(team)).content.decode()
    assert "Fay Oyelaran" not in page
    assert "Name not shared with you" in page


def test_it_links_the_owner_to_every_page_of_the_team(as_person, team, owner):
    response = as_person(owner).get(url(team))
    labels = [str(label) for label, _link in response.context["team_sections"]]
    assert labels == [
        "Calendar",
        "Open slots to take",
        "Care logs",
        "Care notes",
        "Medicines (MAR)",
        "Getting Support Profile",
        "Team discussion",
        "Team decisions and hats",
        "Learning the team needs",
        "Getting Support Promise",
        "Supportive Conversation",
        "Trust Assessment",
        "Raise a concern",
    ]
    assert "More about this team" in response.content.decode()
    assert f'href="/support-profiles/team/{team.pk}/"' in response.content.decode()


def test_it_links_a_worker_to_the_team_pages_but_not_the_owners_documents(as_person, team, worker):
    response = as_person(worker).get(url(team))
    labels = [str(label) for label, _link in response.context["team_sections"]]
    assert "Getting Support Promise" not in labels
    assert {"Team discussion", "Calendar", "Care notes", "Medicines (MAR)"} <= set(labels)


def test_the_circle_s_team_starter_sees_the_calendar_but_not_notes_or_medicines(
    as_person, team, team_starter
):
    response = as_person(team_starter).get(url(team))
    labels = [str(label) for label, _link in response.context["team_sections"]]
    assert "Calendar" in labels
    assert "Care notes" not in labels and "Medicines (MAR)" not in labels


def _add_people(team, n: int) -> None:
    for _ in range(n):
        person = UserFactory()
        TeamMember.objects.create(team=team, person=person, kind="volunteer")
        HatFactory(holder=person, circle=team.circle, hat_type=hat_type("giving-support"))
        Invitation.objects.create(
            team=team,
            direction="request",
            person=person,
            email=person.email,
            kind="volunteer",
            started_by=person,
            expires_at=timezone.now() + datetime.timedelta(days=14),
        )
        make_representative(team, UserFactory(), scope=["sign_promise"])


def test_the_query_count_does_not_grow_with_members_hats_or_invitations(as_person, team, owner):
    client = as_person(owner)
    _add_people(team, 1)
    client.get(url(team))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(team)).status_code == 200
        return len(ctx)

    small = count()
    _add_people(team, 30)
    assert count() == small
    second = client.get(url(team) + "?page=2").content.decode()
    assert "Page 2 of 2" in second
