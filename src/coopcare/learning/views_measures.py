"""The Learning Lead's measures page: five measures for a circle over a chosen period.

HTTP only: ``access`` lets in the circle's Coach and Learning Lead (``learning.view_measures``),
``measures`` computes.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coopcare.errors import DomainError
from coopcare.learning import access, measures
from coopcare.learning.forms_passport import PeriodForm


@login_required
@require_GET
def measures_page(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle = access.get_circle_for(request.user, circle_id, "learning.view_measures")
    form = PeriodForm(request.GET or None)
    period, found = None, None
    if form.is_bound and form.is_valid():
        try:
            period = measures.parse_period(form.cleaned_data["start"], form.cleaned_data["end"])
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
    elif not form.is_bound:
        period = measures.default_period()
        form = PeriodForm(initial={"start": period.start, "end": period.end})
    if period is not None:
        found = measures.measures_for(circle, period)
    context = {"circle": circle, "form": form, "period": period, "measures": found}
    return render(request, "learning/measures.html", context, status=200 if found else 400)
