"""Skeleton: replaced by the real views."""

from django.http import Http404


def directory(request, **kwargs):
    raise Http404


def person(request, **kwargs):
    raise Http404


def profile(request, **kwargs):
    raise Http404


def privacy(request, **kwargs):
    raise Http404
