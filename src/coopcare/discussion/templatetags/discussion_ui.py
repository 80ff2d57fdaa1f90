"""How a person's name shows in the discussion: as the viewer's privacy rules allow."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def seen_name(person) -> str:
    """The name, if the person carries ``can_see_name`` (from ``annotate_visibility``) and it is
    true; otherwise words that say a name is not shared."""
    if person is None:
        return ""
    if getattr(person, "can_see_name", False):
        return person.display_name
    return _("A team member (name not shared)")
