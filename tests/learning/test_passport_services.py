"""What a learning passport holds: only what is valid today, by the policies of the person's
circles (the stricter where two disagree), and its JSON shape."""

import datetime

from django.utils import timezone

from coopcare.circles.models import CircleMembership
from coopcare.learning.models import Interval, Qualification, Registration
from coopcare.learning.requirements import policy_for
from coopcare.learning.services.passport import SCHEMA, passport_data, passport_of
from tests.learning.conftest import days_ago, learned


def _slugs(items) -> set[str]:
    return {item.slug for item in items}


def test_it_shows_only_learning_that_is_in_date(worker):
    learned(worker, "fire-safety", days_ago(100))
    learned(worker, "first-aid", days_ago(4 * 365))  # three-yearly: expired
    learned(worker, "basic-life-support", days_ago(800))
    learned(worker, "basic-life-support", days_ago(30))  # renewed: the new one shows
    learned(worker, "moving-people", days_ago(20)).__class__.objects.filter(
        topic_slug="moving-people"
    ).update(withdrawn_at=timezone.now())
    learned(worker, "care-certificate-01", days_ago(2000))  # once: never expires
    passport = passport_of(worker)
    assert _slugs(passport.learning) == {"fire-safety", "basic-life-support", "care-certificate-01"}
    by_slug = {item.slug: item for item in passport.learning}
    assert by_slug["basic-life-support"].completed_on == days_ago(30)
    assert by_slug["care-certificate-01"].expires_on is None
    assert by_slug["care-certificate-01"].expiry_known
    assert by_slug["fire-safety"].expires_on == days_ago(100) + datetime.timedelta(days=365) or (
        by_slug["fire-safety"].expires_on.year == days_ago(100).year + 1
    )
    assert not by_slug["fire-safety"].due_soon


def test_it_marks_learning_due_within_60_days(worker):
    learned(worker, "fire-safety", days_ago(330))
    [item] = passport_of(worker).learning
    assert item.due_soon


def test_observed_competence_counts_only_once_signed_off(worker):
    learned(worker, "medicines-competence", days_ago(10))  # not signed off
    assert passport_of(worker).competences == []
    learned(worker, "medicines-competence", days_ago(40), observed=True)
    passport = passport_of(worker)
    [item] = passport.competences
    assert item.slug == "medicines-competence" and item.completed_on == days_ago(40)
    assert item.assessor == "External assessor" and item.signed_off_on == timezone.localdate()
    assert passport.learning == []


def test_an_expired_competence_is_not_shown(worker):
    learned(worker, "medicines-competence", days_ago(400), observed=True)
    assert passport_of(worker).competences == []


def test_it_names_an_assessor_on_the_platform_whose_name_the_person_may_see(worker, coach):
    record = learned(worker, "medicines-competence", days_ago(5), observed=True)
    record.assessor, record.assessor_name = coach, ""
    record.save()
    [item] = passport_of(worker).competences
    assert item.assessor == "Cora Coach"


def test_learning_of_a_topic_no_circle_has_shows_its_date_only(worker):
    learned(worker, "knitting-for-comfort", days_ago(3000), name="Knitting for comfort")
    [item] = passport_of(worker).learning
    assert item.name == "Knitting for comfort" and item.completed_on == days_ago(3000)
    assert item.expires_on is None and not item.expiry_known


def test_the_stricter_circle_decides_when_two_disagree(worker, hebden_circle, team):
    learned(worker, "fire-safety", days_ago(200))
    assert _slugs(passport_of(worker).learning) == {"fire-safety"}
    CircleMembership.objects.create(circle=hebden_circle, person=worker)
    worker = worker.__class__.objects.get(pk=worker.pk)  # forget the cached circles
    policy_for(hebden_circle).topics.filter(slug="fire-safety").update(
        interval=Interval.CUSTOM, custom_months=6
    )
    assert passport_of(worker).learning == []


def test_it_lists_qualifications_and_registrations_not_withdrawn(worker):
    Qualification.objects.create(
        person=worker, title="Level 3 Diploma in Care", level="3", awarding_body="City & Guilds",
        accredited=True, achieved_on=days_ago(900), recorded_by=worker,
    )  # fmt: skip
    Qualification.objects.create(
        person=worker, title="Withdrawn", achieved_on=days_ago(9), recorded_by=worker,
        withdrawn_at=timezone.now(),
    )  # fmt: skip
    Registration.objects.create(
        person=worker, body="nmc", number="12A3456B", expires_on=days_ago(3), recorded_by=worker
    )
    Registration.objects.create(
        person=worker, body="hcpc", number="SW1", expires_on=days_ago(-3), recorded_by=worker,
        withdrawn_at=timezone.now(),
    )  # fmt: skip
    passport = passport_of(worker)
    assert [q.title for q in passport.qualifications] == ["Level 3 Diploma in Care"]
    assert [r.number for r in passport.registrations] == ["12A3456B"]
    data = passport_data(passport, site="https://coop.example/")
    assert data["registrations"][0]["in_date"] is False
    assert data["registrations"][0]["body_name"] == "Nursing and Midwifery Council"
    assert data["qualifications"][0]["accredited"] is True


def test_its_json_names_its_shape_and_issuer(worker, settings):
    settings.SITE_NAME = "Calder Care Co-op"
    learned(worker, "fire-safety", days_ago(10))
    learned(worker, "medicines-competence", days_ago(10), observed=True)
    data = passport_data(passport_of(worker), site="https://coop.example/")
    assert data["schema"] == SCHEMA
    assert data["issued_by"] == {"name": "Calder Care Co-op", "site": "https://coop.example/"}
    assert data["person"] == {"name": "Wren Walker"} and data["shared_until"] is None
    assert [i["topic"] for i in data["learning"]] == ["fire-safety"]
    assert data["learning"][0]["expiry_known"] is True
    assert data["competences"][0]["assessor"] == "External assessor"


def test_a_person_with_no_circle_has_an_empty_passport(applicant):
    passport = passport_of(applicant)
    assert passport.is_empty and passport.name == "Ann Applicant"


# --- What a shared passport names ----------------------------------------------------------------


def test_a_shared_passport_names_nobody_on_the_platform(worker, coach, settings):
    settings.SITE_NAME = "Leeds Care Co-op"
    signed = learned(worker, "medicines-competence", days_ago(5), observed=True)
    signed.assessor, signed.assessor_name = coach, ""
    signed.save()
    learned(worker, "moving-people", days_ago(5), observed=True)  # "External assessor"
    learned(worker, "fire-safety", days_ago(5), provider="Fire Co")
    learned(worker, "first-aid", days_ago(5), facilitator=coach)
    own = passport_of(worker)
    shared = passport_of(worker, shared=True)
    assert {i.slug: i.assessor for i in own.competences}["medicines-competence"] == "Cora Coach"
    assessors = {i.slug: i.assessor for i in shared.competences}
    assert assessors["medicines-competence"] == "An assessor at Leeds Care Co-op"
    assert assessors["moving-people"] == "External assessor"  # written by hand: shown
    assert {i.slug: i.provider for i in own.learning}["first-aid"] == "Cora Coach"
    providers = {i.slug: i.provider for i in shared.learning}
    assert providers == {"fire-safety": "Fire Co", "first-aid": "A peer learning session"}
    data = passport_data(shared, site="https://coop.example/")
    assert "Cora" not in str(data)


def test_the_owner_sees_only_the_names_they_may_see(worker, coach):
    from coopcare.members.models import Audience, PrivacyChoice, Section

    PrivacyChoice.objects.create(person=coach, section=Section.NAME, audience=Audience.ONLY_ME)
    signed = learned(worker, "medicines-competence", days_ago(5), observed=True)
    signed.assessor, signed.assessor_name = coach, ""
    signed.save()
    learned(worker, "first-aid", days_ago(5), facilitator=coach)
    passport = passport_of(worker)
    assert passport.competences[0].assessor.startswith("An assessor at ")
    assert passport.learning[0].provider == "A peer learning session"


def test_the_query_count_does_not_grow_with_records(worker, coach, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            passport_of(worker)
        return len(ctx)

    first = learned(worker, "medicines-competence", days_ago(5), observed=True)
    first.assessor = coach
    first.save()
    count()
    small = count()
    for slug in ("first-aid", "fire-safety", "basic-life-support", "infection-control"):
        learned(worker, slug, days_ago(5), facilitator=alice if slug < "g" else coach)
    moving = learned(worker, "moving-people", days_ago(5), observed=True)
    moving.assessor = alice
    moving.save()
    assert count() == small


def test_a_registration_has_expired_on_its_expiry_day(worker):
    Registration.objects.create(
        person=worker, body="nmc", number="TODAY", expires_on=days_ago(0), recorded_by=worker
    )
    Registration.objects.create(
        person=worker, body="hcpc", number="TOMORROW", expires_on=days_ago(-1), recorded_by=worker
    )
    passport = passport_of(worker)
    data = passport_data(passport, site="https://coop.example/")
    assert {r["number"]: r["in_date"] for r in data["registrations"]} == {
        "TODAY": False,
        "TOMORROW": True,
    }
    assert [r.in_date for r in passport.registrations] == [False, True]
