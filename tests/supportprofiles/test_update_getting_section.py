"""services.getting.update_getting_section: who may write which section, and what is kept."""

import pytest

from coopcare.audit.models import AuditEvent
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.models import Notification
from coopcare.supportprofiles.models import GettingSupportProfile, ProfileSection
from coopcare.supportprofiles.sections import Audience, Section
from coopcare.supportprofiles.services.getting import update_getting_section
from coopcare.teams.models import Team


def _about(team) -> str:
    profile = GettingSupportProfile.objects.filter(team=team).first()
    return profile.about_me if profile else ""


@pytest.mark.parametrize("persona", ["owner", "representative", "profile_holder", "team_starter"])
def test_it_lets_the_profiles_writers_change_a_section_they_can_see(request, team, share, persona):
    share(Section.ABOUT_ME, Audience.TEAM_AND_SUPPORTERS)
    writer = request.getfixturevalue(persona)
    update_getting_section(writer, team, Section.ABOUT_ME, {"about_me": f"Written by {persona}"})
    assert _about(team) == f"Written by {persona}"


@pytest.mark.parametrize(
    "persona", ["worker", "family", "limited_rep", "outsider", "expired_rep", "bob", "admin"]
)
def test_it_refuses_anyone_else_and_changes_nothing(request, team, share, persona):
    share(Section.ABOUT_ME, Audience.TEAM_AND_SUPPORTERS)
    with pytest.raises(NotAllowed):
        update_getting_section(
            request.getfixturevalue(persona), team, Section.ABOUT_ME, {"about_me": "Hijacked"}
        )
    assert _about(team) == ""
    assert not AuditEvent.objects.filter(action="support_profile.changed").exists()


@pytest.mark.parametrize("persona", ["profile_holder", "team_starter"])
def test_it_refuses_a_writer_a_section_kept_from_them(request, team, persona):
    """Essentials start with the owner side only; a writer must be shown them first."""
    with pytest.raises(NotAllowed):
        update_getting_section(
            request.getfixturevalue(persona), team, Section.ESSENTIALS, {"communication": "BSL"}
        )


def test_it_records_a_representatives_change_as_on_behalf_of_the_owner(team, owner, representative):
    update_getting_section(representative, team, Section.ESSENTIALS, {"communication": "BSL"})
    row = ProfileSection.objects.get(section=Section.ESSENTIALS)
    assert (row.changed_by, row.changed_on_behalf_of) == (representative, owner)
    event = AuditEvent.objects.get(action="support_profile.changed")
    assert event.actor == representative
    assert event.subject == owner
    assert event.detail == {
        "team": team.pk,
        "section": "essentials",
        "on_behalf_of": owner.pk,
        "fields": ["communication"],
    }


def test_it_keeps_the_contents_out_of_the_audit_log_and_in_the_history(team, owner):
    update_getting_section(owner, team, Section.ESSENTIALS, {"advance_decisions": "DNACPR"})
    update_getting_section(owner, team, Section.ESSENTIALS, {"advance_decisions": "ReSPECT"})
    assert "DNACPR" not in str(list(AuditEvent.objects.values("changes", "detail")))
    profile = GettingSupportProfile.objects.get(team=team)
    versions = list(profile.history.order_by("history_date"))
    assert [v.advance_decisions for v in versions] == ["", "DNACPR", "ReSPECT"]
    assert versions[-1].history_user == owner


def test_it_tells_the_owner_when_someone_else_changes_their_profile(team, owner, profile_holder):
    update_getting_section(profile_holder, team, Section.ABOUT_ME, {"about_me": "Hi"})
    note = Notification.objects.get(recipient=owner)
    assert note.kind == "support_profile.changed"
    assert "Pat Pickles" in note.title
    assert note.url == f"/support-profiles/team/{team.pk}/#section-about_me"


def test_it_does_not_notify_the_owner_of_their_own_change(team, owner):
    update_getting_section(owner, team, Section.ABOUT_ME, {"about_me": "Hi"})
    assert not Notification.objects.exists()


def test_it_does_nothing_when_nothing_changes(team, owner):
    update_getting_section(owner, team, Section.ABOUT_ME, {"about_me": "Hi"})
    update_getting_section(owner, team, Section.ABOUT_ME, {"about_me": "  Hi  "})
    assert AuditEvent.objects.filter(action="support_profile.changed").count() == 1


def test_it_saves_the_support_approach_scales(team, owner):
    update_getting_section(
        owner, team, Section.APPROACH, {"scale_conversation": 2, "scale_going_out": None}
    )
    profile = GettingSupportProfile.objects.get(team=team)
    assert (profile.scale_conversation, profile.scale_going_out) == (2, None)


@pytest.mark.parametrize(
    ("section", "data", "field"),
    [
        (Section.ABOUT_ME, {"communication": "BSL"}, "communication"),
        (Section.ABOUT_ME, {"about_me": "x" * 5001}, "about_me"),
        (Section.ABOUT_ME, {"about_me": "bad\x00byte"}, "about_me"),
        (Section.ABOUT_ME, {"about_me": 12}, "about_me"),
        (Section.ESSENTIALS, {"mar_chart_location": "x" * 201}, "mar_chart_location"),
        (Section.APPROACH, {"scale_routine": 6}, "scale_routine"),
        (Section.APPROACH, {"scale_routine": True}, "scale_routine"),
        (Section.KEY_CONTACTS, {}, "section"),
        ("diary", {}, "section"),
    ],
)
def test_it_refuses_bad_input_with_a_message_and_changes_nothing(team, owner, section, data, field):
    with pytest.raises(DomainError) as refused:
        update_getting_section(owner, team, section, data)
    assert refused.value.field == field
    assert refused.value.message
    assert not GettingSupportProfile.objects.exists()


def test_it_refuses_changes_once_the_team_has_closed(team, owner):
    Team.objects.filter(pk=team.pk).update(status=Team.Status.CLOSED)
    team.refresh_from_db()
    with pytest.raises(DomainError, match="closed"):
        update_getting_section(owner, team, Section.ABOUT_ME, {"about_me": "Hi"})
