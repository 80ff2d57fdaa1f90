"""The kinds of notification, with a label people recognise and a default delivery.

Each capability adds its kinds here, so the preferences page can list them all.
"""

from django.utils.translation import gettext_lazy as _

from coopcare.notifications.models import Delivery

KINDS: dict[str, tuple[str, str]] = {
    # kind: (label, default delivery)
    "membership.applied": (_("Someone applies to become a member"), Delivery.IMMEDIATELY),
    "membership.decided": (_("A decision on your membership application"), Delivery.IMMEDIATELY),
    "membership.ended": (_("Your membership ends or lapses"), Delivery.IMMEDIATELY),
    "circles.member_added": (_("You join a circle"), Delivery.DIGEST),
    "circles.hat_put_on": (_("You are given a hat in a circle"), Delivery.DIGEST),
    "circles.hat_taken_off": (_("A hat of yours is set to come off"), Delivery.DIGEST),
    "circles.member_removed": (_("You leave a circle"), Delivery.DIGEST),
    "security.api_token_created": (_("A new API token is created for you"), Delivery.IMMEDIATELY),
}


def default_delivery(kind: str) -> str:
    return KINDS.get(kind, ("", Delivery.DIGEST))[1]


def label(kind: str) -> str:
    return str(KINDS.get(kind, (kind, ""))[0])
