"""Skeleton: replaced by the real views."""

from django.http import Http404


def token_list(request, **kwargs):
    raise Http404


def revoke(request, **kwargs):
    raise Http404
