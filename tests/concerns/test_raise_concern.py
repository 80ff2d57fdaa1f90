import pytest
from django.core import mail

from coopcare.audit.models import AuditEvent
from coopcare.concerns.models import Concern
from coopcare.concerns.services import raise_concern
from coopcare.errors import DomainError
from coopcare.notifications.models import Notification
from tests.factories import CircleFactory, HatFactory, hat_type


def _raise(person, team=None, safeguarding="no", **extra):
    return raise_concern(
        person, team=team, what_happened="Something worried me.", safeguarding=safeguarding, **extra
    )


def _told(kind="concerns.raised") -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient", flat=True))


def test_it_goes_to_the_coach_of_the_teams_local_circle_straight_away(
    family, team, coach, safeguarding_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        concern = _raise(family, team)
    assert list(concern.routed_circles.all()) == [team.local_circle]
    assert not concern.to_safeguarding_lead
    assert _told() == {coach.pk}
    assert [m.to for m in mail.outbox] == [["cora@example.org"]]
    assert "Something worried me" not in mail.outbox[0].body


@pytest.mark.parametrize("answer", ["yes", "not_sure"])
def test_it_adds_the_safeguarding_lead_when_it_may_be_about_safety(
    family, team, coach, safeguarding_lead, answer
):
    concern = _raise(family, team, safeguarding=answer)
    assert concern.to_safeguarding_lead
    assert _told() == {coach.pk, safeguarding_lead.pk}
    assert "safeguarding" in Notification.objects.first().title.lower()


def test_it_goes_to_the_coach_only_when_the_team_has_no_safeguarding_lead(family, team, coach):
    _raise(family, team, safeguarding="yes")
    assert _told() == {coach.pk}


def test_it_goes_to_the_coaches_of_the_persons_circles_without_a_team(alice, coach, hebden_circle):
    other = HatFactory(circle=hebden_circle, hat_type=hat_type("coach")).holder
    concern = _raise(alice)
    assert concern.team is None and not concern.to_safeguarding_lead
    assert _told() == {coach.pk} and other.pk not in _told()


def test_it_goes_to_every_local_circles_coach_when_the_person_has_no_circle(
    applicant, coach, hebden_circle
):
    other = HatFactory(circle=hebden_circle, hat_type=hat_type("coach")).holder
    _raise(applicant)
    assert _told() == {coach.pk, other.pk}


def test_it_widens_to_every_coach_when_the_teams_circle_has_none(family, team, hebden_circle):
    other = HatFactory(circle=hebden_circle, hat_type=hat_type("coach")).holder
    concern = _raise(family, team)
    assert _told() == {other.pk}
    assert hebden_circle in concern.routed_circles.all()


def test_it_refuses_when_nobody_could_receive_it_and_saves_nothing(family, team):
    with pytest.raises(DomainError) as refused:
        _raise(family, team)
    assert "999" in refused.value.message
    assert not Concern.objects.exists() and not Notification.objects.exists()


def test_it_refuses_a_team_the_person_is_not_in(outsider, team, coach):
    with pytest.raises(DomainError) as refused:
        _raise(outsider, team)
    assert refused.value.field == "team"
    assert not Concern.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"what_happened": "  "}, "what_happened"),
        ({"safeguarding": "maybe"}, "safeguarding"),
        ({"kind": "gossip"}, "kind"),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(family, team, coach, changes, field):
    values = {"team": team, "what_happened": "Late visits.", "safeguarding": "no", **changes}
    with pytest.raises(DomainError) as refused:
        raise_concern(family, **values)
    assert refused.value.field == field
    assert not Concern.objects.exists() and not Notification.objects.exists()


def test_it_audits_who_was_told_without_copying_what_was_said(family, team, coach):
    concern = _raise(family, team)
    event = AuditEvent.objects.get(action="concerns.raised")
    assert (event.actor, event.subject, event.target_id) == (family, family, str(concern.pk))
    assert event.detail["told"] == [coach.pk]
    assert "worried" not in str(event.detail) and "worried" not in event.target_repr


def test_it_does_not_notify_a_coach_who_raises_it_themself(coach, leeds_circle):
    second = HatFactory(circle=leeds_circle, hat_type=hat_type("coach")).holder
    _raise(coach)
    assert _told() == {second.pk}


def test_it_keeps_the_reporter_even_when_their_name_is_not_shared(family, team, coach):
    concern = _raise(family, team, share_name=False)
    assert Concern.objects.get(pk=concern.pk).reporter == family


def test_it_ignores_a_coach_whose_hat_has_ended(family, team, leeds_circle):
    import datetime

    HatFactory(
        circle=leeds_circle,
        hat_type=hat_type("coach"),
        started_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2021, 1, 1),
    )
    current = HatFactory(circle=CircleFactory(), hat_type=hat_type("coach")).holder
    _raise(family, team)
    assert _told() == {current.pk}
