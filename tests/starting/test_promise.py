"""Signing the Getting Support Promise: /start/teams/<id>/promise/."""

import datetime

import pytest
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.starting import promise
from coopcare.starting.models import PromiseSignature
from coopcare.starting.services.promise import sign_promise
from coopcare.teams.models import Representative

TODAY = datetime.date.today()


def url(team) -> str:
    return reverse("starting:promise", args=[team.pk])


def test_it_shows_the_promise_sections_to_the_owner(as_person, owner, team):
    page = as_person(owner).get(url(team)).content.decode()
    for heading, _text in promise.VERSIONS[promise.CURRENT]:
        assert str(heading) in page
    assert "has not been signed yet" in page


def test_it_lets_the_owner_sign(as_person, owner, team, case, team_starter):
    response = as_person(owner).post(url(team), {"funding": "self_funded", "agreed": "on"})
    assert response.status_code == 302
    signature = PromiseSignature.objects.get()
    assert signature.signed_as == "owner"
    assert signature.signer == owner
    assert signature.signer_name == "Olive Oyelaran"
    assert signature.funding == "self_funded"
    assert signature.version == promise.CURRENT
    assert [s["heading"] for s in signature.sections] == [
        str(h) for h, _t in promise.VERSIONS[promise.CURRENT]
    ]
    assert Notification.objects.filter(recipient=team_starter, kind="starting.promise_signed")
    event = AuditEvent.objects.get(action="starting.promise_signed")
    assert event.subject == owner


def test_it_records_a_guardian_signing_and_who_they_are(guardian, team):
    signature = sign_promise(guardian, team, funding="council", agreed=True)
    assert signature.signed_as == PromiseSignature.SignedAs.GUARDIAN
    assert signature.signer == guardian
    assert signature.signer_name == "Gail Guardian"
    event = AuditEvent.objects.get(action="starting.promise_signed")
    assert event.actor == guardian
    assert event.detail["on_behalf_of"] == team.owner_id


def test_it_shows_who_signed_on_behalf_of_the_owner(as_person, guardian, team, worker):
    sign_promise(guardian, team, funding="council", agreed=True)
    page = as_person(worker).get(url(team)).content.decode()
    assert "Signed by Gail Guardian (a health and welfare guardian (deputy))" in page
    assert "On behalf of Olive Oyelaran" in page


def test_it_records_a_nominated_representative(representative, team):
    signature = sign_promise(representative, team, funding="mixed", agreed=True)
    assert signature.signed_as == PromiseSignature.SignedAs.REPRESENTATIVE
    assert signature.signer == representative


def test_it_lets_the_team_starter_record_a_paper_signature(as_person, team_starter, team, case):
    response = as_person(team_starter).post(
        url(team),
        {
            "signed_as": "guardian",
            "signer_name": "Gail Guardian",
            "signed_on": TODAY - datetime.timedelta(days=2),
            "funding": "council",
            "agreed": "on",
        },
    )
    assert response.status_code == 302
    signature = PromiseSignature.objects.get()
    assert signature.signed_as == "guardian"
    assert signature.signer is None
    assert signature.signer_name == "Gail Guardian"
    assert signature.recorded_by == team_starter
    assert signature.signed_on == TODAY - datetime.timedelta(days=2)


def test_it_needs_the_name_of_a_guardian_without_an_account(team_starter, team):
    with pytest.raises(DomainError) as error:
        sign_promise(team_starter, team, funding="nhs", agreed=True, signed_as="guardian")
    assert error.value.field == "signer_name"
    assert not PromiseSignature.objects.exists()


def test_it_links_a_representative_chosen_by_the_team_starter(team_starter, team, guardian):
    signature = sign_promise(
        team_starter,
        team,
        funding="nhs",
        agreed=True,
        signed_as="guardian",
        signer_id=guardian.pk,
    )
    assert signature.signer == guardian
    assert signature.signer_name == "Gail Guardian"


def test_it_refuses_someone_who_does_not_act_for_the_owner(team_starter, team, alice):
    with pytest.raises(DomainError, match="does not act for the owner"):
        sign_promise(
            team_starter,
            team,
            funding="nhs",
            agreed=True,
            signed_as="representative",
            signer_id=alice.pk,
        )


def test_it_refuses_a_representative_without_the_signing_scope(team, alice):
    Representative.objects.create(
        team=team,
        person=alice,
        role="advocate",
        scope=["team_decisions"],
        ends_on=TODAY + datetime.timedelta(days=30),
        recorded_by=team.owner,
    )
    with pytest.raises(NotAllowed):
        sign_promise(alice, team, funding="nhs", agreed=True)


def test_it_refuses_a_representative_past_their_end_date(team, alice):
    Representative.objects.create(
        team=team,
        person=alice,
        role="representative",
        scope=["sign_promise"],
        starts_on=TODAY - datetime.timedelta(days=60),
        ends_on=TODAY - datetime.timedelta(days=1),
        recorded_by=team.owner,
    )
    with pytest.raises(NotAllowed):
        sign_promise(alice, team, funding="nhs", agreed=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"funding": "self_funded"}, "This field is required"),
        ({"funding": "not_sure", "agreed": "on"}, "Select a valid choice"),
    ],
)
def test_it_explains_bad_input_and_saves_nothing(as_person, owner, team, data, message):
    response = as_person(owner).post(url(team), data)
    assert message in response.content.decode()
    assert not PromiseSignature.objects.exists()


def test_it_refuses_a_date_in_the_future(team_starter, team):
    with pytest.raises(DomainError) as error:
        sign_promise(
            team_starter,
            team,
            funding="nhs",
            agreed=True,
            signed_as="owner",
            signed_on=TODAY + datetime.timedelta(days=1),
        )
    assert error.value.field == "signed_on"


def test_it_lets_team_members_read_but_not_sign(as_person, worker, team):
    assert as_person(worker).get(url(team)).status_code == 200
    response = as_person(worker).post(url(team), {"funding": "nhs", "agreed": "on"})
    assert response.status_code == 403
    assert not PromiseSignature.objects.exists()


def test_it_hides_the_page_from_outsiders(as_person, outsider, hebden_starter, team):
    assert as_person(outsider).get(url(team)).status_code == 404
    assert as_person(hebden_starter).get(url(team)).status_code == 404
