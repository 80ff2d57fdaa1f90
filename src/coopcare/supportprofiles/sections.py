"""The sections of the Getting Support Profile, who may see them, and the fields in each.

The sections are those of the playbook (§3.5, DOMAIN.md), plus "how I like support to be", which
holds the six support-approach scales so the owner can choose an audience for them too. Each
section has its own audience, chosen by the owner (or someone acting for them with the
"manage_profile" scope); until they choose, the default below applies — the most private choice
that still lets a team work.
"""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coopcare.supportprofiles.scales import SCALE_FIELDS


class Section(models.TextChoices):
    ABOUT_ME = "about_me", _("About me")
    ESSENTIALS = "essentials", _("Essentials")
    KEY_CONTACTS = "key_contacts", _("Key contacts")
    WHATS_IMPORTANT = "whats_important", _("What’s important to me")
    WELLBEING = "wellbeing", _("Physical and mental wellbeing")
    RELATIONSHIPS = "relationships", _("Relationships and community")
    SURROUNDINGS = "surroundings", _("Surroundings and home")
    APPROACH = "approach", _("How I like support to be")


class Audience(models.TextChoices):
    """From narrowest to widest. The owner side always sees every section."""

    OWNER = "owner", _("Only me and people acting for me")
    NAMED = "named", _("People I name")
    TEAM = "team", _("My team")
    TEAM_AND_SUPPORTERS = "team_and_supporters", _("My team and its Team Starter or Coach")


# Essentials (resuscitation decisions, legal powers), health and the contact list stay with the
# owner side until the owner chooses; what a team needs day to day starts with the team.
DEFAULT_AUDIENCE: dict[str, str] = {
    Section.ABOUT_ME: Audience.TEAM,
    Section.ESSENTIALS: Audience.OWNER,
    Section.KEY_CONTACTS: Audience.OWNER,
    Section.WHATS_IMPORTANT: Audience.TEAM,
    Section.WELLBEING: Audience.OWNER,
    Section.RELATIONSHIPS: Audience.TEAM,
    Section.SURROUNDINGS: Audience.TEAM,
    Section.APPROACH: Audience.TEAM,
}

# The profile's own fields in each section. Key contacts are rows of their own (KeyContact).
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    Section.ABOUT_ME: ("about_me", "current_situation"),
    Section.ESSENTIALS: (
        "advance_decisions",
        "communication",
        "mar_chart_location",
        "legal_powers",
        "routines_and_assessments",
    ),
    Section.KEY_CONTACTS: (),
    Section.WHATS_IMPORTANT: ("important_to_me", "good_support"),
    Section.WELLBEING: (
        "health_conditions",
        "medicines",
        "mobility_and_equipment",
        "mental_wellbeing",
    ),
    Section.RELATIONSHIPS: ("family_and_friends", "faith_and_community"),
    Section.SURROUNDINGS: ("home", "help_at_home"),
    Section.APPROACH: SCALE_FIELDS,
}
ALL_SECTIONS: list[str] = [s.value for s in Section]
EDITABLE_FIELDS: frozenset[str] = frozenset(f for fields in SECTION_FIELDS.values() for f in fields)

# How reads appear in a person's access log ("who has viewed my data"): each logged key with the
# words the privacy page shows for it.
READ_PREFIX = "support_profile."
GIVING_PROFILE_READ = "giving_support_profile"
ACCESS_LOG_LABELS: dict[str, object] = {
    **{
        f"{READ_PREFIX}{section.value}": format_lazy(
            "{}: {}", _("Getting Support Profile"), section.label
        )
        for section in Section
    },
    GIVING_PROFILE_READ: _("Giving Support Profile"),
}


def logged_section(section: str) -> str:
    return f"{READ_PREFIX}{section}"
