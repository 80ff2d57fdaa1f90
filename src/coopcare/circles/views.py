"""Circle pages: the tree of circles and one circle's page. HTTP only."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopcare.circles import access, selectors

MEMBERS_PER_PAGE = 25


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    access.require_circles_access(request.user)
    return render(request, "circles/tree.html", {"roots": selectors.circle_tree()})


@login_required
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    circle = access.get_circle_for(request.user, slug)
    hats = selectors.hats_with_visible_holders(request.user, circle)
    members = Paginator(selectors.circle_members_for(request.user, circle), MEMBERS_PER_PAGE)
    context = {
        "circle": circle,
        "children": selectors.labelled_child_circles(circle),
        "hats": hats,
        "unworn": selectors.unworn_hat_types(circle, hats),
        "members_page": members.get_page(request.GET.get("page")),
    }
    return render(request, "circles/detail.html", context)
