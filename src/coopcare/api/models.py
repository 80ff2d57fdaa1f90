"""Personal access tokens for the JSON API: hashed at rest, revocable, with an expiry."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone


def hash_token(raw: str) -> str:
    # Tokens are 256-bit random values, so a fast unsalted hash is enough (no dictionary to attack).
    return hashlib.sha256(raw.encode()).hexdigest()


class PersonalAccessToken(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12, help_text="The first characters, to recognise it.")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
