"""The learning policy pages: reading it, adding, changing, retiring and restoring topics, and
the list of changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coopcare.learning.models import PolicyChange, Topic
from coopcare.learning.requirements import policy_for
from coopcare.learning.services.policy import add_topic, retire_topic
from tests.factories import UserFactory, hat_type

REASON = "Agreed at the circle meeting."


def _policy_url(circle):
    return reverse("learning:policy", args=[circle.pk])


def _topic(circle, slug):
    return Topic.objects.get(policy=policy_for(circle), slug=slug)


def test_a_member_reads_the_policy_by_group_in_plain_words(as_person, alice, leeds_circle):
    response = as_person(alice).get(_policy_url(leeds_circle))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Learning policy of Leeds Circle" in page
    for group in ("Every year", "Every three years", "Care Certificate", "Oliver McGowan"):
        assert f">{group}</h2>" in page
    assert "Every three years" in page and "Once" in page
    assert "People taking part as: Independent worker or Employed worker" in page
    assert "People giving: help taking or managing medicines" in page
    assert "Yes: an assessor must see it done" in page
    assert "People wearing the hat: Recruiter" in page
    assert "Add a topic" not in page and "/change/" not in page and "/retire/" not in page


def test_the_coach_sees_the_controls_to_change_it(as_person, coach, leeds_circle):
    page = as_person(coach).get(_policy_url(leeds_circle)).content.decode()
    topic = _topic(leeds_circle, "fire-safety")
    assert reverse("learning:topic_new", args=[leeds_circle.pk]) in page
    assert reverse("learning:topic_edit", args=[topic.pk]) in page
    assert reverse("learning:topic_retire", args=[topic.pk]) in page


def test_retired_topics_are_listed_apart_and_can_be_brought_back(as_person, coach, leeds_circle):
    topic = _topic(leeds_circle, "oral-health")
    retire_topic(coach, topic, REASON)
    page = as_person(coach).get(_policy_url(leeds_circle)).content.decode()
    retired_part = page.split('id="retired-title"')[1]
    assert "Oral health" in retired_part
    assert "Oral health" not in page.split('id="retired-title"')[0]
    assert reverse("learning:topic_restore", args=[topic.pk]) in retired_part


def test_the_page_costs_the_same_queries_however_many_topics(as_person, coach, leeds_circle):
    client = as_person(coach)
    url = _policy_url(leeds_circle)
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for slug in ("recruiter", "facilitator", "secretary"):
        hat_type(slug)
    for n in range(12):
        add_topic(
            coach,
            leeds_circle,
            name=f"Extra {n}",
            group=f"Group {n % 4}",
            hats=["recruiter", "facilitator", "secretary"][: n % 3 + 1],
            interval="custom",
            custom_months=n + 1,
            reason=REASON,
        )
    retire_topic(coach, _topic(leeds_circle, "extra-1"), REASON)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert "Extra 11" in response.content.decode()
    assert len(after) == len(before), "\n".join(q["sql"] for q in after.captured_queries)


def test_people_outside_the_co_op_do_not_find_it(as_person, leeds_circle):
    stranger = UserFactory()
    assert as_person(stranger).get(_policy_url(leeds_circle)).status_code == 404
    assert as_person(stranger).get(reverse("learning:policy", args=[999999])).status_code == 404


@pytest.mark.parametrize("who", ["alice", "other_coach", "worker", "team_starter"])
def test_other_members_may_not_change_it(request, as_person, leeds_circle, who):
    client = as_person(request.getfixturevalue(who))
    topic = _topic(leeds_circle, "fire-safety")
    assert client.get(reverse("learning:topic_new", args=[leeds_circle.pk])).status_code == 403
    assert client.get(reverse("learning:topic_edit", args=[topic.pk])).status_code == 403
    response = client.post(reverse("learning:topic_retire", args=[topic.pk]), {"reason": "x"})
    assert response.status_code == 403
    assert not PolicyChange.objects.exists()


def test_a_stranger_gets_not_found_for_the_change_pages(as_person, leeds_circle):
    client = as_person(UserFactory())
    topic = _topic(leeds_circle, "fire-safety")
    assert client.get(reverse("learning:topic_new", args=[leeds_circle.pk])).status_code == 404
    assert client.get(reverse("learning:topic_edit", args=[topic.pk])).status_code == 404


def test_the_coach_adds_a_topic(as_person, coach, leeds_circle):
    url = reverse("learning:topic_new", args=[leeds_circle.pk])
    form = as_person(coach).get(url).content.decode()
    assert 'for="id_name"' in form and 'id="id_reason"' in form
    response = as_person(coach).post(
        url,
        {
            "name": "British Sign Language, level 1",
            "group": "Every three years",
            "interval": "custom",
            "custom_months": "18",
            "member_kinds": ["volunteer", "peer_supporter"],
            "reason": REASON,
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == _policy_url(leeds_circle)
    assert "is added to the policy" in response.content.decode()
    topic = Topic.objects.get(slug="british-sign-language-level-1")
    assert (topic.custom_months, topic.member_kinds) == (18, ["volunteer", "peer_supporter"])
    assert "Every 18 months" in response.content.decode()


def test_the_form_explains_what_is_wrong(as_person, coach, leeds_circle):
    url = reverse("learning:topic_new", args=[leeds_circle.pk])
    response = as_person(coach).post(
        url, {"name": "Knots", "interval": "yearly", "custom_months": "6", "reason": REASON}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "only for “every so many months”" in page
    assert 'id="id_custom_months_error"' in page
    response = as_person(coach).post(url, {"name": "Knots", "interval": "yearly"})
    assert 'id="id_reason_error"' in response.content.decode()
    assert not Topic.objects.filter(name="Knots").exists()


def test_the_learning_lead_changes_a_topic(as_person, learning_lead, leeds_circle):
    topic = _topic(leeds_circle, "fire-safety")
    url = reverse("learning:topic_edit", args=[topic.pk])
    form = as_person(learning_lead).get(url).content.decode()
    assert "fire-safety" in form and 'name="slug"' not in form
    response = as_person(learning_lead).post(
        url,
        {
            "name": "Fire safety",
            "group": "Every year",
            "interval": "three_yearly",
            "member_kinds": ["independent_worker", "employed_worker"],
            "reason": REASON,
        },
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.interval == "three_yearly"
    assert PolicyChange.objects.get().changes == {"interval": ["yearly", "three_yearly"]}


def test_retiring_asks_why_and_restoring_brings_it_back(as_person, coach, leeds_circle):
    topic = _topic(leeds_circle, "food-hygiene")
    client = as_person(coach)
    confirm = client.get(reverse("learning:topic_retire", args=[topic.pk])).content.decode()
    assert "Retire Food hygiene?" in confirm and "Nothing is deleted" in confirm
    refused = client.post(reverse("learning:topic_retire", args=[topic.pk]), {"reason": ""})
    assert refused.status_code == 200 and 'id="id_reason_error"' in refused.content.decode()
    done = client.post(reverse("learning:topic_retire", args=[topic.pk]), {"reason": REASON})
    assert done.status_code == 302
    topic.refresh_from_db()
    assert topic.retired_at is not None
    back = client.post(reverse("learning:topic_restore", args=[topic.pk]), {"reason": "Back."})
    assert back.status_code == 302
    topic.refresh_from_db()
    assert topic.retired_at is None


def test_the_changes_are_listed_newest_first_in_pages(as_person, coach, alice, leeds_circle):
    for n in range(27):
        add_topic(coach, leeds_circle, name=f"Topic {n:02d}", reason=f"Reason {n:02d}")
    retire_topic(coach, _topic(leeds_circle, "topic-00"), "Not needed after all")
    url = reverse("learning:policy_changes", args=[leeds_circle.pk])
    page = as_person(alice).get(url).content.decode()
    assert page.index("Not needed after all") < page.index("Reason 26") < page.index("Reason 25")
    assert "Retired: Topic 00" in page and "Cora Coach" in page
    assert "Page 1 of 2" in page
    second = as_person(alice).get(url + "?page=2").content.decode()
    assert "Reason 00" in second and "Reason 26" not in second


def test_a_change_is_described_in_plain_words(as_person, coach, alice, leeds_circle):
    from coopcare.learning.services.policy import change_topic

    change_topic(coach, _topic(leeds_circle, "moving-stuff"), REASON, interval="once")
    page = as_person(alice).get(reverse("learning:policy_changes", args=[leeds_circle.pk]))
    text = page.content.decode()
    assert "Changed: Moving stuff" in text
    assert "How often" in text and "from “Every year” to “Once”" in text
