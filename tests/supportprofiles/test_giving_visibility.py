"""Who may see a Giving Support Profile: the rule, and the same rule as a queryset."""

import pytest
from django.contrib.auth.models import AnonymousUser

from coopcare.supportprofiles.access import can_see_giving_profile, giving_profiles_visible_to
from coopcare.supportprofiles.models import GivingSupportProfile
from coopcare.supportprofiles.services.giving import update_giving_profile

VIEWERS = [
    "worker",
    "owner",
    "family",
    "representative",
    "expired_rep",
    "outsider",
    "applicant",
    "alice",
    "admin",
]


@pytest.fixture
def viewers(
    request, worker, owner, family, representative, expired_rep, outsider, applicant, alice, admin
):
    return {name: request.getfixturevalue(name) for name in VIEWERS}


def _who_sees(viewers, profile) -> set[str]:
    return {name for name, person in viewers.items() if can_see_giving_profile(person, profile)}


def test_it_shows_a_closed_profile_only_to_themself_and_their_team_mates(viewers, worker):
    profile = update_giving_profile(worker, worker, {"open_to_new_owners": False})
    assert _who_sees(viewers, profile) == {"worker", "owner", "family", "representative"}


def test_it_shows_an_open_profile_to_every_member_as_well(viewers, worker):
    profile = update_giving_profile(worker, worker, {"open_to_new_owners": True})
    # alice and otto are members; the applicant and the superuser are not.
    assert _who_sees(viewers, profile) == {
        "worker",
        "owner",
        "family",
        "representative",
        "outsider",
        "alice",
    }


def test_it_stops_showing_it_when_they_leave_the_team(viewers, worker, team):
    profile = update_giving_profile(worker, worker, {})
    membership = team.members.get(person=worker)
    membership.status, membership.left_on = "left", membership.joined_on
    membership.save()
    assert _who_sees(viewers, profile) == {"worker"}


def test_it_shows_nothing_to_someone_signed_out(worker):
    profile = update_giving_profile(worker, worker, {"open_to_new_owners": True})
    assert not can_see_giving_profile(AnonymousUser(), profile)
    assert not giving_profiles_visible_to(AnonymousUser()).exists()


def test_its_queryset_form_agrees_with_the_rule(viewers, worker, family, outsider, alice, owner):
    update_giving_profile(worker, worker, {"open_to_new_owners": False})
    update_giving_profile(family, family, {"open_to_new_owners": True})
    update_giving_profile(outsider, outsider, {"open_to_new_owners": False})
    update_giving_profile(alice, alice, {"open_to_new_owners": True})
    update_giving_profile(owner, owner, {})
    profiles = list(GivingSupportProfile.objects.select_related("person"))
    for name, viewer in viewers.items():
        expected = {p.pk for p in profiles if can_see_giving_profile(viewer, p)}
        listed = set(giving_profiles_visible_to(viewer).values_list("pk", flat=True))
        assert listed == expected, name
