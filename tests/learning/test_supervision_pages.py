"""Peer supervision pages: asking, answering, the pair's page, check-ins — and nobody else."""

from django.urls import reverse
from django.utils import timezone

from coopcare.learning.models import CheckIn, SupervisionPair
from coopcare.learning.services.supervision import answer_pair, ask_pair, record_check_in
from coopcare.learning.services.welcome import start_welcome

SECRET = "Struggling with the night shifts."


def _active(supervisee, supervisor):
    return answer_pair(supervisor, ask_pair(supervisee, supervisor), True)


def test_a_worker_asks_from_people_in_their_circles_and_by_name(as_person, worker, alice, bob):
    client = as_person(worker)
    page = client.get(reverse("learning:pair_ask")).content.decode()
    assert "Alice Ashworth" in page and "Bob Brierley" in page
    found = client.get(reverse("learning:pair_ask"), {"q": "brier"}).content.decode()
    assert "Bob Brierley" in found and "Alice Ashworth" not in found
    response = client.post(reverse("learning:pair_ask"), {"kind": "ask", "person": alice.pk})
    assert response.status_code == 302
    pair = SupervisionPair.objects.get()
    assert pair.supervisor == alice and pair.supervisee == worker


def test_a_refused_ask_explains_itself(as_person, worker, alice, bob, applicant):
    _active(worker, alice)
    client = as_person(worker)
    response = client.post(reverse("learning:pair_ask"), {"kind": "ask", "person": bob.pk})
    assert "already have a peer supervisor" in response.content.decode()
    response = client.post(reverse("learning:pair_ask"), {"kind": "ask", "person": alice.pk})
    assert "already have a request or a pair" in response.content.decode()
    response = client.post(reverse("learning:pair_ask"), {"kind": "ask", "person": applicant.pk})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert SupervisionPair.objects.count() == 1
    assert as_person(applicant).get(reverse("learning:pair_ask")).status_code == 403


def test_the_other_person_answers_on_the_pair_page(as_person, worker, alice, coach, leeds_circle):
    route = start_welcome(coach, leeds_circle, worker)
    pair = ask_pair(worker, alice)
    url = reverse("learning:pair", args=[pair.pk])
    assert "answer now" in as_person(alice).get(reverse("learning:supervision")).content.decode()
    assert b"Yes, let" not in as_person(worker).get(url).content
    refused = as_person(worker).post(
        reverse("learning:pair_answer", args=[pair.pk]), {"answer": "yes"}
    )
    assert refused.status_code == 403
    client = as_person(alice)
    assert b"Yes, let" in client.get(url).content
    assert (
        client.post(reverse("learning:pair_answer", args=[pair.pk]), {"answer": "yes"}).status_code
        == 302
    )
    pair.refresh_from_db()
    assert pair.status == "active"
    assert route.ticks.filter(step="supervisor").exists()
    home = as_person(worker).get(reverse("learning:supervision")).content.decode()
    assert "Alice Ashworth" in home and "Next check-in due by" in home


def test_the_pair_records_check_ins_and_changes_the_cadence(as_person, worker, alice):
    pair = _active(worker, alice)
    client = as_person(worker)
    new = reverse("learning:check_in_new", args=[pair.pk])
    assert client.get(new).status_code == 200
    response = client.post(new, {"held_on": timezone.localdate().isoformat(), "notes": SECRET})
    assert response.status_code == 302
    future = client.post(new, {"held_on": "2999-01-01", "notes": "x"})
    assert "cannot be in the future" in future.content.decode()
    assert SECRET in as_person(alice).get(reverse("learning:pair", args=[pair.pk])).content.decode()
    client.post(reverse("learning:pair_cadence", args=[pair.pk]), {"every_days": "45"})
    pair.refresh_from_db()
    assert pair.every_days == 45
    client.post(reverse("learning:pair_cadence", args=[pair.pk]), {"every_days": "120"})
    pair.refresh_from_db()
    assert pair.every_days == 45


def test_nobody_outside_the_pair_reaches_it(as_person, worker, alice, bob, coach, admin):
    pair = _active(worker, alice)
    record_check_in(worker, pair, held_on=timezone.localdate(), notes=SECRET)
    pages = [
        ("get", reverse("learning:pair", args=[pair.pk])),
        ("get", reverse("learning:check_in_new", args=[pair.pk])),
        ("get", reverse("learning:pair_end", args=[pair.pk])),
        ("post", reverse("learning:pair_end", args=[pair.pk])),
        ("post", reverse("learning:pair_answer", args=[pair.pk])),
        ("post", reverse("learning:pair_cadence", args=[pair.pk])),
        ("post", reverse("learning:check_in_new", args=[pair.pk])),
    ]
    for person in (bob, coach, admin):
        client = as_person(person)
        for method, url in pages:
            response = getattr(client, method)(url, {"held_on": "2020-01-01", "notes": "x"})
            assert response.status_code == 404, (person, url)
        assert SECRET not in client.get(reverse("learning:supervision")).content.decode()
    assert CheckIn.objects.count() == 1
    pair.refresh_from_db()
    assert pair.status == "active"


def test_either_ends_the_pair_after_confirming(as_person, worker, alice):
    pair = _active(worker, alice)
    url = reverse("learning:pair_end", args=[pair.pk])
    client = as_person(alice)
    assert "End this peer supervision pair?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    pair.refresh_from_db()
    assert pair.status == "ended"
    past = as_person(worker).get(reverse("learning:supervision")).content.decode()
    assert "Supervised by" in past
