"""Domain errors: raised by services with a message a person can act on.

Views turn them into form errors or 4xx responses (never a 500); the API turns them into 400s
with the same message.
"""


class DomainError(Exception):
    """A rule of the co-op stops this change. ``field`` names the form field at fault, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    """The person may see this but may not do this to it (shown as 403)."""
