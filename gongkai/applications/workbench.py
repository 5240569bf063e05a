"""The staff workbench: the queue's filters, ordering, urgency and its XLSX export.

The queue is one paged query (select_related, no per-row queries), ordered by the next date
anything is due (``Application.next_due_on``, kept by every transition), so it stays fast at
100,000 cases (bench/applications_bench.py).
"""

from __future__ import annotations

from io import BytesIO
from urllib.parse import quote

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import ApplicantType, Channel, Status
from .models import Application
from .seek import SORT

PAGE_SIZE = 50
# Cases due within this many working days are flagged amber (the reminder window).
SOON_WORKING_DAYS = 3


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("未办结"))] + Status.choices + [("all", _("全部"))],
    )
    channel = forms.ChoiceField(
        label=_("申请渠道"), required=False, choices=[("", _("全部"))] + Channel.choices
    )
    applicant_type = forms.ChoiceField(
        label=_("申请人类型"), required=False, choices=[("", _("全部"))] + ApplicantType.choices
    )
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2008, max_value=2100)
    assignee = forms.ModelChoiceField(
        label=_("经办人"), required=False, queryset=None, empty_label=_("全部")
    )

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users


def queue_rows(agency, filters: QueueFilterForm):
    """The body's applications for the queue (unfinished by default), soonest due first."""
    rows = Application.objects.filter(agency=agency).select_related("assignee")
    data = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    status = data.get("status") or ""
    if status == "":
        rows = rows.open()
    elif status != "all":
        rows = rows.filter(status=status)
    for field in ("channel", "applicant_type", "year", "assignee"):
        if data.get(field):
            rows = rows.filter(**{field: data[field]})
    return rows.order_by(*SORT).only(
        "receipt_number",
        "status",
        "channel",
        "applicant_type",
        "summary",
        "received_on",
        "next_due_on",
        "next_due_label",
        "due_provisional",
        "closed_on",
        "outcome",
        "year",
        "queue_key",
        "assignee__username",
        "assignee__first_name",
        "assignee__last_name",
        "agency_id",
    )


def urgency(calendar, next_due, today) -> str:
    """overdue / soon (within SOON_WORKING_DAYS working days) / "" for the queue's colours."""
    if next_due is None:
        return ""
    if next_due < today:
        return "overdue"
    if calendar.working_days_between(today, next_due).days <= SOON_WORKING_DAYS:
        return "soon"
    return ""


def with_urgency(rows, agency, today):
    """(row, urgency) pairs; each row also gets its labels resolved once here, not per cell in
    the template (translated choice labels and ``{% url %}`` were most of a render's time)."""
    from django.urls import reverse

    from gongkai.holidays.calendar import get_calendar

    calendar = get_calendar(agency)
    labels = {
        name: {value: str(label) for value, label in choices.choices}
        for name, choices in (("status", Status), ("channel", Channel), ("type", ApplicantType))
    }
    # One reverse() for the page, each receipt number quoted as {% url %} would.
    base = reverse("applications:detail", kwargs={"slug": agency.slug, "receipt": "0"})[:-2]
    out = []
    for row in rows:
        row.q_url = f"{base}{quote(row.receipt_number)}/"
        row.q_status = labels["status"].get(row.status, row.status)
        row.q_channel = labels["channel"].get(row.channel, row.channel)
        row.q_type = labels["type"].get(row.applicant_type, row.applicant_type)
        row.q_summary = row.summary if len(row.summary) <= 40 else row.summary[:39] + "…"
        row.q_assignee = str(row.assignee) if row.assignee_id else "—"
        out.append((row, "" if row.is_closed else urgency(calendar, row.next_due_on, today)))
    return out


# Query parameters of the pager; the filters are everything else and stay in its links.
PAGER_PARAMS = ("page", "after", "before", "n")


def query_without_page(query) -> str:
    q = query.copy()
    for name in PAGER_PARAMS:
        q.pop(name, None)
    return q.urlencode()


EXPORT_HEADERS = (
    "受理编号",
    "收到日期",
    "申请渠道",
    "申请人类型",
    "申请内容",
    "状态",
    "下一期限",
    "经办人",
    "办结日期",
    "办理结果",
)


def export_xlsx(agency, rows) -> bytes:
    """The queue as a workbook; no names or ID numbers (PIPL: exports leave the platform)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "依申请公开"
    sheet.append(EXPORT_HEADERS)
    for app in rows.iterator(chunk_size=2000):
        sheet.append(
            [
                app.receipt_number,
                app.received_on,
                app.get_channel_display(),
                app.get_applicant_type_display(),
                app.summary,
                app.get_status_display(),
                app.next_due_on,
                str(app.assignee or ""),
                app.closed_on,
                app.outcome,
            ]
        )
    for column in ("B", "G", "I"):
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
