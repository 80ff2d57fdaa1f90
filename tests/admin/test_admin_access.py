"""The admin lets in active superusers only; opening a record is recorded as a read."""

import pytest
from django.contrib import admin as django_admin
from django.urls import reverse

from coopcare.admin_site import CoopcareAdminSite
from coopcare.audit.models import AuditEvent
from tests.factories import UserFactory

INDEX = reverse("admin:index")


@pytest.fixture
def staff(db):
    """Staff, but not a superuser: staff status alone must open nothing."""
    return UserFactory(email="staff@example.org", is_staff=True, profile__name="Sid Staff")


def _profile_url(person) -> str:
    return reverse("admin:members_profile_change", args=[person.profile.pk])


def test_it_uses_the_coopcare_admin_site():
    assert isinstance(django_admin.site, CoopcareAdminSite), (
        'INSTALLED_APPS must list "coopcare.admin_site.CoopcareAdminConfig" '
        'instead of "django.contrib.admin".'
    )


def test_it_lets_a_superuser_open_the_index(as_person, admin):
    response = as_person(admin).get(INDEX)
    assert response.status_code == 200
    assert "coopcare administration" in response.content.decode()


def test_it_records_a_superuser_opening_a_persons_record(as_person, admin, alice):
    response = as_person(admin).get(_profile_url(alice))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="admin.profile.viewed")
    assert (event.kind, event.actor, event.subject) == ("read", admin, alice)
    assert event.target_type == "members.profile"
    assert event.route == f"GET {_profile_url(alice)}"
    assert AuditEvent.objects.reads_of(alice).count() == 1


def test_it_records_opening_a_persons_field_history(as_person, admin, alice):
    url = reverse("admin:members_profile_history", args=[alice.profile.pk])
    assert as_person(admin).get(url).status_code == 200
    event = AuditEvent.objects.get(action="admin.profile.history_viewed")
    assert (event.kind, event.subject) == ("read", alice)


def test_it_refuses_staff_who_are_not_superusers(as_person, staff, alice):
    client = as_person(staff)
    assert client.get(INDEX, follow=True).status_code == 403
    assert client.get(_profile_url(alice), follow=True).status_code == 403
    assert not AuditEvent.objects.filter(kind="read").exists()


def test_it_refuses_a_member(as_person, alice):
    client = as_person(alice)
    assert client.get(INDEX, follow=True).status_code == 403
    assert client.get(_profile_url(alice), follow=True).status_code == 403


def test_it_refuses_a_deactivated_superuser(as_person, admin):
    client = as_person(admin)
    admin.is_active = False
    admin.save()
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_it_sends_a_visitor_to_the_normal_sign_in_page(client, db):
    response = client.get(INDEX, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('account_login')}?next=%2Fadmin%2F"
