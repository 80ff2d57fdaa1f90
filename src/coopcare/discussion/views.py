"""Team discussion pages: the list of threads, one thread, changing and withdrawing a message.

HTTP only: ``access`` decides who reaches what, ``services`` makes every change.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coopcare.discussion import access, selectors, services
from coopcare.discussion.forms import EditForm, MessageForm, ThreadForm
from coopcare.discussion.models import EDIT_WINDOW
from coopcare.errors import DomainError
from coopcare.members.models import Section
from coopcare.members.privacy import can_see_section
from coopcare.teams.selectors import on_behalf_of

PER_PAGE = 25


def _owner_name(request: HttpRequest, discussion: access.Discussion) -> str:
    """How to name the owner in the "on behalf of" choice, offered only to someone acting for
    them now (the name itself only if the owner's privacy choices show it to them)."""
    if not discussion.can_post or on_behalf_of(request.user, discussion.team) is None:
        return ""
    owner = discussion.team.owner
    if can_see_section(request.user, owner, Section.NAME):
        return owner.display_name
    return _("the team owner")


def _fail(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def message_url(message) -> str:
    """A link to one message: the thread page that holds it, scrolled to it."""
    url = reverse("discussion:thread", args=[message.thread.team_id, message.thread_id])
    return f"{url}?message={message.pk}#message-{message.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest, team_id: int) -> HttpResponse:
    discussion = access.get_discussion_for(
        request.user, team_id, "post" if request.method == "POST" else "view"
    )
    owner_name = _owner_name(request, discussion)
    form = (
        ThreadForm(request.POST if request.method == "POST" else None, owner_name=owner_name)
        if discussion.can_post
        else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.start_thread(
                request.user,
                discussion.team,
                form.cleaned_data["title"],
                form.cleaned_data["body"],
                on_behalf=form.cleaned_data.get("on_behalf", False),
                request=request,
            )
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Your thread has started."))
            return redirect("discussion:thread", team_id=discussion.team.pk, thread_id=thread.pk)
    threads = selectors.threads_for(request.user, discussion.team, discussion.windows)
    context = {
        "discussion": discussion,
        "team": discussion.team,
        "page": Paginator(threads, PER_PAGE).get_page(request.GET.get("page")),
        "form": form,
    }
    return render(request, "discussion/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, team_id: int, thread_id: int) -> HttpResponse:
    action = "post" if request.method == "POST" else "view"
    discussion, found = access.get_thread_for(request.user, team_id, thread_id, action)
    owner_name = _owner_name(request, discussion)
    form = (
        MessageForm(request.POST if request.method == "POST" else None, owner_name=owner_name)
        if discussion.can_post
        else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            message = services.post_reply(
                request.user,
                found,
                form.cleaned_data["body"],
                on_behalf=form.cleaned_data.get("on_behalf", False),
                request=request,
            )
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Your reply is posted."))
            return redirect(message_url(message))
    listed = selectors.messages_for(request.user, found, discussion.windows)
    number = request.GET.get("page")
    if request.GET.get("message", "").isdigit():
        before = selectors.messages_before(listed, int(request.GET["message"]))
        number = str(before // PER_PAGE + 1) if before is not None else number
    context = {
        "discussion": discussion,
        "team": discussion.team,
        "thread": found,
        "page": Paginator(listed, PER_PAGE).get_page(number),
        "hidden_earlier": selectors.hidden_earlier(found, discussion.windows),
        "form": form,
        # Messages posted after this can still be changed by their author.
        "edit_cutoff": timezone.now() - EDIT_WINDOW,
    }
    return render(request, "discussion/thread.html", context)


def _back_to(message) -> str:
    return reverse("discussion:thread", args=[message.thread.team_id, message.thread_id])


@login_required
@require_http_methods(["GET", "POST"])
def edit_message(request: HttpRequest, team_id: int, message_id: int) -> HttpResponse:
    message = access.get_message_for(request.user, team_id, message_id, "change")
    if message.is_withdrawn or timezone.now() > message.editable_until():
        messages.error(
            request, _("A message can be changed only in the 15 minutes after it is posted.")
        )
        return redirect(_back_to(message))
    initial = {"body": message.body, "title": message.thread.title}
    form = EditForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        opens_thread=message.opens_thread,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_message(
                request.user,
                message,
                form.cleaned_data["body"],
                title=form.cleaned_data.get("title"),
                request=request,
            )
        except DomainError as error:
            _fail(form, error)
        else:
            messages.success(request, _("Your message is changed."))
            return redirect(message_url(message))
    return render(
        request, "discussion/edit.html", {"form": form, "message": message, "team": message.team}
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw_message(request: HttpRequest, team_id: int, message_id: int) -> HttpResponse:
    message = access.get_message_for(request.user, team_id, message_id, "withdraw")
    if request.method == "POST":
        try:
            services.withdraw_message(request.user, message, request=request)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your message is withdrawn."))
        return redirect(_back_to(message))
    return render(request, "discussion/withdraw.html", {"message": message, "team": message.team})
