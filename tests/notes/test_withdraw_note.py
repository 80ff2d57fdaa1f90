"""Withdrawing a care note: only its author; the row stays, its words and files go."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notes.models import CareNote
from coopcare.notes.services import withdraw_note
from tests.notes.conftest import PNG, note, upload


def test_the_author_withdraws_their_note(team, family):
    written = note(family, team, title="Keys", body="Under the mat.")
    withdraw_note(family, written)
    written.refresh_from_db()
    assert written.withdrawn_at is not None
    assert "Keys" not in written.title and "mat" not in written.body
    assert CareNote.objects.filter(pk=written.pk).exists()
    event = AuditEvent.objects.get(action="notes.note_withdrawn")
    assert (event.actor, event.subject) == (family, team.owner)


@pytest.mark.parametrize("person", ["owner", "representative", "worker"])
def test_nobody_but_the_author_withdraws_it(request, team, family, person):
    written = note(family, team)
    with pytest.raises(NotAllowed):
        withdraw_note(request.getfixturevalue(person), written)
    written.refresh_from_db()
    assert written.withdrawn_at is None and written.title == "Breakfast"


def test_it_cannot_be_withdrawn_twice(team, family):
    written = note(family, team)
    withdraw_note(family, written)
    with pytest.raises(DomainError):
        withdraw_note(family, written)
    assert AuditEvent.objects.filter(action="notes.note_withdrawn").count() == 1


def test_a_withdrawn_note_keeps_its_files_but_stops_offering_them(team, family, as_person, media):
    written = note(family, team, attachments=[upload("plan.png", PNG)])
    attachment = written.attachments.get()
    withdraw_note(family, written)
    assert (media / attachment.file.name).exists()
    client = as_person(team.owner)
    page = client.get(f"/teams/{team.pk}/notes/{written.pk}/").content.decode()
    assert "plan.png" not in page
    url = f"/teams/{team.pk}/notes/{written.pk}/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 404
