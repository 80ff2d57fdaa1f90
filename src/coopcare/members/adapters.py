"""Hooks into django-allauth: account emails go out through a background task."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from coopcare.notifications.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render the message now, while the request is here, and send it from a task."""
        request = allauth_context.request
        ctx: dict[str, Any] = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        body, html = str(message.body), ""
        if message.content_subtype == "html":
            body, html = "", body
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = str(content)
        send_email.enqueue(
            to=list(message.to),
            subject=str(message.subject),
            body=body,
            html=html,
            from_email=str(message.from_email or ""),
        )
