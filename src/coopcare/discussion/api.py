"""API endpoints for a team's discussion: the same access rules and services as the pages.

Mount with ``api.add_router("/", discussion_router, tags=["discussion"])``; the paths carry
``/teams/{team_id}/discussion/``.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from coopcare.api.schemas import responses
from coopcare.discussion import access, selectors, services
from coopcare.discussion.models import Message
from coopcare.discussion.schemas import MessageIn, MessageOut, MessagePatch, ThreadIn, ThreadOut

PAGE_SIZE = 25
BASE = "/teams/{int:team_id}/discussion"

router = Router()


def _person(person) -> dict[str, Any] | None:
    if person is None or not getattr(person, "can_see_name", False):
        return None
    return {"id": person.pk, "name": person.display_name}


def message_out(message: Message, viewer) -> dict[str, Any]:
    return {
        "id": message.pk,
        "thread": message.thread_id,
        "opens_thread": message.opens_thread,
        "author": _person(message.author),
        "on_behalf_of": _person(message.on_behalf_of),
        "posted_on_behalf": message.on_behalf_of_id is not None,
        "is_mine": message.author_id == viewer.pk,
        "body": message.body,
        "withdrawn": message.is_withdrawn,
        "created_at": message.created_at,
        "edited_at": message.edited_at,
    }


class MessagePagination(PageNumberPagination):
    """Page numbers; each message shaped for the viewer once the page is fetched."""

    def paginate_queryset(self, queryset: QuerySet, pagination: Any, request, **params) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = [message_out(m, request.auth) for m in page["items"]]
        return page


def _shown(viewer, message: Message) -> dict[str, Any]:
    """One message as the viewer sees it, fetched again with names resolved for them."""
    discussion = access.get_discussion_for(viewer, message.thread.team_id)
    listed = selectors.messages_for(viewer, message.thread, discussion.windows)
    return message_out(listed.get(pk=message.pk), viewer)


@router.get(
    BASE + "/threads",
    response=responses(list[ThreadOut], 404, 422),
    summary="Threads of a team's discussion",
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def discussion_threads(request: HttpRequest, team_id: int) -> QuerySet:
    """Threads with a message you may read, newest activity first."""
    discussion = access.get_discussion_for(request.auth, team_id)
    return selectors.threads_for(request.auth, discussion.team, discussion.windows)


@router.post(
    BASE + "/threads",
    response=responses(MessageOut, 400, 403, 404, 422),
    summary="Start a thread",
)
def discussion_start_thread(request: HttpRequest, team_id: int, payload: ThreadIn) -> dict:
    """Returns the opening message. Everyone else who reads the discussion is notified."""
    discussion = access.get_discussion_for(request.auth, team_id, "post")
    thread = services.start_thread(
        request.auth,
        discussion.team,
        payload.title,
        payload.body,
        on_behalf=payload.on_behalf,
        request=request,
    )
    return _shown(request.auth, thread.messages.select_related("thread").get())


@router.get(
    BASE + "/threads/{int:thread_id}/messages",
    response=responses(list[MessageOut], 404, 422),
    summary="Messages of a thread",
)
@paginate(MessagePagination, page_size=PAGE_SIZE)
def discussion_messages(request: HttpRequest, team_id: int, thread_id: int) -> QuerySet:
    """The messages you may read, oldest first."""
    discussion, thread = access.get_thread_for(request.auth, team_id, thread_id)
    return selectors.messages_for(request.auth, thread, discussion.windows)


@router.post(
    BASE + "/threads/{int:thread_id}/messages",
    response=responses(MessageOut, 400, 403, 404, 422),
    summary="Reply in a thread",
)
def discussion_reply(
    request: HttpRequest, team_id: int, thread_id: int, payload: MessageIn
) -> dict:
    _discussion, thread = access.get_thread_for(request.auth, team_id, thread_id, "post")
    message = services.post_reply(
        request.auth, thread, payload.body, on_behalf=payload.on_behalf, request=request
    )
    return _shown(request.auth, message)


@router.patch(
    BASE + "/messages/{int:message_id}",
    response=responses(MessageOut, 400, 403, 404, 422),
    summary="Change your message (within 15 minutes)",
)
def discussion_edit_message(
    request: HttpRequest, team_id: int, message_id: int, payload: MessagePatch
) -> dict:
    message = access.get_message_for(request.auth, team_id, message_id, "change")
    message = services.edit_message(
        request.auth, message, payload.body, title=payload.title, request=request
    )
    return _shown(request.auth, message)


@router.post(
    BASE + "/messages/{int:message_id}/withdraw",
    response=responses(MessageOut, 400, 403, 404),
    summary="Withdraw your message",
)
def discussion_withdraw_message(request: HttpRequest, team_id: int, message_id: int) -> dict:
    """Its text is replaced by “withdrawn by the author”; nothing is deleted."""
    message = access.get_message_for(request.auth, team_id, message_id, "withdraw")
    message = services.withdraw_message(request.auth, message, request=request)
    return _shown(request.auth, message)
