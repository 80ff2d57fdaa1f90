"""Small helpers the starting pages share."""

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from coopcare.errors import DomainError

PER_PAGE = 25


def form_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the field it names, or at the top of the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def page_of(request: HttpRequest, queryset: QuerySet) -> Page:
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
