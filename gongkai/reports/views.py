"""Check published annual reports in the browser: the web face of ``gongkai check_report``.

For supervisors and researchers: upload one or many published reports (text, Markdown, HTML,
DOCX, PDF) and read each one's findings. Nothing is stored, nobody needs to log in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from gongkai.reportengine.cli import (
    VERDICT_CLEAN,
    VERDICT_ERRORS,
    VERDICT_UNREAD,
    VERDICT_UNREADABLE,
    Outcome,
    as_json,
    pair_years,
    read,
    verdict,
)
from gongkai.reportengine.figures import Severity
from gongkai.reportengine.parsing import parse_report

MAX_FILES = 20
MAX_FILE_BYTES = 20 * 1024 * 1024

SEVERITY_LABELS = {
    Severity.ERROR: gettext_lazy("错误"),
    Severity.WARNING: gettext_lazy("警告"),
    Severity.NOTICE: gettext_lazy("提示"),
    Severity.UNREAD: gettext_lazy("未能读取"),
}


VERDICT_KEYS = {
    VERDICT_ERRORS: "errors",
    VERDICT_UNREAD: "unread",
    VERDICT_CLEAN: "clean",
    VERDICT_UNREADABLE: "unreadable",
}


@dataclass
class Result:
    """One uploaded file as the template shows it."""

    outcome: Outcome

    @property
    def figures(self):
        return self.outcome.figures

    @property
    def verdict(self) -> str:
        """The CLI's verdict as a key for the template (which words it in the user's language)."""
        return VERDICT_KEYS[verdict(self.figures)]

    def findings(self):
        order = list(SEVERITY_LABELS)
        return [
            (SEVERITY_LABELS[f.severity], f)
            for f in sorted(self.figures.findings, key=lambda f: order.index(f.severity))
        ]

    def totals(self) -> dict[str, object]:
        """The few figures a reader checks first (总计 column of table 三, table 四 totals)."""
        fig = self.figures
        return {
            "received": fig.cell("1", 6),
            "carried_in": fig.cell("2", 6),
            "handled": fig.cell("3.7", 6),
            "carried_out": fig.cell("4", 6),
            "review": fig.table4[4],
            "litigation": (
                None
                if fig.table4[9] is None or fig.table4[14] is None
                else fig.table4[9] + fig.table4[14]
            ),
        }


def _read(upload) -> Outcome:
    """Parse and check one upload, with the CLI's handling of unreadable and odd files."""
    item = Outcome(path=upload.name)
    if upload.size > MAX_FILE_BYTES:
        item.problem = _("文件超过 20 MB，未读取")
        return item
    data = upload.read()
    read(item, lambda _path: parse_report(data, name=upload.name), timezone.localdate())
    return item


# Stateless (nothing stored, no login, no session): CSRF protects nothing here, and exempting
# it lets researchers script bulk checks: curl -F files=@a.pdf -F format=json URL
@csrf_exempt
@require_http_methods(["GET", "POST"])
def check_reports(request):
    results: list[Result] = []
    error = ""
    if request.method == "POST":
        uploads = request.FILES.getlist("files")
        if not uploads:
            error = _("请选择至少一个报告文件。")
        elif len(uploads) > MAX_FILES:
            error = _(
                "一次最多检查 %(n)d 个文件；请分批上传，或使用命令行 gongkai check_report。"
            ) % {"n": MAX_FILES}
        else:
            outcomes = [_read(upload) for upload in uploads]
            pair_years(outcomes)  # consecutive years of one body: carry-over, copied 五
            if request.POST.get("format") == "json":
                data = [as_json(o) for o in outcomes]
                return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})
            results = [Result(o) for o in outcomes]
    if error and request.POST.get("format") == "json":
        return JsonResponse({"error": error}, status=400, json_dumps_params={"ensure_ascii": False})
    ctx = {"results": results, "error": error, "max_files": MAX_FILES}
    return render(request, "reports/check.html", ctx, status=400 if error else 200)
