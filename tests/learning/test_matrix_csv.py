"""The matrix as CSV for an inspection: everyone the filters keep, not just a page; one column
per topic with the status and the expiry date; a read in the access log."""

import csv
import io

from django.urls import reverse
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.learning.models import Topic
from coopcare.learning.requirements import expiry_of
from tests.learning.compliance import giver
from tests.learning.conftest import days_ago, learned


def download(client, circle, **query):
    return client.get(reverse("learning:matrix_csv", args=[circle.pk]), query)


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_coach_downloads_everyone_with_status_and_expiry(
    as_person, team, leeds_circle, coach, worker
):
    learned(worker, "fire-safety", days_ago(400))
    learned(worker, "basic-life-support", days_ago(10))
    for n in range(55):
        giver(team, f"Person {n:02d}")
    response = download(as_person(coach), leeds_circle)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="training-matrix-leeds-{today}.csv"'
    )
    table = rows(response)
    header = table[0]
    assert header[:2] == ["Person", "Teams"] and "Fire safety" in header
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in table[1:]}
    assert len(by_name) == 55 + 3  # everyone, not a page of 50: the givers, Wren, Olive, Cora
    wren = by_name["Wren Walker"]
    assert wren["Teams"] == team.name
    yearly = Topic(interval="yearly")
    assert wren["Fire safety"] == f"Expired ({expiry_of(days_ago(400), yearly).isoformat()})"
    assert wren["Basic life support"] == f"In date ({expiry_of(days_ago(10), yearly).isoformat()})"
    assert wren["Moving stuff"] == "Missing"
    assert by_name["Cora Coach"]["Fire safety"] == "Not required"
    # A read in the access log of everyone exported (not just a page of them), nobody else's.
    events = AuditEvent.objects.filter(action="learning.matrix_exported")
    assert events.count() == 58
    assert {str(e.subject) for e in events.select_related("subject__profile")} == set(by_name)
    for event in events:
        assert event.kind == "read" and event.actor == coach
        assert event.target_type == "circles.circle" and event.target_id == str(leeds_circle.pk)
        assert event.purpose == "training matrix export"
        assert event.route == f"GET /learning/circles/{leeds_circle.pk}/matrix.csv"
        assert event.detail["sections"] == ["learning"]
        assert event.detail["circle"] == leeds_circle.pk and event.detail["people"] == 58


def test_the_same_filters_apply(as_person, team, leeds_circle, coach, worker):
    table = rows(download(as_person(coach), leeds_circle, status="gaps", group="all"))
    # Cora's gap is her Coach role training; Olive, who gives no support, has none.
    assert [row[0] for row in table[1:]] == ["Cora Coach", "Wren Walker"]
    assert "First aid" in table[0] and "Fire safety" in table[0]


def test_a_name_is_never_a_formula(as_person, team, leeds_circle, coach):
    giver(team, "=HYPERLINK(1)")
    table = rows(download(as_person(coach), leeds_circle, q="HYPERLINK"))
    assert table[1][0] == "'=HYPERLINK(1)"


def test_others_cannot_download_it(as_person, leeds_circle, worker, alice, other_coach, applicant):
    for person in (worker, alice, other_coach):
        assert download(as_person(person), leeds_circle).status_code == 403
    assert download(as_person(applicant), leeds_circle).status_code == 404
    assert not AuditEvent.objects.filter(action="learning.matrix_exported").exists()


def test_a_bad_filter_is_refused(as_person, leeds_circle, coach):
    response = download(as_person(coach), leeds_circle, kind="wizard")
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action="learning.matrix_exported").exists()
