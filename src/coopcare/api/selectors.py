"""Read queries about personal access tokens."""

from django.db.models import QuerySet
from django.utils import timezone

from coopcare.api.models import PersonalAccessToken, hash_token

# Not a secret: every token starts with it, so people and secret scanners can recognise one.
TOKEN_PREFIX = "cc_"  # noqa: S105


def tokens_of(person) -> QuerySet[PersonalAccessToken]:
    """A person's tokens, newest first, revoked and expired ones included (they are history)."""
    return PersonalAccessToken.objects.filter(person=person).order_by("-created_at", "-pk")


def find_usable_token(raw: str) -> PersonalAccessToken | None:
    """The unrevoked, unexpired token of an active account matching ``raw``, if any."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    return (
        PersonalAccessToken.objects.select_related("person__profile")
        .filter(
            token_hash=hash_token(raw),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            person__is_active=True,
        )
        .first()
    )
