"""The handlers' list at /concerns/ and the reporter's own list at /concerns/mine/."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopcare.concerns.services import raise_concern, update_concern


def _raise(person, team=None, **extra):
    values = {"what_happened": "Something.", "safeguarding": "no", **extra}
    return raise_concern(person, team=team, **values)


def test_it_lists_the_concerns_routed_to_a_coach(as_person, concern, coach, alice):
    _raise(alice, share_name=True)
    html = as_person(coach).get("/concerns/").content.decode()
    assert "Someone in the team" in html and "Alice Ashworth" in html
    assert "All (2)" in html


def test_it_filters_by_state(as_person, concern, coach, alice):
    other = _raise(alice)
    update_concern(coach, other, state="exploring", note="Looking.")
    html = as_person(coach).get("/concerns/?state=exploring").content.decode()
    assert f"/concerns/{other.pk}/" in html and f"/concerns/{concern.pk}/" not in html
    assert "Exploring (1)" in html and "Reported (1)" in html


def test_it_refuses_the_list_to_people_who_handle_nothing(as_person, concern, family, admin):
    for person in (family, admin):
        assert as_person(person).get("/concerns/").status_code == 403


def test_it_lists_a_persons_own_concerns_only(as_person, concern, family, alice, coach):
    _raise(alice)
    html = as_person(family).get("/concerns/mine/").content.decode()
    assert f"/concerns/{concern.pk}/" in html
    assert html.count('<th scope="row">') == 1


def test_it_keeps_the_handlers_list_query_count_flat(as_person, team, family, coach, alice):
    _raise(family, team)
    client = as_person(coach)
    client.get("/concerns/")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/concerns/").status_code == 200
        return len(ctx)

    few = count()
    for n in range(30):
        _raise(alice if n % 2 else family, team if n % 2 == 0 else None, share_name=n % 3 == 0)
    assert count() == few
    assert "Page 1 of 2" in client.get("/concerns/").content.decode()


def test_it_keeps_the_reporters_list_query_count_flat(as_person, team, family, coach):
    _raise(family, team)
    client = as_person(family)
    client.get("/concerns/mine/")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/concerns/mine/").status_code == 200
        return len(ctx)

    few = count()
    for n in range(12):
        _raise(family, team if n % 2 else None)
    assert count() == few
