"""The notifications page: my notifications, newest first, 25 to a page."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coopcare.notifications.models import Notification

URL = reverse("notifications:list")


def _make(person, count: int, **kwargs) -> None:
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            recipient=person,
            kind="membership.applied",
            title=f"Notice {n}",
            created_at=now - timedelta(minutes=count - n),
            **kwargs,
        )
        for n in range(count)
    )


def test_it_sends_a_visitor_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_shows_my_notifications_newest_first_and_not_other_peoples(as_person, alice, bob):
    Notification.objects.create(
        recipient=alice,
        kind="membership.decided",
        title="Older one",
        created_at=timezone.now() - timedelta(hours=3),
    )
    Notification.objects.create(
        recipient=alice,
        kind="membership.decided",
        title="Newer one",
        body="Line one",
        url="/membership/",
    )
    Notification.objects.create(recipient=bob, kind="membership.decided", title="Bob's secret")
    response = as_person(alice).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Newer one") < html.index("Older one")
    assert "Bob&#x27;s secret" not in html and "Bob's secret" not in html
    assert "Line one" in html
    assert 'href="/membership/"' in html
    assert "3\xa0hours ago" in html
    assert "<time datetime=" in html


def test_it_marks_unread_notifications_in_words(as_person, alice):
    Notification.objects.create(recipient=alice, kind="membership.decided", title="New")
    Notification.objects.create(
        recipient=alice, kind="membership.decided", title="Seen", read_at=timezone.now()
    )
    html = as_person(alice).get(URL).content.decode()
    assert html.count(">Unread<") == 1
    assert html.count(">Read<") == 1
    assert html.count("Mark as read") == 1
    assert "Mark all as read" in html


def test_it_does_not_link_to_a_url_that_is_not_a_web_address(as_person, alice):
    Notification.objects.create(
        recipient=alice, kind="membership.decided", title="Odd", url="javascript:alert(1)"
    )
    html = as_person(alice).get(URL).content.decode()
    assert "javascript:" not in html


def test_it_shows_25_to_a_page(as_person, alice):
    _make(alice, 30)
    first = as_person(alice).get(URL).content.decode()
    second = as_person(alice).get(URL, {"page": 2}).content.decode()
    assert first.count('class="card notification') == 25
    assert second.count('class="card notification') == 5
    assert "Notice 29" in first and "Notice 0" in second
    assert "Page 2 of 2" in second


def test_its_query_count_does_not_grow_with_the_number_of_notifications(as_person, alice):
    client = as_person(alice)
    _make(alice, 2)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    _make(alice, 40)
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few), [q["sql"] for q in many]


def test_it_says_so_when_there_is_nothing(as_person, alice):
    html = as_person(alice).get(URL).content.decode()
    assert "You have no notifications yet." in html
    assert "Mark all as read" not in html
