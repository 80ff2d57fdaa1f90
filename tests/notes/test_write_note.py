"""Writing a care note: defaults, who may write, on whose behalf, named readers, the audit."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notes.models import CareNote, Readership
from coopcare.notes.services import write_note
from coopcare.notifications.models import Notification
from tests.notes.conftest import leave, note


def test_it_writes_a_day_to_day_note_for_the_whole_team(team, family):
    written = note(family, team)
    assert (written.topic, written.readership) == ("general", Readership.TEAM)
    assert (written.author, written.on_behalf_of) == (family, None)


@pytest.mark.parametrize("topic", ["health", "safeguarding"])
def test_a_sensitive_note_starts_with_the_owner_side_and_paid_givers(team, family, topic):
    assert note(family, team, topic=topic).readership == Readership.GIVERS_AND_OWNER


def test_the_author_may_widen_a_sensitive_note_to_the_whole_team(team, family):
    assert note(family, team, topic="health", readership="team").readership == Readership.TEAM


def test_it_records_the_writing_without_copying_the_text(team, family, named):
    written = note(family, team, readership="named", named_readers=[named], body="Secret words")
    event = AuditEvent.objects.get(action="notes.note_written")
    assert (event.actor, event.subject, event.target_id) == (family, team.owner, str(written.pk))
    assert event.detail["named_readers"] == [named.pk]
    assert "Secret" not in str(event.detail) and "Secret" not in event.target_repr


def test_a_representative_chooses_to_write_on_behalf_of_the_owner(team, owner, representative):
    for_olive = note(representative, team, on_behalf=True)
    assert for_olive.on_behalf_of == owner
    assert note(representative, team).on_behalf_of is None
    event = AuditEvent.objects.get(action="notes.note_written", target_id=str(for_olive.pk))
    assert event.detail["on_behalf_of"] == owner.pk and event.detail["representative"]


def test_nobody_else_writes_on_behalf_of_the_owner(team, family, owner):
    for person in (family, owner):
        with pytest.raises(DomainError) as error:
            note(person, team, on_behalf=True)
        assert error.value.field == "on_behalf"
    assert not CareNote.objects.exists()


def test_named_readers_are_told_without_the_note_s_words(team, worker, named, family):
    written = note(
        worker, team, readership="named", named_readers=[named, family, worker], title="Keys"
    )
    assert set(written.named_readers.all()) == {named, family}
    told = Notification.objects.filter(kind="notes.shared_with_you")
    assert {n.recipient for n in told} == {named, family}
    assert all("Keys" not in n.title + n.body for n in told)
    assert told.first().url == f"/teams/{team.pk}/notes/{written.pk}/"


def test_it_refuses_to_name_someone_outside_the_team(team, worker, outsider, leaver):
    leave(team, leaver)
    for person in (outsider, leaver):
        with pytest.raises(DomainError) as error:
            note(worker, team, readership="named", named_readers=[person])
        assert error.value.field == "named_readers"
    assert not CareNote.objects.exists() and not Notification.objects.exists()


def test_a_named_note_needs_someone_named_and_others_need_nobody(team, worker, named):
    with pytest.raises(DomainError):
        note(worker, team, readership="named")
    with pytest.raises(DomainError):
        note(worker, team, readership="team", named_readers=[named])
    assert not CareNote.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 151}, "title"),
        ({"body": ""}, "body"),
        ({"topic": "gossip"}, "topic"),
        ({"readership": "everyone"}, "readership"),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(team, family, change, field):
    with pytest.raises(DomainError) as error:
        note(family, team, **change)
    assert error.value.field == field
    assert (
        not CareNote.objects.exists()
        and not AuditEvent.objects.filter(action="notes.note_written").exists()
    )


@pytest.mark.parametrize("person", ["team_starter", "outsider"])
def test_people_outside_the_team_cannot_write(request, team, person):
    with pytest.raises(NotAllowed):
        write_note(
            request.getfixturevalue(person),
            team,
            topic="general",
            readership=None,
            title="Hi",
            body="Hello",
        )
    assert not CareNote.objects.exists()
