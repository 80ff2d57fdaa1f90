"""The six support-approach scales, defined once for both profiles.

The Getting Support Profile says how the owner likes support to be; the Giving Support Profile
says how the supporter likes to give it. Both answer the same six questions on the same 1–5 scale,
so matching can later compare them answer by answer. The model columns, the forms and the API
are all made from this list: add, remove or reword a scale here and nowhere else (a new scale
needs a migration, which ``makemigrations --check`` will ask for).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LOWEST, HIGHEST = 1, 5


@dataclass(frozen=True)
class Scale:
    key: str
    label: Promise
    low: Promise  # what 1 means
    high: Promise  # what 5 means

    @property
    def field(self) -> str:
        return f"scale_{self.key}"

    def choices(self) -> list[tuple[int, str]]:
        """Each point of the scale in words, so nobody has to guess what "2" means."""
        return [
            (1, str(self.low)),
            (2, _("Closer to “%(end)s”") % {"end": self.low}),
            (3, str(_("Somewhere in between"))),
            (4, _("Closer to “%(end)s”") % {"end": self.high}),
            (5, str(self.high)),
        ]

    def describe(self, value: int | None) -> str:
        """An answer in words, or "" when not answered."""
        return dict(self.choices()).get(value, "") if value is not None else ""


SCALES: tuple[Scale, ...] = (
    Scale("conversation", _("Conversation"), _("Chatty"), _("Quiet")),
    Scale("routine", _("Routine"), _("Same routine every time"), _("Spontaneous")),
    Scale("doing", _("Doing things"), _("Do it for me"), _("Help me do it myself")),
    Scale("tidiness", _("Tidiness"), _("Tidy"), _("Relaxed about mess")),
    Scale("time_of_day", _("Time of day"), _("Early bird"), _("Night owl")),
    Scale("going_out", _("Going out"), _("Out and about"), _("Homebody")),
)
SCALE_FIELDS: tuple[str, ...] = tuple(scale.field for scale in SCALES)
SCALE_BY_FIELD: dict[str, Scale] = {scale.field: scale for scale in SCALES}
