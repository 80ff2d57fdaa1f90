from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def membership(request: HttpRequest) -> dict:
    """Whether the person is a member, and admits members; worked out only if a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_member": False, "can_admit": False}
    return {
        "is_member": SimpleLazyObject(lambda: user.has_perm("members.view_directory")),
        "can_admit": SimpleLazyObject(lambda: user.has_perm("members.list_applications")),
    }
