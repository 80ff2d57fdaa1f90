"""team_mates_q: the people who share a current team with a viewer, for "my team(s)" privacy."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from coopcare.teams.models import Representative
from coopcare.teams.selectors import team_mates_q
from coopcare.teams.services.leaving import complete_leave, give_notice

User = get_user_model()


def mates(viewer) -> set:
    return set(User.objects.filter(team_mates_q(viewer)))


def test_team_members_owner_and_representatives_are_each_others_team_mates(
    owner, worker, family, representative
):
    everyone = {owner, worker, family, representative}
    for person in everyone:
        assert mates(person) == everyone


def test_people_outside_the_team_share_nothing(team, worker, outsider, bob):
    assert worker not in mates(outsider)
    assert outsider not in mates(worker)
    assert mates(outsider) == set()


def test_nobody_is_a_team_mate_of_an_anonymous_viewer(team):
    from django.contrib.auth.models import AnonymousUser

    assert mates(AnonymousUser()) == set()


def test_someone_who_left_is_no_longer_a_team_mate(team, worker, family):
    leave = give_notice(family, team, timezone.localdate())
    complete_leave(family, leave)
    assert family not in mates(worker)
    assert mates(family) == set()


def test_a_representative_past_their_date_is_no_longer_a_team_mate(
    team, worker, representative, time_machine
):
    rep = Representative.objects.get(person=representative)
    time_machine.move_to(rep.ends_on + datetime.timedelta(days=1))
    assert representative not in mates(worker)
    assert mates(representative) == set()


def test_it_works_inside_a_larger_query(owner, worker, outsider):
    from django.db.models import Q

    found = User.objects.filter(Q(pk=outsider.pk) | team_mates_q(worker)).count()
    assert found == 3
