"""Skeleton: replaced by the real views."""

from django.http import Http404


def notification_list(request, **kwargs):
    raise Http404


def mark_read(request, **kwargs):
    raise Http404


def mark_all_read(request, **kwargs):
    raise Http404


def preferences(request, **kwargs):
    raise Http404
