"""Every read of a care note goes to the access log: one event per note opened, one per page of
the list (naming the notes it showed), one per file downloaded."""

from django.urls import reverse

from coopcare.audit.models import AuditEvent
from tests.notes.conftest import note


def _reads(action: str):
    return AuditEvent.objects.filter(kind="read", action=action)


def test_a_page_of_the_list_is_one_read_naming_the_notes_shown(team, worker, family, as_person):
    shown = [note(worker, team, title=f"N{i}") for i in range(3)]
    hidden = note(worker, team, title="Hidden", topic="health")
    as_person(family).get(reverse("notes:list", args=[team.pk]))
    [event] = _reads("notes.note_list_read")
    assert (event.actor, event.subject) == (family, team.owner)
    assert sorted(event.detail["notes"]) == sorted(n.pk for n in shown)
    assert hidden.pk not in event.detail["notes"]


def test_an_empty_list_logs_nothing(team, family, as_person):
    as_person(family).get(reverse("notes:list", args=[team.pk]))
    assert not _reads("notes.note_list_read").exists()


def test_each_opening_of_a_note_is_logged_even_for_the_owner(team, family, owner, as_person):
    written = note(family, team)
    url = reverse("notes:detail", args=[team.pk, written.pk])
    as_person(owner).get(url)
    as_person(family).get(url)
    assert [e.actor for e in _reads("notes.note_read").order_by("pk")] == [owner, family]


def test_a_refused_read_is_not_logged_as_a_read(team, worker, family, as_person):
    written = note(worker, team, topic="safeguarding")
    url = reverse("notes:detail", args=[team.pk, written.pk])
    assert as_person(family).get(url).status_code == 404
    assert not _reads("notes.note_read").exists()


def test_the_api_logs_the_same_reads(team, family, as_token):
    written = note(family, team)
    client = as_token(family)
    client.get(f"/api/teams/{team.pk}/notes")
    client.get(f"/api/teams/{team.pk}/notes/{written.pk}")
    assert _reads("notes.note_list_read").get().detail["notes"] == [written.pk]
    assert _reads("notes.note_read").get().route.startswith("GET /api/")
