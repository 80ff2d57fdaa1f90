"""The privacy rule: every audience against every relationship, and all its forms agreeing."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from coopcare.circles.models import CircleMembership
from coopcare.members.models import DEFAULT_AUDIENCE, Audience, MemberClass, Section
from coopcare.members.privacy import (
    ALL_SECTIONS,
    annotate_visibility,
    audience_of,
    can_see_section,
    hidden_section_q,
    viewer_counts,
    viewers_q,
    visible_section_q,
    visible_sections,
)
from coopcare.members.services.profiles import set_privacy_choice
from tests.factories import CircleMembershipFactory, MembershipFactory, UserFactory

User = get_user_model()

RELATIONSHIPS = ["self", "named", "same_circle", "other_circle", "non_member", "anonymous"]

# audience → the relationships that may see a section with that audience.
EXPECTED = {
    Audience.ONLY_ME: {"self"},
    Audience.NAMED: {"self", "named"},
    Audience.TEAMS: {"self"},  # nobody is anybody's team-mate until Teams arrive
    Audience.CIRCLE: {"self", "same_circle"},
    Audience.MEMBERS: {"self", "named", "same_circle", "other_circle"},
}


@pytest.fixture
def viewers(alice, bob, dan, applicant, hebden_circle):
    named = UserFactory(email="nina@example.org", profile__name="Nina Named")
    MembershipFactory(person=named)
    CircleMembershipFactory(person=named, circle=hebden_circle)
    return {
        "self": alice,
        "named": named,
        "same_circle": bob,
        "other_circle": dan,
        "non_member": applicant,
        "anonymous": AnonymousUser(),
    }


def _choose(person, audience: str, named: list) -> None:
    for section in ALL_SECTIONS:
        set_privacy_choice(person, person, section, audience, named)


def _fresh(person):
    """A new object for the viewer, so no cached membership answer leaks between checks."""
    return AnonymousUser() if person.pk is None else User.objects.get(pk=person.pk)


@pytest.mark.parametrize("audience", list(EXPECTED))
@pytest.mark.parametrize("relationship", RELATIONSHIPS)
def test_it_shows_a_section_only_to_its_audience(viewers, alice, audience, relationship):
    _choose(alice, audience, [viewers["named"]])
    viewer = viewers[relationship]
    expected = relationship in EXPECTED[audience]
    for section in ALL_SECTIONS:
        assert can_see_section(viewer, alice, section) is expected, (section, relationship)


def test_it_uses_the_default_audience_when_there_is_no_choice(viewers, alice):
    for section in ALL_SECTIONS:
        assert audience_of(alice, section) == (DEFAULT_AUDIENCE[section], [])
    # Names default to all members; contact details to the person only.
    assert can_see_section(viewers["other_circle"], alice, Section.NAME)
    assert not can_see_section(viewers["same_circle"], alice, Section.CONTACT)
    assert can_see_section(viewers["same_circle"], alice, Section.MEMBERSHIP)
    assert not can_see_section(viewers["other_circle"], alice, Section.MEMBERSHIP)


def test_it_lets_a_named_non_member_see_the_section(viewers, alice):
    set_privacy_choice(alice, alice, Section.CONTACT, Audience.NAMED, [viewers["non_member"]])
    assert can_see_section(viewers["non_member"], alice, Section.CONTACT)
    assert not can_see_section(viewers["same_circle"], alice, Section.CONTACT)


def test_it_stops_showing_circle_sections_once_the_viewer_leaves_the_circle(viewers, alice, bob):
    set_privacy_choice(alice, alice, Section.LOCATION, Audience.CIRCLE)
    CircleMembership.objects.filter(person=bob).update(left_on=timezone.localdate())
    assert not can_see_section(_fresh(bob), alice, Section.LOCATION)


def test_it_stops_showing_member_sections_once_the_viewers_membership_ends(viewers, alice, dan):
    set_privacy_choice(alice, alice, Section.LOCATION, Audience.MEMBERS)
    dan.memberships.update(ended_at=timezone.now())
    assert not can_see_section(_fresh(dan), alice, Section.LOCATION)


def _agree(viewers, subjects) -> int:
    """Check every viewer by subject by section against the subjects' current choices."""
    checks = 0
    pks = [subject.pk for subject in subjects]
    can_view = {
        (subject.pk, section): set(
            User.objects.filter(viewers_q(subject, section)).values_list("pk", flat=True)
        )
        for subject in subjects
        for section in ALL_SECTIONS
    }
    for name, viewer in viewers.items():
        viewer = _fresh(viewer)
        rows = {
            row.pk: row
            for row in annotate_visibility(User.objects.filter(pk__in=pks), viewer, ALL_SECTIONS)
        }
        listed = {
            section: set(
                User.objects.filter(visible_section_q(viewer, section), pk__in=pks).values_list(
                    "pk", flat=True
                )
            )
            for section in ALL_SECTIONS
        }
        hidden = {
            section: set(
                User.objects.filter(hidden_section_q(viewer, section), pk__in=pks).values_list(
                    "pk", flat=True
                )
            )
            for section in ALL_SECTIONS
        }
        for subject in subjects:
            single = {s: can_see_section(viewer, subject, s) for s in ALL_SECTIONS}
            assert visible_sections(viewer, subject) == [s for s in ALL_SECTIONS if single[s]]
            for section in ALL_SECTIONS:
                where = (name, subject.email, section)
                assert (subject.pk in listed[section]) is single[section], where
                assert (subject.pk in hidden[section]) is not single[section], where
                assert getattr(rows[subject.pk], f"can_see_{section}") is single[section], where
                if viewer.is_authenticated:
                    assert (viewer.pk in can_view[subject.pk, section]) is single[section], where
                checks += 1
    for subject in subjects:
        counts = viewer_counts(subject)
        for section in ALL_SECTIONS:
            others = User.objects.filter(viewers_q(subject, section), is_active=True)
            assert counts[section] == others.exclude(pk=subject.pk).count(), (subject, section)
    return checks


def test_it_gives_the_same_answer_for_one_person_a_list_and_a_list_of_viewers(viewers, alice):
    """Exhaustive: every audience (and the defaults) by every relationship by every section,
    for a member and for a non-member whose data is looked at."""
    subjects = [alice, viewers["non_member"]]
    checks = _agree(viewers, subjects)
    for audience in Audience.values:
        for subject in subjects:
            _choose(subject, audience, [viewers["named"]])
        checks += _agree(viewers, subjects)
    assert checks == 6 * len(subjects) * len(RELATIONSHIPS) * len(ALL_SECTIONS)


def test_it_counts_viewers_as_the_rule_does_among_many_kinds_of_account(
    viewers, alice, bob, leeds_circle, hebden_circle
):
    """Closed accounts, two memberships at once, a member without a profile, a former member
    and someone who left the circle: the cheap counts still equal the rule's."""
    closed = UserFactory()
    MembershipFactory(person=closed)
    CircleMembershipFactory(person=closed, circle=leeds_circle)
    MembershipFactory(person=bob, member_class=MemberClass.INVESTOR, worker_kind="")
    no_profile = UserFactory(profile=None)
    MembershipFactory(person=no_profile)
    CircleMembershipFactory(person=no_profile, circle=leeds_circle)
    former = UserFactory()
    MembershipFactory(person=former, ended_at=timezone.now())
    CircleMembershipFactory(person=former, circle=leeds_circle)
    gone = UserFactory()
    MembershipFactory(person=gone)
    CircleMembershipFactory(person=gone, circle=leeds_circle, left_on=timezone.localdate())
    CircleMembershipFactory(person=alice, circle=hebden_circle)  # two circles, one count each
    set_privacy_choice(alice, alice, Section.CONTACT, Audience.NAMED, [bob, closed.pk])
    User.objects.filter(pk=closed.pk).update(is_active=False)  # named while open, closed since
    set_privacy_choice(alice, alice, Section.LANGUAGES, Audience.CIRCLE)
    for subject in [alice, bob, no_profile, viewers["non_member"]]:
        counts = viewer_counts(subject)
        for section in ALL_SECTIONS:
            others = User.objects.filter(viewers_q(subject, section), is_active=True)
            assert counts[section] == others.exclude(pk=subject.pk).count(), (subject, section)
    assert viewer_counts(alice)[Section.CONTACT] == 1  # bob; the closed account does not count
