"""Background tasks that deliver email. Arguments are plain JSON so any backend can queue them."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(to: list[str], subject: str, body: str, html: str = "", from_email: str = "") -> int:
    """Send one email through Django's configured email backend; returns messages sent."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email or None, to=to
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


@task()
def send_digests() -> int:
    """Email each person their daily digest; returns how many digests were sent."""
    # Imported here: the digest module uses send_email from this module.
    from coopcare.notifications.digest import send_due_digests

    return send_due_digests()
