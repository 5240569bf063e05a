"""Check published annual reports in the browser: the web face of ``gongkai check_report``.

For supervisors and researchers: upload a few published reports (text, Markdown, HTML, DOCX,
PDF) and read each one's findings at once, or a zip of up to 500 reports, checked in the
background with a progress page and a CSV of the results. Nobody needs to log in. Every
limit (docs/report-checker.md) is enforced before the work it protects; a refusal is one
Chinese line, or JSON ``{"error": …}`` when JSON was asked (``Accept: application/json`` or
``?format=json``, since a refused body is never read).
"""

from __future__ import annotations

import csv

from django.core.exceptions import TooManyFilesSent
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from gongkai import ratelimit
from gongkai.reportengine import limits
from gongkai.reportengine.results import CSV_COLUMNS, as_json, csv_values

from . import checking
from .models import ReportCheck
from .presenting import Result
from .uploads import LimitingUploadHandler, RequestTooLarge

# Per client address: checks done in the request, and zips queued for the background.
CHECKS_PER_HOUR = 120
ZIPS_PER_HOUR = 10


def wants_json(request) -> bool:
    return request.GET.get("format") == "json" or "application/json" in request.headers.get(
        "Accept", ""
    )


def asked_json(request) -> bool:
    """JSON asked in the headers or query, or in the form once it has been read (a refused
    body is never read, so the form is only looked at when it was parsed)."""
    parsed = "_post" in request.__dict__
    return wants_json(request) or (parsed and request.POST.get("format") == "json")


def refuse(request, message: str, status: int):
    if asked_json(request):
        return JsonResponse(
            {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    ctx = {"results": [], "error": message, "max_files": limits.MAX_UPLOAD_FILES}
    return render(request, "reports/check.html", ctx, status=status)


def too_large() -> str:
    return _("上传内容超过 %(size)s，未读取；请分批上传，或使用命令行 gongkai check_report。") % {
        "size": limits.megabytes(limits.MAX_REQUEST_BYTES)
    }


def read_uploads(request):
    """The uploaded files, or a refusal (a response) before the body is read past a limit."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limits.MAX_REQUEST_BYTES:
        return None, refuse(request, too_large(), 413)
    handler = LimitingUploadHandler(
        request, max_bytes=limits.MAX_REQUEST_BYTES, max_files=limits.MAX_UPLOAD_FILES
    )
    request.upload_handlers.insert(0, handler)
    too_many = _(
        "一次最多检查 %(n)d 个文件；请打包为 zip 上传（后台检查，最多 %(zip)d 份），或使用命令行 gongkai check_report。"
    ) % {
        "n": limits.MAX_UPLOAD_FILES,
        "zip": limits.MAX_ZIP_MEMBERS,
    }
    try:
        uploads = request.FILES.getlist("files")
    except RequestTooLarge:
        return None, refuse(request, too_large(), 413)
    except TooManyFilesSent:  # past Django's DATA_UPLOAD_MAX_NUMBER_FILES: nothing more read
        return None, refuse(request, too_many, 400)
    except MultiPartParserError:
        return None, refuse(request, _("上传的数据无法解析，请重新选择文件上传。"), 400)
    if handler.too_many:
        return None, refuse(request, too_many, 400)
    return uploads, None


# Stateless for single files (nothing stored, no login, no session): CSRF protects nothing
# here, and exempting it lets researchers script bulk checks:
# curl -H 'Accept: application/json' -F files=@a.pdf URL
@csrf_exempt
@require_http_methods(["GET", "POST"])
def check_reports(request):
    ctx = {"results": [], "error": "", "max_files": limits.MAX_UPLOAD_FILES}
    if request.method == "GET":
        return render(request, "reports/check.html", ctx)
    uploads, refusal = read_uploads(request)
    if refusal is not None:
        return refusal
    if not uploads:
        return refuse(request, _("请选择至少一个报告文件。"), 400)
    if len(uploads) == 1 and checking.is_zip_upload(uploads[0]):
        return start_zip(request, uploads[0])
    if ratelimit.is_limited(request, "report-check", limit=CHECKS_PER_HOUR, window=3600):
        return refuse(request, _("检查次数过多，请一小时后再试。"), 429)
    outcomes = checking.check_uploads(uploads)
    if asked_json(request):
        data = [as_json(o) for o in outcomes]
        return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})
    ctx["results"] = [Result(o) for o in outcomes]
    return render(request, "reports/check.html", ctx)


def start_zip(request, upload):
    try:
        members = checking.zip_members(upload)
    except limits.LimitExceeded as exc:
        return refuse(request, str(exc), 400)
    except Exception:  # zipfile raises several types on damaged archives
        return refuse(request, _("压缩包已损坏，无法读取。"), 400)
    if not members:
        return refuse(request, _("压缩包中没有报告文件（.txt .md .html .htm .docx .pdf）。"), 400)
    if ratelimit.is_limited(request, "report-check-zip", limit=ZIPS_PER_HOUR, window=3600):
        return refuse(request, _("上传的压缩包过多，请一小时后再试。"), 429)
    check = checking.start_zip_check(upload, members)
    if asked_json(request):
        return JsonResponse(status_json(request, check), status=202)
    return redirect("reports:progress", check_id=check.pk)


def status_json(request, check: ReportCheck) -> dict:
    data = {
        "id": str(check.pk),
        "status": check.status,
        "total": check.total,
        "done": check.done,
        "url": request.build_absolute_uri(check.get_absolute_url()),
    }
    if check.status == ReportCheck.Status.DONE:
        data["results"] = check.results
    if check.problem:
        data["error"] = check.problem
    return data


@require_GET
def check_progress(request, check_id):
    """Progress of a background check (the page refreshes itself, no JS), then its results."""
    check = get_object_or_404(ReportCheck, pk=check_id)
    if wants_json(request):
        return JsonResponse(status_json(request, check), json_dumps_params={"ensure_ascii": False})
    results = []
    if check.status == ReportCheck.Status.DONE:
        results = [Result(o) for o in checking.stored_outcomes(check)]
    return render(request, "reports/progress.html", {"check": check, "results": results})


@require_GET
def check_csv(request, check_id):
    """The results of a finished background check, one line per report (UTF-8 with BOM)."""
    check = get_object_or_404(ReportCheck, pk=check_id, status=ReportCheck.Status.DONE)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="report-check-{check.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for outcome in checking.stored_outcomes(check):
        writer.writerow(csv_values(outcome))
    return response
