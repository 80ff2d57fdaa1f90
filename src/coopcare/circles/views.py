"""Skeleton: replaced by the real views."""

from django.http import Http404


def tree(request, **kwargs):
    raise Http404


def detail(request, **kwargs):
    raise Http404
