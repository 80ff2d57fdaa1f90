"""Reminders of team hats' review dates: the holder and the owner, once per review date."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from coopcare.notifications.models import Notification
from coopcare.teams.services.hats import send_hat_review_reminders
from tests.factories import HatFactory, hat_type


def _hat(team, holder, days: int, slug: str = "rota-holder"):
    today = timezone.localdate()
    return HatFactory(
        circle=team.circle,
        holder=holder,
        hat_type=hat_type(slug),
        started_on=today - datetime.timedelta(days=300),
        review_on=today + datetime.timedelta(days=days),
    )


def _reminded():
    return Notification.objects.filter(kind="teams.hat_review_due")


def test_it_reminds_the_holder_and_the_owner_within_14_days(team, owner, worker):
    _hat(team, worker, 10)
    assert send_hat_review_reminders() == 1
    assert set(_reminded().values_list("recipient", flat=True)) == {worker.pk, owner.pk}


def test_it_leaves_reviews_further_away(team, worker):
    _hat(team, worker, 30)
    assert send_hat_review_reminders() == 0
    assert not _reminded().exists()


def test_it_reminds_once_per_review_date(team, worker):
    hat = _hat(team, worker, 3)
    send_hat_review_reminders()
    assert send_hat_review_reminders() == 0
    hat.review_on = timezone.localdate() + datetime.timedelta(days=5)
    hat.save()
    assert send_hat_review_reminders() == 1


def test_it_tells_an_owner_who_wears_the_hat_once(team, owner):
    _hat(team, owner, 7, "profile-holder")
    send_hat_review_reminders()
    assert _reminded().count() == 1


def test_it_ignores_hats_that_came_off_and_hats_outside_teams(team, worker, alice, leeds_circle):
    hat = _hat(team, worker, 7)
    hat.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    hat.save()
    HatFactory(
        circle=leeds_circle,
        holder=alice,
        hat_type=hat_type("coach"),
        review_on=timezone.localdate() + datetime.timedelta(days=2),
    )
    assert send_hat_review_reminders() == 0


def test_the_command_queues_the_reminders(team, worker, capsys):
    _hat(team, worker, 1)
    call_command("remind_hat_reviews")
    assert "Reminded the holders of 1 hat." in capsys.readouterr().out
    assert _reminded().filter(recipient=worker).exists()
