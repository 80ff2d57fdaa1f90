"""The Supportive Conversation and Trust Assessment: versions, audiences, logged reads."""

import pytest
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.starting.models import DocumentVersion, TeamDocument
from coopcare.starting.services.documents import (
    document_for,
    save_document_version,
    set_document_audience,
)

SC = TeamDocument.Kind.SUPPORTIVE_CONVERSATION
TA = TeamDocument.Kind.TRUST_ASSESSMENT
ESSENTIALS = {
    "about_yourself": "I was a nurse for forty years.",
    "date_of_birth": "1946-04-12",
    "conditions": "Arthritis in my hands.",
    "medication": "Yes, morning and evening.",
    "documents": "A lasting power of attorney.",
}
TA_ESSENTIALS = {
    "who": "Olive, 79, 'I like my independence'.",
    "support_sought": "Someone to help me get out.",
    "medication": "Yes; workers will prompt.",
    "mobility_aids": "A stick outdoors.",
    "goes_out": "Twice a week, would like more.",
    "boundaries": "Phone before coming round.",
}


def url(team, name: str = "document", slug: str = "supportive-conversation", **extra) -> str:
    return reverse(f"starting:{name}", kwargs={"team_id": team.pk, "kind": slug, **extra})


def test_it_lets_the_team_starter_write_the_first_version(as_person, team_starter, team, case):
    data = {**ESSENTIALS, "note": "After our first visit"}
    response = as_person(team_starter).post(url(team, "document_edit"), data)
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.number == 1
    assert version.written_by == team_starter
    assert version.answers["date_of_birth"] == "1946-04-12"
    assert version.note == "After our first visit"


@pytest.mark.parametrize("missing", sorted(ESSENTIALS))
def test_it_requires_every_essential_answer(as_person, owner, team, missing):
    data = {**ESSENTIALS, missing: ""}
    response = as_person(owner).post(url(team, "document_edit"), data)
    assert response.status_code == 200
    assert "essential" in response.content.decode()
    assert not DocumentVersion.objects.exists()


def test_it_requires_the_trust_assessments_essentials_too(owner, team):
    with pytest.raises(DomainError) as error:
        save_document_version(owner, team, TA, {**TA_ESSENTIALS, "boundaries": " "})
    assert error.value.field == "boundaries"
    save_document_version(owner, team, TA, TA_ESSENTIALS)
    assert DocumentVersion.objects.count() == 1


def test_it_keeps_every_version_and_who_wrote_it(owner, team_starter, team, case):
    save_document_version(team_starter, team, SC, ESSENTIALS)
    save_document_version(owner, team, SC, {**ESSENTIALS, "places": "The park"})
    versions = list(DocumentVersion.objects.order_by("number"))
    assert [(v.number, v.written_by) for v in versions] == [(1, team_starter), (2, owner)]
    assert "places" not in versions[0].answers
    assert versions[1].answers["places"] == "The park"


def test_it_refuses_a_version_with_nothing_changed(owner, team):
    save_document_version(owner, team, SC, ESSENTIALS)
    with pytest.raises(DomainError, match="Nothing has changed since version 1"):
        save_document_version(owner, team, SC, dict(ESSENTIALS))
    assert DocumentVersion.objects.count() == 1


def test_it_shows_a_representatives_version_on_behalf_of_the_owner(
    as_person, representative, owner, team
):
    version = save_document_version(representative, team, SC, ESSENTIALS)
    assert version.on_behalf_of == owner
    page = as_person(owner).get(url(team, "document_versions")).content.decode()
    assert "Rhys Roberts on behalf of Olive Oyelaran" in page


def test_it_lists_versions_and_shows_an_earlier_one(as_person, owner, team):
    save_document_version(owner, team, SC, ESSENTIALS)
    save_document_version(owner, team, SC, {**ESSENTIALS, "conditions": "Arthritis; asthma."})
    client = as_person(owner)
    page = client.get(url(team, "document_version", number=1)).content.decode()
    assert "Arthritis in my hands." in page
    assert "This is an earlier version" in page
    assert client.get(url(team, "document_version", number=9)).status_code == 404


def test_it_is_shared_only_with_the_owner_side_by_default(
    as_person, owner, representative, worker, family, coach, team_starter, team, case
):
    save_document_version(team_starter, team, SC, ESSENTIALS)
    for person in (owner, representative, team_starter):
        assert as_person(person).get(url(team)).status_code == 200
    for person in (worker, family, coach):
        assert as_person(person).get(url(team)).status_code == 404


def test_it_shares_with_the_team_when_the_owner_chooses(
    as_person, owner, worker, coach, outsider, team, case, team_starter
):
    save_document_version(team_starter, team, SC, ESSENTIALS)
    as_person(owner).post(url(team, "document_audience"), {"audience": "team"})
    assert TeamDocument.objects.get().audience == "team"
    assert as_person(worker).get(url(team)).status_code == 200
    assert as_person(coach).get(url(team)).status_code == 404
    assert as_person(outsider).get(url(team)).status_code == 404


def test_it_shares_with_the_circles_team_starters_when_chosen(
    as_person, owner, coach, hebden_starter, team, case, team_starter
):
    save_document_version(team_starter, team, SC, ESSENTIALS)
    set_document_audience(owner, document_for(team, SC), "team_and_starter")
    assert as_person(coach).get(url(team)).status_code == 200
    assert as_person(hebden_starter).get(url(team)).status_code == 404


def test_it_always_lets_the_team_starter_writing_it_read_it(
    as_person, owner, team_starter, team, case
):
    save_document_version(owner, team, SC, ESSENTIALS)
    set_document_audience(owner, document_for(team, SC), "owner_side")
    assert as_person(team_starter).get(url(team)).status_code == 200
    assert as_person(team_starter).get(url(team, "document_edit")).status_code == 200


def test_it_lets_only_the_owner_side_choose_the_audience(
    as_person, team_starter, worker, owner, team, case
):
    document = document_for(team, SC)
    with pytest.raises(NotAllowed):
        set_document_audience(team_starter, document, "team")
    assert as_person(team_starter).get(url(team, "document_audience")).status_code == 403
    set_document_audience(owner, document, "team")
    assert as_person(worker).get(url(team, "document_audience")).status_code == 403


def test_it_refuses_writing_to_people_who_may_only_read(as_person, owner, worker, team):
    save_document_version(owner, team, SC, ESSENTIALS)
    set_document_audience(owner, document_for(team, SC), "team")
    assert as_person(worker).get(url(team, "document_edit")).status_code == 403
    with pytest.raises(NotAllowed):
        save_document_version(worker, team, SC, {**ESSENTIALS, "places": "x"})


def test_it_logs_reads_by_anyone_but_the_owner(as_person, owner, team_starter, team, case):
    save_document_version(owner, team, SC, ESSENTIALS)
    as_person(owner).get(url(team))
    assert not AuditEvent.objects.filter(action="starting.supportive_conversation_read").exists()
    as_person(team_starter).get(url(team))
    read = AuditEvent.objects.get(action="starting.supportive_conversation_read")
    assert read.actor == team_starter
    assert read.subject == owner


def test_it_404s_for_an_unknown_kind_of_document(as_person, owner, team):
    assert as_person(owner).get(url(team, slug="diary")).status_code == 404


def test_it_refuses_a_date_of_birth_that_is_not_a_date(owner, team):
    with pytest.raises(DomainError) as error:
        save_document_version(owner, team, SC, {**ESSENTIALS, "date_of_birth": "long ago"})
    assert error.value.field == "date_of_birth"
