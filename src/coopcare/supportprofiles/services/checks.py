"""Checks shared by the support-profile services: every value is tidied or refused here, with a
message a person can act on, so pages and the API refuse the same things in the same words."""

from typing import Any

from django.utils.translation import gettext as _

from coopcare.errors import DomainError
from coopcare.supportprofiles.scales import HIGHEST, LOWEST


def clean_text(name: str, value: Any, limit: int, required: str = "") -> str:
    """Text, stripped, within ``limit`` characters. ``required`` is the message when empty."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("Enter text here."), field=name)
    # PostgreSQL refuses NUL characters; refuse them here, with a message, instead of a 500.
    if "\x00" in value:
        raise DomainError(_("Remove the invisible control characters from this text."), field=name)
    value = value.strip()
    if len(value) > limit:
        raise DomainError(_("Use %(max)d characters or fewer.") % {"max": limit}, field=name)
    if required and not value:
        raise DomainError(required, field=name)
    return value


def clean_whole_number(
    name: str, value: Any, lowest: int, highest: int, message: str
) -> int | None:
    """A whole number in range, or None for "not given"."""
    if value is None or value == "":
        return None
    # bool is an int in Python; true/false is not an answer to "how many".
    if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
        raise DomainError(message, field=name)
    return value


def clean_scale(name: str, value: Any) -> int | None:
    return clean_whole_number(
        name,
        value,
        LOWEST,
        HIGHEST,
        _("Choose a point from %(low)d to %(high)d, or leave it unanswered.")
        % {"low": LOWEST, "high": HIGHEST},
    )


def clean_flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise DomainError(_("Answer yes or no."), field=name)
    return value


def clean_choices(name: str, value: Any, allowed: list[str] | tuple[str, ...]) -> list[str]:
    """A list of known choices, without repeats, in the order they are offered."""
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise DomainError(_("Choose from the list."), field=name)
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise DomainError(_("Choose from the list."), field=name)
    return [choice for choice in allowed if choice in value]
