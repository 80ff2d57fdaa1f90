"""The page of learning a team needs: who sees it, who marks and ends needs."""

import pytest
from django.urls import reverse

from coopcare.audit.models import AuditEvent
from coopcare.learning.models import TeamNeed
from coopcare.learning.services.needs import end_need, mark_need
from coopcare.notifications.models import Notification


def _url(team):
    return reverse("learning:team_needs", args=[team.pk])


def test_the_owner_marks_a_need_from_the_page(as_person, team, owner, worker):
    client = as_person(owner)
    page = client.get(_url(team)).content.decode()
    assert "Mark a topic the team needs" in page
    assert 'for="id_topic"' in page and 'id="id_note"' in page
    assert page.index("Usually marked for a person supported") < page.index(
        "Any other topic of the circle"
    )
    response = client.post(
        _url(team), {"topic": "awareness-dementia", "note": "Since the spring."}, follow=True
    )
    assert response.redirect_chain[-1][0] == _url(team)
    text = response.content.decode()
    assert "Dementia awareness is now required of the people giving support" in text
    assert "Since the spring." in text and "Olive Oyelaran" in text
    assert Notification.objects.filter(recipient=worker, kind="learning.new_requirement").exists()


def test_a_topic_already_needed_is_not_offered_again(as_person, team, owner):
    mark_need(owner, team, "awareness-autism")
    page = as_person(owner).get(_url(team)).content.decode()
    assert 'value="awareness-autism"' not in page
    response = as_person(owner).post(_url(team), {"topic": "awareness-autism"})
    assert response.status_code == 200 and 'id="id_topic_error"' in response.content.decode()
    assert TeamNeed.objects.count() == 1


def test_a_worker_sees_the_needs_but_not_the_form(as_person, team, owner, worker):
    mark_need(owner, team, "awareness-stroke", "After the stroke in May.")
    client = as_person(worker)
    page = client.get(_url(team)).content.decode()
    assert "Stroke awareness" in page and "After the stroke in May." in page
    assert "Mark a topic the team needs" not in page and "/end/" not in page
    assert client.post(_url(team), {"topic": "awareness-ptsd"}).status_code == 403
    need = TeamNeed.objects.get()
    assert client.get(reverse("learning:team_need_end", args=[need.pk])).status_code == 403
    assert client.post(reverse("learning:team_need_end", args=[need.pk])).status_code == 403
    assert TeamNeed.objects.filter(ended_at__isnull=True).count() == 1


def test_every_look_is_in_the_owner_s_access_log(as_person, team, owner, worker):
    as_person(worker).get(_url(team))
    event = AuditEvent.objects.get(action="learning.team_needs_viewed")
    assert event.actor == worker and event.subject == owner and event.kind == "read"


def test_the_circle_s_team_starter_coach_and_learning_lead_see_the_page(
    as_person, team, team_starter, coach, learning_lead
):
    # The Learning Lead arranges the learning a team's needs call for.
    for person in (team_starter, coach, learning_lead):
        page = as_person(person).get(_url(team))
        assert page.status_code == 200
        assert "Mark a topic the team needs" not in page.content.decode()


@pytest.mark.parametrize("who", ["outsider", "other_coach", "bob"])
def test_people_outside_the_team_do_not_find_it(request, as_person, team, owner, who):
    need = mark_need(owner, team, "awareness-epilepsy")
    client = as_person(request.getfixturevalue(who))
    assert client.get(_url(team)).status_code == 404
    assert client.post(_url(team), {"topic": "awareness-ptsd"}).status_code == 404
    assert client.get(reverse("learning:team_need_end", args=[need.pk])).status_code == 404
    assert client.post(reverse("learning:team_need_end", args=[need.pk])).status_code == 404


def test_ending_a_need_asks_first(as_person, team, owner, worker):
    need = mark_need(owner, team, "awareness-diabetes")
    client = as_person(owner)
    page = client.get(_url(team)).content.decode()
    end_url = reverse("learning:team_need_end", args=[need.pk])
    assert end_url in page
    confirm = client.get(end_url).content.decode()
    assert "Does the team no longer need Diabetes awareness?" in confirm
    need.refresh_from_db()
    assert need.ended_at is None
    response = client.post(end_url, follow=True)
    assert "Diabetes awareness is no longer needed in the team." in response.content.decode()
    need.refresh_from_db()
    assert need.ended_at is not None
    assert "Needed before" in response.content.decode()
    again = client.post(end_url, follow=True)
    assert "already ended" in again.content.decode()


def test_ended_needs_are_listed_in_pages(as_person, team, owner):
    for n in range(26):
        end_need(owner, mark_need(owner, team, "awareness-mental-health", f"Round {n}"))
    page = as_person(owner).get(_url(team)).content.decode()
    assert "Page 1 of 2" in page and "ended=2" in page


def test_the_team_page_links_to_it(as_person, team, worker):
    page = as_person(worker).get(reverse("teams:detail", args=[team.pk])).content.decode()
    assert f'href="{_url(team)}"' in page and "Learning the team needs" in page
