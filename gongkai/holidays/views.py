from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import get_agency_for_user

from .calendar import get_calendar
from .explain import DEFAULT_DAYS, explain
from .forms import BlockFormSet, DeadlineForm, NoticeForm
from .models import DayOverride
from .notice import Block, block_errors, enter_notice


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


@login_required
def enter_notice_view(request):
    """The platform administrator enters a year's State Council holiday notice, block by block
    (docs/calendar.md); the rows are written in one transaction by ``notice.enter_notice``."""
    if not request.user.is_superuser:
        raise PermissionDenied
    today = timezone.localdate()
    form = NoticeForm(request.POST or None, initial={"year": today.year + 1})
    blocks = BlockFormSet(request.POST or None, prefix="block")
    if request.method == "POST" and form.is_valid() and blocks.is_valid():
        year = form.cleaned_data["year"]
        entered = [
            Block(d["name"], d["first"], d["last"], d["workdays"]) for d in blocks.cleaned_data if d
        ]
        problems = block_errors(year, entered) if entered else [(None, _("请至少填写一个假期。"))]
        forms_used = [f for f in blocks.forms if f.cleaned_data]
        for index, message in problems:
            if index is None:
                form.add_error(None, message)
            else:
                forms_used[index].add_error(None, message)
        if not problems:
            try:
                count = enter_notice(
                    year,
                    entered,
                    source=form.cleaned_data["source"],
                    replace=form.cleaned_data["replace"],
                )
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("已录入%(year)s年节假日安排：%(count)s 天。")
                    % {"year": year, "count": count},
                )
                return redirect("holidays:notice")
    national = DayOverride.objects.national().filter(date__year__gte=today.year).order_by("date")
    ctx = {"form": form, "blocks": blocks, "national": national}
    return render(request, "holidays/notice.html", ctx)
