"""Template tags for showing MAR doses on other apps' pages (the appointment page)."""

from django import template

from coopcare.medicines import page

register = template.Library()


@register.simple_tag(takes_context=True)
def appointment_doses(context, appointment, viewer) -> list[page.Row]:
    """``{% appointment_doses appointment viewer as rows %}``: the doses due during the visit
    for a viewer who may see the MAR, each with a form where they may record it; else none."""
    if appointment is None or viewer is None or not getattr(viewer, "is_authenticated", False):
        return []
    request = context.get("request")
    next_url = request.get_full_path() if request is not None else ""
    return page.appointment_rows(viewer, appointment, next_url=next_url)
