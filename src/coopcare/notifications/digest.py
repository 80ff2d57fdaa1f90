"""The daily digest: one email per person listing the notifications they chose to hear about daily.

``send_digests`` (a task, queued each day by ``manage.py send_digests``) calls ``send_digest``
for everyone with something waiting. Each notification is claimed by setting ``emailed_at`` in
the same transaction that queues the email, so running it twice sends nothing new.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from coopcare.notifications.models import Notification
from coopcare.notifications.services import absolute_url
from coopcare.notifications.tasks import send_email

# Enough to read in one sitting; the rest are one click away on the notifications page.
LISTED_AT_MOST = 50


def people_due_a_digest() -> QuerySet:
    """Active people with an email address and at least one notification waiting for a digest."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(pk__in=Notification.objects.due_for_digest().values("recipient"))
        .order_by("pk")
    )


def send_digest(person) -> bool:
    """Queue one digest email for the person; False when there was nothing to send."""
    if not person.email or not person.is_active:
        return False
    with transaction.atomic():
        # skip_locked: a second run at the same moment leaves these to the first (PostgreSQL).
        due = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(recipient=person)
            .due_for_digest()
            .order_by("created_at", "id")
        )
        if not due:
            return False
        Notification.objects.filter(pk__in=[n.pk for n in due]).update(emailed_at=timezone.now())
        count = len(due)
        body = render_to_string(
            "notifications/email/digest.txt",
            {
                "notifications": [(n, absolute_url(n.link)) for n in due[:LISTED_AT_MOST]],
                "not_listed": max(count - LISTED_AT_MOST, 0),
                "list_link": absolute_url(reverse("notifications:list")),
                "preferences_link": absolute_url(reverse("notifications:preferences")),
                "site_name": settings.SITE_NAME,
            },
        )
        subject = ngettext(
            "[%(site)s] Your daily digest: %(count)d notification",
            "[%(site)s] Your daily digest: %(count)d notifications",
            count,
        ) % {"site": settings.SITE_NAME, "count": count}
        transaction.on_commit(
            partial(send_email.enqueue, to=[person.email], subject=subject, body=body)
        )
    return True


def send_due_digests() -> int:
    """Send every digest that is due; returns how many were sent."""
    return sum(send_digest(person) for person in people_due_a_digest().iterator())
