"""services.getting.set_section_audience: only the owner side chooses who sees a section."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.supportprofiles.models import ProfileSection
from coopcare.supportprofiles.sections import Audience, Section
from coopcare.supportprofiles.selectors import audience_candidates
from coopcare.supportprofiles.services.getting import set_section_audience


def test_it_lets_the_owner_choose_an_audience(team, owner):
    set_section_audience(owner, team, Section.ESSENTIALS, Audience.TEAM)
    row = ProfileSection.objects.get(section=Section.ESSENTIALS)
    assert (row.audience, row.audience_chosen_by, row.audience_chosen_on_behalf_of) == (
        Audience.TEAM,
        owner,
        None,
    )
    event = AuditEvent.objects.get(action="support_profile.audience_changed")
    assert event.changes == {"audience": ["owner", "team"]}
    assert event.subject == owner


def test_it_records_a_representatives_choice_on_behalf_of_the_owner(
    team, owner, representative, family
):
    set_section_audience(representative, team, Section.WELLBEING, Audience.NAMED, [family.pk])
    row = ProfileSection.objects.get(section=Section.WELLBEING)
    assert row.audience_chosen_on_behalf_of == owner
    assert list(row.named_people.all()) == [family]
    event = AuditEvent.objects.get(action="support_profile.audience_changed")
    assert event.detail["on_behalf_of"] == owner.pk
    assert Notification.objects.get(recipient=owner).kind == "support_profile.changed"


@pytest.mark.parametrize(
    "persona", ["limited_rep", "profile_holder", "team_starter", "worker", "family", "outsider"]
)
def test_it_refuses_everyone_else(request, team, persona):
    with pytest.raises(NotAllowed):
        set_section_audience(
            request.getfixturevalue(persona), team, Section.ESSENTIALS, Audience.TEAM
        )
    assert not ProfileSection.objects.exists()


def test_it_offers_the_team_the_people_acting_for_the_owner_and_its_supporters(
    team, representative, worker, family, team_starter, outsider
):
    offered = {pk for pk, _name in audience_candidates(team)}
    assert offered == {representative.pk, worker.pk, family.pk, team_starter.pk}


@pytest.mark.parametrize(
    ("section", "audience", "named", "field"),
    [
        ("diary", Audience.TEAM, [], "section"),
        (Section.ABOUT_ME, "everyone", [], "audience"),
        (Section.ABOUT_ME, Audience.NAMED, [], "named_people"),
        (Section.ABOUT_ME, Audience.NAMED, ["outsider"], "named_people"),
        (Section.ABOUT_ME, Audience.NAMED, ["owner"], "named_people"),
        (Section.ABOUT_ME, Audience.NAMED, [True], "named_people"),
    ],
)
def test_it_refuses_bad_choices_and_changes_nothing(
    request, team, owner, outsider, section, audience, named, field
):
    ids = [request.getfixturevalue(n).pk if isinstance(n, str) else n for n in named]
    with pytest.raises(DomainError) as refused:
        set_section_audience(owner, team, section, audience, ids)
    assert refused.value.field == field
    assert not ProfileSection.objects.exists()


def test_it_records_nothing_when_the_choice_is_unchanged(team, owner, family):
    set_section_audience(owner, team, Section.ABOUT_ME, Audience.NAMED, [family.pk])
    set_section_audience(owner, team, Section.ABOUT_ME, Audience.NAMED, [family])
    assert AuditEvent.objects.filter(action="support_profile.audience_changed").count() == 1


def test_it_keeps_the_history_of_choices(team, owner, family):
    set_section_audience(owner, team, Section.ABOUT_ME, Audience.NAMED, [family.pk])
    set_section_audience(owner, team, Section.ABOUT_ME, Audience.OWNER)
    row = ProfileSection.objects.get(section=Section.ABOUT_ME)
    audiences = [h.audience for h in row.history.order_by("history_date", "history_id")]
    # Changing the named people is a version of its own; count each audience once.
    assert list(dict.fromkeys(audiences)) == ["", "named", "owner"]
    assert row.history.filter(audience="named").first().named_people.count() == 1
