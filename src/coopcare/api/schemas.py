"""Error shapes shared by every endpoint, so the OpenAPI document lists what a client may get."""

from typing import Any

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in words a person can act on.")


class RuleErrorOut(Schema):
    detail: str = Field(description="Why the change was refused; nothing was changed.")
    field: str | None = Field(description="The field at fault, if one is.")


class ShapeErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(description="Each part of the request not as documented.")


ERRORS: dict[int, type[Schema]] = {
    400: RuleErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ShapeErrorOut,
    429: ErrorOut,
}


def responses(ok: Any, *codes: int) -> dict[int, Any]:
    """A route's responses: ``ok`` for 200, the errors it can give, and 401/429, which any can."""
    return {200: ok, **{code: ERRORS[code] for code in sorted({401, 429, *codes})}}
