"""Skeleton: replaced by the real views."""

from django.http import Http404


def status(request, **kwargs):
    raise Http404


def apply(request, **kwargs):
    raise Http404


def applications(request, **kwargs):
    raise Http404


def application(request, **kwargs):
    raise Http404


def decide(request, **kwargs):
    raise Http404


def withdraw(request, **kwargs):
    raise Http404
