"""The pages to change and to withdraw one's own message."""

import datetime

from django.utils import timezone

from coopcare.discussion.models import Message


def _base(team) -> str:
    return f"/teams/{team.pk}/discussion/messages/"


def test_it_lets_the_author_change_their_message(as_person, team, thread, worker):
    mine = thread.messages.get(author=worker)
    client = as_person(worker)
    assert client.get(f"{_base(team)}{mine.pk}/edit/").status_code == 200
    response = client.post(f"{_base(team)}{mine.pk}/edit/", {"body": "Tuesday is fine."})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.body == "Tuesday is fine."
    html = client.get(response["Location"]).content.decode()
    assert "changed" in html


def test_it_sends_the_author_back_once_15_minutes_have_passed(as_person, team, thread, worker):
    mine = thread.messages.get(author=worker)
    Message.objects.filter(pk=mine.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=20)
    )
    response = as_person(worker).post(f"{_base(team)}{mine.pk}/edit/", {"body": "Late"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.body == "I can do Tuesday."


def test_it_refuses_someone_else_in_the_team(as_person, team, thread, owner, worker):
    mine = thread.messages.get(author=worker)
    assert as_person(owner).get(f"{_base(team)}{mine.pk}/edit/").status_code == 403
    assert as_person(owner).post(f"{_base(team)}{mine.pk}/withdraw/").status_code == 403
    mine.refresh_from_db()
    assert mine.withdrawn_at is None


def test_it_answers_404_outside_the_team(as_person, team, thread, worker, outsider):
    mine = thread.messages.get(author=worker)
    assert as_person(outsider).get(f"{_base(team)}{mine.pk}/edit/").status_code == 404
    assert as_person(outsider).get(f"{_base(team)}{mine.pk}/withdraw/").status_code == 404


def test_it_asks_before_withdrawing_and_then_withdraws(as_person, team, thread, worker):
    mine = thread.messages.get(author=worker)
    client = as_person(worker)
    page = client.get(f"{_base(team)}{mine.pk}/withdraw/").content.decode()
    assert "Withdraw your message?" in page and "I can do Tuesday." in page
    mine.refresh_from_db()
    assert mine.withdrawn_at is None
    assert client.post(f"{_base(team)}{mine.pk}/withdraw/").status_code == 302
    mine.refresh_from_db()
    assert mine.withdrawn_at is not None and mine.body == ""
