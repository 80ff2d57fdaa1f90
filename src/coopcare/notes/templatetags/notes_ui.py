"""How care notes show a person's name and who may read a note, in plain words."""

from django import template
from django.utils.translation import gettext as _

from coopcare.notes.models import Readership

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


@register.simple_tag
def readers_in_words(note, owner_name: str) -> str:
    """Who may read ``note``, as a sentence."""
    words = {"owner": owner_name}
    if note.readership == Readership.TEAM:
        return _("The whole team, and the people acting for %(owner)s.") % words
    if note.readership == Readership.GIVERS_AND_OWNER:
        return (
            _(
                "Only %(owner)s, the people acting for them, the paid workers in the team and "
                "the author."
            )
            % words
        )
    return (
        _("Only the people named below, %(owner)s, the people acting for them and the author.")
        % words
    )


@register.filter
def file_size(size: int) -> str:
    """Bytes as people read them: "820 KB", "3.2 MB"."""
    if size < 1024 * 1024:
        return _("%(n)s KB") % {"n": max(1, round(size / 1024))}
    return _("%(n).1f MB") % {"n": size / (1024 * 1024)}
