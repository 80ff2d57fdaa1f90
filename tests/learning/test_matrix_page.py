"""The training matrix page: who gets in, what each cell says, the filters, the summary, the
registrations panel and the access log."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from coopcare.audit.models import AuditEvent
from coopcare.learning.models import Registration
from coopcare.members.directory import reads_of_section
from coopcare.supportprofiles.models import GivingSupportProfile
from tests.factories import HatFactory, hat_type
from tests.learning.compliance import giver
from tests.learning.conftest import days_ago, learned


def url(circle, **query) -> str:
    base = reverse("learning:matrix", args=[circle.pk])
    if query:
        from urllib.parse import urlencode

        base += "?" + urlencode(query)
    return base


@pytest.fixture
def lapsed(worker):
    """Wren: fire safety due within 60 days, first aid in date, medicines competence expired
    (she helps with medicines, so it is required of her)."""
    GivingSupportProfile.objects.create(person=worker, support_kinds=["medicines"])
    learned(worker, "fire-safety", days_ago(330))
    learned(worker, "first-aid", days_ago(30))
    learned(worker, "medicines-competence", days_ago(400), observed=True)
    return worker


def day(on: datetime.date) -> str:
    return f"{on.day} {on:%B %Y}"


def a_year_after(on: datetime.date) -> datetime.date:
    return on + relativedelta(years=1)


def test_the_coach_and_the_learning_lead_see_it(as_person, leeds_circle, coach, learning_lead):
    for person in (coach, learning_lead):
        response = as_person(person).get(url(leeds_circle))
        assert response.status_code == 200
        assert "Training matrix of Leeds Circle" in response.content.decode()


def test_nobody_else_does(
    as_person, client, leeds_circle, coach, worker, family, alice, other_coach, applicant, admin
):
    target = url(leeds_circle)
    # Co-op members who do not wear the hat here: 403, even the Coach of another circle.
    for person in (worker, family, alice, other_coach):
        assert as_person(person).get(target).status_code == 403, person
    # Not co-op members: the circle is not theirs to know about.
    for person in (applicant, admin):
        assert as_person(person).get(target).status_code == 404, person
    assert client.get(target).status_code == 302
    assert as_person(coach).get(reverse("learning:matrix", args=[99999])).status_code == 404
    assert not AuditEvent.objects.filter(action="learning.matrix_viewed").exists()


def test_a_team_circle_has_no_matrix(as_person, team, coach):
    assert as_person(coach).get(url(team.circle)).status_code == 404


def test_each_cell_says_its_status_and_date_in_words(as_person, leeds_circle, coach, lapsed):
    html = as_person(coach).get(url(leeds_circle)).content.decode()
    assert "Wren Walker" in html
    expired = day(a_year_after(days_ago(400)))
    assert f"Expired on {expired}" in html  # yearly, observed and signed off
    assert f"Due: expires on {day(a_year_after(days_ago(330)))}" in html
    assert "Missing: never recorded" in html
    assert "Not required" in html
    # The legend names every status; the colour only repeats the words.
    for words in ("In date", "Due within 60 days", "Expired", "Missing", "Not required"):
        assert words in html
    assert f'class="matrix-cell matrix-expired" title="Expired on {expired}"' in html


def test_viewing_it_is_a_read_in_the_access_log_of_each_person_shown(
    as_person, team, leeds_circle, coach, lapsed, owner
):
    for n in range(52):
        giver(team, f"Person {n:02d}")
    response = as_person(coach).get(url(leeds_circle, q="Person ", status="gaps"))
    assert response.status_code == 200
    events = AuditEvent.objects.filter(action="learning.matrix_viewed")
    # The first page: Person 00 … Person 49, each of them told; nobody else.
    shown = {r["row"].person_id for r in response.context["rows"]}
    assert len(shown) == 50
    assert {e.subject_id for e in events} == shown and events.count() == 50
    for event in events:
        assert event.kind == AuditEvent.Kind.READ and event.actor == coach
        assert event.target_type == "circles.circle" and event.target_id == str(leeds_circle.pk)
        assert event.target_repr == str(leeds_circle)
        assert event.route.startswith(f"GET /learning/circles/{leeds_circle.pk}/matrix/")
        assert event.purpose == "training matrix" and event.changes == {}
        assert event.detail["sections"] == ["learning"]
        assert event.detail["circle"] == leeds_circle.pk
        assert event.detail["status"] == "gaps" and event.detail["group"] == "Every year"
        assert event.detail["page"] == 1 and event.detail["people"] == 50
    # Each person finds it among the reads of their learning; Wren, not shown, does not.
    person = events[0].subject
    assert list(reads_of_section(person, "learning")) == [events.get(subject=person)]
    assert not AuditEvent.objects.reads_of(lapsed).exists()
    assert not AuditEvent.objects.reads_of(owner).exists()


def test_registrations_listed_are_reads_of_their_holders(as_person, leeds_circle, coach, worker):
    Registration.objects.create(
        person=worker,
        body="nmc",
        number="SOON1",
        expires_on=timezone.localdate() + datetime.timedelta(days=10),
        recorded_by=coach,
    )
    as_person(coach).get(url(leeds_circle, q="nobody by this name"))
    assert not AuditEvent.objects.filter(action="learning.matrix_viewed").exists()
    event = AuditEvent.objects.get(action="learning.registrations_viewed")
    assert event.subject == worker and event.actor == coach and event.kind == "read"
    assert event.detail["sections"] == ["learning"] and event.detail["registrations"] == 1


def test_the_summary_counts_people_in_date_and_with_gaps(
    as_person, team, leeds_circle, coach, lapsed
):
    done = giver(team, "Dora Done")
    for topic in (
        "moving-stuff",
        "basic-life-support",
        "fire-safety",
        "safeguarding-adults",
        "safeguarding-children",
    ):
        learned(done, topic, days_ago(10))
    html = as_person(coach).get(url(leeds_circle)).content.decode()
    # Wren, Dora, Olive (the owner), Cora (the Coach): two with gaps? Olive and Cora give no
    # support, so nothing is required of them: in date.
    assert "of 4 people listed" in html
    assert "3 have everything required in date" in html
    assert "1 has gaps (something expired or missing)" in html


def test_filters_by_name_team_kind_hat_and_gaps(as_person, team, leeds_circle, coach, lapsed):
    from tests.learning.compliance import team_in

    other = team_in(leeds_circle, "Pat Person")
    volunteer = giver(other, "Val Volunteer", kind="volunteer")
    HatFactory(holder=volunteer, circle=leeds_circle, hat_type=hat_type("recruiter"))
    client = as_person(coach)

    def names(**query) -> set[str]:
        html = client.get(url(leeds_circle, **query)).content.decode()
        return {n for n in ("Wren Walker", "Val Volunteer", "Cora Coach") if f">{n}<" in html}

    assert names() == {"Wren Walker", "Val Volunteer", "Cora Coach"}
    assert names(q="wren") == {"Wren Walker"}
    assert names(team=other.pk) == {"Val Volunteer"}
    assert names(kind="volunteer") == {"Val Volunteer"}
    assert names(hat="recruiter") == {"Val Volunteer"}
    assert names(hat="coach") == {"Cora Coach"}
    assert names(status="gaps") == {"Wren Walker", "Val Volunteer"}


def test_a_filter_this_circle_does_not_have_is_explained(as_person, leeds_circle, coach, team):
    response = as_person(coach).get(url(leeds_circle, team=99999, kind="wizard"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "Select a valid choice" in html


def test_the_topics_shown_follow_the_group(as_person, leeds_circle, coach, worker):
    client = as_person(coach)
    yearly = client.get(url(leeds_circle)).content.decode()
    assert ">Fire safety</th>" in yearly and ">First aid</th>" not in yearly
    three = client.get(url(leeds_circle, group="Every three years")).content.decode()
    assert ">First aid</th>" in three and ">Fire safety</th>" not in three
    every = client.get(url(leeds_circle, group="all")).content.decode()
    assert ">First aid</th>" in every and ">Fire safety</th>" in every


def test_fifty_people_to_a_page(as_person, team, leeds_circle, coach):
    for n in range(52):
        giver(team, f"Person {n:02d}")
    client = as_person(coach)
    first = client.get(url(leeds_circle, q="Person ")).content.decode()
    assert "Person 00" in first and "Person 49" in first and "Person 50" not in first
    assert "52 people, page 1 of 2" in first
    second = client.get(url(leeds_circle, q="Person ", page=2)).content.decode()
    assert "Person 50" in second and "Person 51" in second and "Person 00" not in second


def test_registrations_past_or_near_expiry_are_listed(as_person, leeds_circle, coach, worker):
    today = timezone.localdate()

    def registration(number, days):
        return Registration.objects.create(
            person=worker,
            body="nmc",
            number=number,
            expires_on=today + datetime.timedelta(days=days),
            recorded_by=coach,
        )

    registration("EXPIRED1", -3)
    registration("SOON1", 30)
    registration("LATER1", 90)
    gone = registration("GONE1", -10)
    gone.withdrawn_at = timezone.now()
    gone.save()
    html = as_person(coach).get(url(leeds_circle)).content.decode()
    assert "EXPIRED1" in html and "SOON1" in html
    assert "LATER1" not in html and "GONE1" not in html
    assert "Nursing and Midwifery Council" in html


def test_a_closed_account_has_no_registration_listed(as_person, leeds_circle, coach, worker):
    Registration.objects.create(
        person=worker,
        body="nmc",
        number="CLOSED1",
        expires_on=timezone.localdate() - datetime.timedelta(days=3),
        recorded_by=coach,
    )
    worker.is_active = False
    worker.save()
    html = as_person(coach).get(url(leeds_circle)).content.decode()
    assert "CLOSED1" not in html
    assert not AuditEvent.objects.filter(subject=worker).exists()


def test_support_kinds_make_gating_topics_required(as_person, leeds_circle, coach, worker):
    GivingSupportProfile.objects.create(person=worker, support_kinds=["medicines"])
    html = as_person(coach).get(url(leeds_circle)).content.decode()
    assert 'title="Missing: never recorded"' in html
    row = html.split(">Wren Walker<", 1)[1].split("</tr>", 1)[0]
    assert row.count("matrix-missing") == 7  # every yearly topic, medicines ones included
