"""Write audit events. Called by every service that changes or reads sensitive data."""

from typing import Any

from django.db import models
from django.http import HttpRequest

from coopcare.audit.models import AuditEvent


def _route(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return f"{request.method} {request.path}"[:200]


def record(
    action: str,
    *,
    actor: Any = None,
    target: models.Model | None = None,
    subject: Any = None,
    request: HttpRequest | None = None,
    route: str = "",
    purpose: str = "",
    changes: dict[str, Any] | None = None,
    detail: dict[str, Any] | None = None,
    kind: str = AuditEvent.Kind.CHANGE,
) -> AuditEvent:
    """Record that ``actor`` did ``action`` to ``target`` (about ``subject``, a person)."""
    if actor is not None and not getattr(actor, "is_authenticated", True):
        actor = None
    return AuditEvent.objects.create(
        kind=kind,
        action=action,
        actor=actor,
        subject=subject,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        route=route or _route(request),
        purpose=purpose,
        changes=changes or {},
        detail=detail or {},
    )


def record_read(action: str, **kwargs: Any) -> AuditEvent:
    """Record a read of sensitive data (the access log)."""
    return record(action, kind=AuditEvent.Kind.READ, **kwargs)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [before, after]}."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
