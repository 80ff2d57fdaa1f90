from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def membership(request: HttpRequest) -> dict:
    """Whether the person is a current member, worked out only if a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_member": False}
    from coopcare.members.selectors import is_member  # noqa: PLC0415

    return {"is_member": SimpleLazyObject(lambda: is_member(user))}
