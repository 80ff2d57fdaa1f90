"""Marking one notification read (with and without htmx), and marking them all read."""

from django.urls import reverse
from django.utils import timezone

from coopcare.notifications.models import Notification

LIST_URL = reverse("notifications:list")
ALL_URL = reverse("notifications:mark_all_read")


def _notice(person, title: str = "Something happened") -> Notification:
    return Notification.objects.create(recipient=person, kind="membership.decided", title=title)


def _url(notification: Notification) -> str:
    return reverse("notifications:mark_read", args=[notification.pk])


def test_it_marks_my_notification_read_and_goes_back(as_person, alice):
    notification = _notice(alice)
    response = as_person(alice).post(_url(notification), {"next": f"{LIST_URL}?page=1"})
    assert response.status_code == 302
    assert response.url == f"{LIST_URL}?page=1"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_it_refuses_another_persons_notification_with_404(as_person, alice, bob):
    notification = _notice(bob)
    response = as_person(alice).post(_url(notification))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_it_refuses_a_get(as_person, alice):
    notification = _notice(alice)
    assert as_person(alice).get(_url(notification)).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_it_sends_a_visitor_to_sign_in(client, alice):
    notification = _notice(alice)
    assert client.post(_url(notification)).status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is None


def test_it_swaps_in_just_the_item_for_htmx(as_person, alice):
    notification = _notice(alice, "Swap me")
    response = as_person(alice).post(
        _url(notification), {"next": LIST_URL}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith(f'<li id="notification-{notification.pk}"')
    assert "<html" not in html
    assert "Swap me" in html and ">Read<" in html
    assert "Mark as read" not in html


def test_it_updates_the_unread_count_in_the_menu_for_htmx(as_person, alice):
    first, _second = _notice(alice, "One"), _notice(alice, "Two")
    client = as_person(alice)
    assert 'id="unread-badge"> <span class="badge">2<' in client.get(LIST_URL).content.decode()
    html = client.post(_url(first), headers={"HX-Request": "true"}).content.decode()
    assert '<span id="unread-badge" hx-swap-oob="true"> <span class="badge">1<' in html
    html = client.post(_url(_second), headers={"HX-Request": "true"}).content.decode()
    assert '<span id="unread-badge" hx-swap-oob="true"></span>' in html


def test_it_ignores_a_next_address_on_another_site(as_person, alice):
    notification = _notice(alice)
    response = as_person(alice).post(_url(notification), {"next": "https://evil.example/"})
    assert response.url == LIST_URL


def test_it_keeps_the_first_read_time(as_person, alice):
    earlier = timezone.now() - timezone.timedelta(days=1)
    notification = Notification.objects.create(
        recipient=alice, kind="membership.decided", title="Old news", read_at=earlier
    )
    as_person(alice).post(_url(notification))
    notification.refresh_from_db()
    assert notification.read_at == earlier


def test_it_marks_all_of_mine_read_and_nobody_elses(as_person, alice, bob):
    _notice(alice, "One")
    _notice(alice, "Two")
    bobs = _notice(bob)
    response = as_person(alice).post(ALL_URL, follow=True)
    assert "Marked 2 notifications as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    bobs.refresh_from_db()
    assert bobs.read_at is None


def test_it_refuses_a_get_to_mark_all(as_person, alice):
    _notice(alice)
    assert as_person(alice).get(ALL_URL).status_code == 405
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
