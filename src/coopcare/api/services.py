"""Personal access tokens: create, revoke, and note their use.

A token is shown to its owner once, when it is created; only its SHA-256 hash is stored, so a
copy of the database cannot be used to call the API as anyone.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coopcare.api.models import PersonalAccessToken, hash_token
from coopcare.api.selectors import TOKEN_PREFIX
from coopcare.audit.services import record
from coopcare.errors import DomainError, NotAllowed
from coopcare.notifications.services import notify

# "cc_" and eight random characters: enough to tell tokens apart, far too little to guess one.
VISIBLE_PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
NAME_MAX_LENGTH = PersonalAccessToken._meta.get_field("name").max_length
# Writing last_used_at on every request would turn each read into a write; a minute is precise
# enough for a person deciding which token is still in use.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def max_days() -> int:
    return settings.API_TOKEN_MAX_DAYS


def _validate(name: str, days: int) -> str:
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the token a name, so you can recognise it later."), field="name")
    if len(name) > NAME_MAX_LENGTH:
        raise DomainError(
            _("Use a name of %(max)d characters or fewer.") % {"max": NAME_MAX_LENGTH},
            field="name",
        )
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= max_days():
        raise DomainError(
            _("A token lasts between 1 and %(max)d days. Choose a number in that range.")
            % {"max": max_days()},
            field="days",
        )
    return name


@transaction.atomic
def create_token(
    person, name: str, days: int, request: HttpRequest | None = None
) -> tuple[PersonalAccessToken, str]:
    """Create a token for ``person``; return it with the raw value, which is never stored."""
    if not getattr(person, "is_active", False):
        raise NotAllowed(_("Only active accounts can have API tokens."))
    name = _validate(name, days)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = PersonalAccessToken.objects.create(
        person=person,
        name=name,
        prefix=raw[:VISIBLE_PREFIX_LENGTH],
        token_hash=hash_token(raw),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    record(
        "api_token.created",
        actor=person,
        target=token,
        subject=person,
        request=request,
        detail={"name": name, "prefix": token.prefix, "expires_at": token.expires_at.isoformat()},
    )
    # Tell the person, so a token they did not make (a stolen session) does not go unnoticed.
    notify(
        person,
        "security.api_token_created",
        _("A new API token was created: %(name)s") % {"name": name},
        body=_("If you did not create it, revoke it now and change your password."),
        url=reverse("tokens:list"),
    )
    return token, raw


@transaction.atomic
def revoke_token(
    person, token: PersonalAccessToken, request: HttpRequest | None = None
) -> PersonalAccessToken:
    """Stop a token working from now on. Only its owner may revoke it."""
    if token.person_id != person.pk:
        raise NotAllowed(_("You can only revoke your own tokens."))
    # Lock the row so two revocations in flight record one event, not two.
    token = PersonalAccessToken.objects.select_for_update(of=("self",)).get(pk=token.pk)
    if token.revoked_at is not None:
        raise DomainError(_("This token has already been revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        "api_token.revoked",
        actor=person,
        target=token,
        subject=person,
        request=request,
        detail={"name": token.name, "prefix": token.prefix},
    )
    return token


def note_token_used(token: PersonalAccessToken) -> None:
    """Keep ``last_used_at`` roughly current, writing at most once a minute per token.

    Bookkeeping, not a change a person made, so it writes no audit event. The conditional
    update means concurrent requests cannot move the time backwards or write twice.
    """
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    PersonalAccessToken.objects.filter(pk=token.pk).exclude(
        last_used_at__gt=now - LAST_USED_RESOLUTION
    ).update(last_used_at=now)
    token.last_used_at = now
