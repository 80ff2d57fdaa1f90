"""The tracker: reported → awaiting response → exploring → outcome → reviewed."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.concerns.models import Concern, ConcernEntry
from coopcare.concerns.services import update_concern
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification


def _move(person, concern, state, note="Spoke to the team.", **extra):
    return update_concern(person, concern, state=state, note=note, **extra)


def test_it_moves_a_concern_on_with_a_dated_note(concern, coach):
    entry = _move(coach, concern, "exploring")
    concern.refresh_from_db()
    assert concern.state == "exploring"
    assert (entry.from_state, entry.to_state, entry.author) == ("reported", "exploring", coach)
    assert entry.created_at is not None and entry.note == "Spoke to the team."
    event = AuditEvent.objects.get(action="concerns.state_changed")
    assert event.changes == {"state": ["reported", "exploring"]}
    assert event.subject == concern.reporter and "Spoke" not in str(event.detail)


def test_it_walks_the_whole_way_to_reviewed(concern, coach):
    _move(coach, concern, "awaiting_response")
    _move(coach, concern, "exploring")
    _move(coach, concern, "outcome", outcome="Visit times moved to 9am.")
    _move(coach, concern, "reviewed")
    concern.refresh_from_db()
    assert concern.state == "reviewed" and concern.outcome == "Visit times moved to 9am."
    assert concern.entries.count() == 4


def test_it_will_not_skip_to_reviewed_without_an_outcome(concern, coach):
    with pytest.raises(DomainError) as refused:
        _move(coach, concern, "reviewed")
    assert refused.value.field == "state" and "outcome" in refused.value.message
    concern.refresh_from_db()
    assert concern.state == "reported" and not ConcernEntry.objects.exists()


def test_it_needs_text_for_the_outcome(concern, coach):
    with pytest.raises(DomainError) as refused:
        _move(coach, concern, "outcome", outcome="  ")
    assert refused.value.field == "outcome"
    assert Concern.objects.get(pk=concern.pk).state == "reported"


def test_it_needs_a_note(concern, coach):
    with pytest.raises(DomainError) as refused:
        _move(coach, concern, "exploring", note="")
    assert refused.value.field == "note"
    assert not ConcernEntry.objects.exists()


def test_it_refuses_an_outcome_without_choosing_outcome(concern, coach):
    with pytest.raises(DomainError):
        _move(coach, concern, "exploring", outcome="Sorted.")
    assert not ConcernEntry.objects.exists()


def test_it_adds_a_note_without_moving(concern, coach):
    entry = _move(coach, concern, "reported", note="Rang Fay, no answer.")
    assert not entry.changed_state
    assert AuditEvent.objects.filter(action="concerns.note_added").count() == 1


def test_it_reopens_an_outcome_for_more_exploring_but_never_a_review(concern, coach):
    _move(coach, concern, "outcome", outcome="Sorted.")
    _move(coach, concern, "exploring", note="It happened again.")
    _move(coach, concern, "outcome", outcome="Sorted for good.")
    _move(coach, concern, "reviewed")
    with pytest.raises(DomainError):
        _move(coach, concern, "exploring")


def test_it_keeps_the_outcome_when_a_note_is_added_at_outcome(concern, coach):
    _move(coach, concern, "outcome", outcome="Sorted.")
    _move(coach, concern, "outcome", note="Told the team.")
    concern.refresh_from_db()
    assert concern.outcome == "Sorted."


def test_it_tells_the_reporter_only_about_notes_marked_for_them(concern, coach, family):
    _move(coach, concern, "exploring")
    assert not Notification.objects.filter(recipient=family).exists()
    _move(coach, concern, "awaiting_response", note="We have asked the team.", for_reporter=True)
    [told] = Notification.objects.filter(recipient=family, kind="concerns.updated")
    assert told.url == f"/concerns/{concern.pk}/" and "asked the team" not in told.body


def test_it_refuses_the_reporter_and_anyone_else(concern, family, owner, worker):
    for person in (family, owner, worker):
        with pytest.raises(NotAllowed):
            _move(person, concern, "exploring")
    assert not ConcernEntry.objects.exists()


def test_it_refuses_an_unknown_state(concern, coach):
    with pytest.raises(DomainError):
        _move(coach, concern, "forgotten")
    assert not ConcernEntry.objects.exists()
