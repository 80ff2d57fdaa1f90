"""The passport pages: my printable passport, its JSON download, and making and revoking links.

There is no page for another person's passport: the passport is the signed-in person's own.
"""

import json

import pytest
from django.urls import NoReverseMatch, resolve, reverse
from django.urls.exceptions import Resolver404

from coopcare.audit.models import AuditEvent
from coopcare.learning.models import PassportLink
from tests.learning.conftest import days_ago, learned


def test_it_shows_my_passport_ready_to_print(as_person, worker):
    learned(worker, "fire-safety", days_ago(10))
    learned(worker, "first-aid", days_ago(2000))
    learned(worker, "medicines-competence", days_ago(20), observed=True)
    response = as_person(worker).get(reverse("learning:passport"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Learning passport: Wren Walker" in page
    assert "Fire safety" in page and "First aid" not in page
    assert "Medicines support: competence observed" in page and "External assessor" in page
    assert 'media="print"' in page and '<meta name="robots" content="noindex">' in page
    assert response["Cache-Control"] == "no-store"
    read = AuditEvent.objects.get(action="learning.passport_viewed")
    assert (read.kind, read.actor_id, read.subject_id) == ("read", worker.pk, worker.pk)


def test_it_downloads_my_passport_as_json(as_person, worker):
    learned(worker, "fire-safety", days_ago(10))
    response = as_person(worker).get(reverse("learning:passport_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="learning-passport-')
    data = json.loads(response.content)
    assert data["schema"] == "coopcare.learning-passport/1"
    assert data["person"]["name"] == "Wren Walker"
    assert [i["topic"] for i in data["learning"]] == ["fire-safety"]


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for name in ("learning:passport", "learning:passport_json", "learning:passport_links"):
        assert client.get(reverse(name)).status_code == 302


def test_another_persons_passport_has_no_address(worker):
    with pytest.raises(NoReverseMatch):
        reverse("learning:passport", kwargs={"person_id": worker.pk})
    with pytest.raises(Resolver404):
        resolve(f"/learning/passport/{worker.pk}/")


def test_it_makes_a_link_and_shows_it_once(as_person, worker):
    client = as_person(worker)
    response = client.post(
        reverse("learning:passport_links"), {"label": "Calder Co-op", "days": 14}
    )
    assert response.status_code == 200
    page = response.content.decode()
    link = PassportLink.objects.get(person=worker)
    assert link.label == "Calder Co-op"
    assert (link.expires_at - link.created_at).days == 14
    assert "Copy it now" in page and "/learning/passport/shared/" in page
    listing = client.get(reverse("learning:passport_links")).content.decode()
    assert "Calder Co-op" in listing and "/learning/passport/shared/" not in listing


@pytest.mark.parametrize("days", ["0", "91", "x", ""])
def test_it_refuses_a_lifetime_outside_1_to_90_days(as_person, worker, days):
    response = as_person(worker).post(reverse("learning:passport_links"), {"days": days})
    assert response.status_code == 400
    assert 'aria-describedby="id_days_hint id_days_error"' in response.content.decode()
    assert not PassportLink.objects.exists()


def test_it_revokes_my_link_after_asking(as_person, worker):
    client = as_person(worker)
    client.post(reverse("learning:passport_links"), {"days": 30})
    link = PassportLink.objects.get()
    url = reverse("learning:passport_link_revoke", kwargs={"link_id": link.pk})
    assert "Revoke this link?" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse(
        "learning:passport_links"
    )
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_nobody_else_reaches_my_links(as_person, worker, coach, learning_lead, family):
    as_person(worker).post(reverse("learning:passport_links"), {"days": 30})
    link = PassportLink.objects.get()
    url = reverse("learning:passport_link_revoke", kwargs={"link_id": link.pk})
    for person in (coach, learning_lead, family):
        assert as_person(person).get(url).status_code == 404
        assert as_person(person).post(url).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
