"""Sharing a passport by a link: it works, without an account, until it expires or is revoked;
the secret is never stored; only the person makes links; each view is counted and logged."""

import datetime
import hashlib
import logging
import re

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.learning.models import PassportLink
from coopcare.learning.services.passport import (
    PER_LINK_PER_MINUTE,
    create_link,
    live_link,
    revoke_link,
)
from tests.learning.conftest import days_ago, learned


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _shared(raw: str, json: bool = False) -> str:
    name = "learning:passport_shared_json" if json else "learning:passport_shared"
    return reverse(name, kwargs={"token": raw})


def test_a_link_shows_the_passport_as_of_now_to_anyone(worker, settings):
    settings.SITE_NAME = "Leeds Care Co-op"
    learned(worker, "fire-safety", days_ago(10))
    link, raw = create_link(worker, worker, label="Agency", days=30)
    response = Client().get(_shared(raw))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Shared by Wren Walker until" in page and "Verified by Leeds Care Co-op" in page
    assert "Fire safety" in page
    assert '<meta name="robots" content="noindex">' in page
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "no-store"
    learned(worker, "basic-life-support", days_ago(1))
    assert "Basic life support" in Client().get(_shared(raw)).content.decode()
    body = Client().get(_shared(raw, json=True)).json()
    assert body["shared_until"] == link.expires_at.isoformat()
    assert {i["topic"] for i in body["learning"]} == {"fire-safety", "basic-life-support"}


def test_it_works_until_it_expires_and_then_is_not_found(worker):
    _link, raw = create_link(worker, worker, days=2)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, hours=23)):
        assert Client().get(_shared(raw)).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2, minutes=1)):
        cache.clear()
        response = Client().get(_shared(raw))
        assert response.status_code == 404
        assert "may have expired or been revoked" in response.content.decode()
        assert Client().get(_shared(raw, json=True)).status_code == 404


def test_a_revoked_link_and_an_unknown_one_look_the_same(worker):
    link, raw = create_link(worker, worker)
    revoke_link(worker, link)
    revoked = Client().get(_shared(raw))
    unknown = Client().get(_shared("not-a-real-token-at-all"))
    assert revoked.status_code == unknown.status_code == 404

    def text(response) -> str:  # without the per-response CSRF token
        return re.sub(r'content="[^"]*"', "", response.content.decode())

    assert text(revoked) == text(unknown)
    assert Client().get(_shared(raw, json=True)).json() == (
        Client().get(_shared("nope", json=True)).json()
    )


def test_a_closed_account_shares_nothing(worker):
    _link, raw = create_link(worker, worker)
    worker.is_active = False
    worker.save()
    assert live_link(raw) is None


def test_the_secret_is_not_stored_in_clear(worker):
    link, raw = create_link(worker, worker, label="For Calder")
    assert len(raw) >= 43
    Client().get(_shared(raw))
    Client().get(_shared(raw, json=True))
    link.refresh_from_db()
    assert link.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = [str(v) for v in PassportLink.objects.values_list().get()]
    assert not any(raw in value for value in stored)
    events = AuditEvent.objects.all()
    assert events.filter(action="learning.passport_viewed").count() == 2
    assert not any(raw in f"{e.detail} {e.route} {e.target_repr}" for e in events)


def test_only_the_person_makes_and_revokes_links_to_their_passport(worker, coach, learning_lead):
    for actor in (coach, learning_lead):
        with pytest.raises(NotAllowed):
            create_link(actor, worker)
    link, _raw = create_link(worker, worker)
    with pytest.raises(NotAllowed):
        revoke_link(coach, link)
    revoke_link(worker, link)
    with pytest.raises(DomainError):
        revoke_link(worker, link)


@pytest.mark.parametrize("days", [0, 91, -1, True, "30"])
def test_a_link_lasts_1_to_90_days(worker, days):
    with pytest.raises(DomainError) as error:
        create_link(worker, worker, days=days)
    assert error.value.field == "days"
    assert not PassportLink.objects.exists()


def test_each_view_is_counted_and_logged_as_a_read_by_nobody(worker):
    link, raw = create_link(worker, worker)
    Client().get(_shared(raw))
    Client().get(_shared(raw, json=True))
    link.refresh_from_db()
    assert link.views == 2 and link.last_viewed_at is not None
    reads = AuditEvent.objects.filter(action="learning.passport_viewed")
    assert reads.count() == 2
    assert {(e.kind, e.actor_id, e.subject_id) for e in reads} == {
        (AuditEvent.Kind.READ, None, worker.pk)
    }
    assert AuditEvent.objects.filter(action="learning.passport_link_created").exists()


def test_opening_a_link_too_often_is_refused_for_a_minute(worker):
    _link, raw = create_link(worker, worker)
    client = Client()
    for _ in range(PER_LINK_PER_MINUTE):
        assert client.get(_shared(raw)).status_code == 200
    response = client.get(_shared(raw))
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert client.get(_shared(raw, json=True)).status_code == 429


# --- The secret stays out of the server log ------------------------------------------------------


def test_refusals_at_a_shared_link_do_not_log_its_secret(worker, caplog):
    """Django logs 4xx responses with their path ("Not Found: /…/<secret>/"); a link's refusals
    are not logged, so a revoked or mistyped secret never reaches the log."""
    link, raw = create_link(worker, worker)
    revoke_link(worker, link)
    api = f"/api/learning/passport/shared/{raw}"
    client = Client()
    with caplog.at_level(logging.DEBUG, logger="django.request"):
        for url in (_shared(raw), _shared(raw, json=True), api):
            assert client.get(url).status_code == 404
        assert client.post(_shared(raw)).status_code == 405
        assert client.post(_shared(raw, json=True)).status_code == 405
        for _ in range(PER_LINK_PER_MINUTE + 1):
            last = client.get(api)
        assert last.status_code == 429
        assert client.get(_shared(raw)).status_code == 429
        assert client.get(_shared(raw, json=True)).status_code == 429
        client.get("/learning/no-such-page/")  # an ordinary 404 is logged: the log is captured
    logged = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in logged] == ["Not Found: /learning/no-such-page/"]
    assert not any(raw in r.getMessage() for r in logged), [r.getMessage() for r in logged]


def test_a_shared_passport_names_no_assessor_on_the_platform(worker, coach, settings):
    settings.SITE_NAME = "Leeds Care Co-op"
    signed = learned(worker, "medicines-competence", days_ago(5), observed=True)
    signed.assessor, signed.assessor_name = coach, ""
    signed.save()
    learned(worker, "first-aid", days_ago(5), facilitator=coach)
    _link, raw = create_link(worker, worker)
    page = Client().get(_shared(raw)).content.decode()
    assert "An assessor at Leeds Care Co-op" in page and "A peer learning session" in page
    assert "Cora" not in page
    assert "Cora" not in Client().get(_shared(raw, json=True)).content.decode()
    assert "Cora" not in Client().get(f"/api/learning/passport/shared/{raw}").content.decode()
