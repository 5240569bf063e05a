from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.agencies.access import get_agency_for_user

from .calendar import get_calendar
from .explain import DEFAULT_DAYS, explain
from .forms import DeadlineForm


@login_required
def deadline(request, slug):
    """Due-date calculator on the body's own calendar (national data plus its local overrides).

    A GET form, so a result can be bookmarked or sent to a colleague.
    """
    agency = get_agency_for_user(request, slug)
    form = DeadlineForm(request.GET or None, initial={"days": DEFAULT_DAYS})
    explanation = None
    if form.is_valid():
        try:
            explanation = explain(
                get_calendar(agency), form.cleaned_data["received_on"], form.cleaned_data["days"]
            )
        except ValueError as exc:  # past 9999-12-31: the calendar's own message, as in the CLI
            form.add_error("received_on", str(exc))
    ctx = {"agency": agency, "form": form, "explanation": explanation}
    return render(request, "holidays/deadline.html", ctx)
