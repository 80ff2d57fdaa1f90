"""Team-mates and the privacy rule: "my team(s)" is real now, and every form of the rule agrees."""

import pytest
from django.contrib.auth import get_user_model

from coopcare.members.models import Audience, Section
from coopcare.members.privacy import (
    ALL_SECTIONS,
    can_see_section,
    hidden_section_q,
    viewer_counts,
    viewers_q,
    visible_section_q,
)
from coopcare.members.services.profiles import set_privacy_choice

User = get_user_model()


def test_it_shows_a_team_only_section_to_team_mates_and_nobody_else(
    owner, worker, family, representative, outsider, bob
):
    set_privacy_choice(owner, owner, Section.CONTACT, Audience.TEAMS)
    assert can_see_section(worker, owner, Section.CONTACT)
    assert can_see_section(family, owner, Section.CONTACT)
    assert can_see_section(representative, owner, Section.CONTACT)
    assert not can_see_section(outsider, owner, Section.CONTACT)
    assert not can_see_section(bob, owner, Section.CONTACT)  # same circle, not the team


def test_it_lets_a_representative_who_is_not_a_member_see_team_mates_names(
    representative, worker, outsider
):
    assert can_see_section(representative, worker, Section.NAME)
    assert not can_see_section(representative, outsider, Section.NAME)


@pytest.mark.parametrize("section", [Section.CONTACT, Section.NAME])
@pytest.mark.parametrize("audience", [Audience.TEAMS, Audience.CIRCLE, Audience.MEMBERS])
def test_every_form_of_the_rule_agrees_about_team_mates(
    audience, section, owner, worker, family, representative, outsider, bob, alice
):
    people = [owner, worker, family, representative, outsider, bob, alice]
    for subject in (owner, worker):
        for each in ALL_SECTIONS:
            set_privacy_choice(subject, subject, each, audience)
        viewers = set(User.objects.filter(viewers_q(subject, section)).values_list("pk", flat=True))
        counts = viewer_counts(subject)
        expected_count = 0
        for viewer in people:
            single = can_see_section(viewer, subject, section)
            listed = User.objects.filter(visible_section_q(viewer, section), pk=subject.pk).exists()
            hidden = User.objects.filter(hidden_section_q(viewer, section), pk=subject.pk).exists()
            where = (audience, subject.email, viewer.email)
            assert listed is single, where
            assert hidden is not single, where
            assert (viewer.pk in viewers) is single, where
            expected_count += single and viewer.pk != subject.pk
        total_active = User.objects.filter(viewers_q(subject, section), is_active=True)
        assert counts[section] == total_active.exclude(pk=subject.pk).count()
        assert counts[section] >= expected_count
