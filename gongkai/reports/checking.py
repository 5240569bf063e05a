"""The report checker's work on the Django side: uploads in, outcomes out (docs/report-checker.md).

A few files are checked within the request, each in a budgeted worker process
(``limits.WEB_FILE_SECONDS``, the whole request ``limits.WEB_REQUEST_SECONDS``, under
gunicorn's timeout); a zip of up to ``limits.MAX_ZIP_MEMBERS`` reports is stored and checked
in the background by the task worker (``gongkai db_worker``), each file within
``limits.FILE_SECONDS``. Both go through the engine's :mod:`gongkai.reportengine.results`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import zipfile

from django.db import transaction
from django.utils import timezone

from gongkai.reportengine import limits
from gongkai.reportengine.results import (
    Options,
    Outcome,
    as_json,
    check_outcomes,
    from_json,
    pair_years,
)
from gongkai.reportengine.workers import Budget

from .models import ReportCheck

LONGER = f"较大的报告请打包为 zip 上传，在后台检查（每份 {limits.FILE_SECONDS} 秒）"


def is_zip_upload(upload) -> bool:
    return os.path.splitext(upload.name)[1].lower() == ".zip"


def check_uploads(uploads) -> list[Outcome]:
    """Check a few uploaded files now, each in a worker process within the web budget."""
    items = []
    for upload in uploads:
        item = Outcome(path=upload.name)
        if upload.size > limits.MAX_FILE_BYTES:
            item.problem = limits.too_large_message()
        else:
            item.data = limits.read_bounded(upload)
        items.append(item)
    deadline = time.monotonic() + limits.WEB_REQUEST_SECONDS
    budget = Budget(seconds=limits.WEB_FILE_SECONDS, hint=LONGER)
    options = Options(today=timezone.localdate())
    for index, outcome in check_outcomes(items, options=options, budget=budget, deadline=deadline):
        items[index] = outcome
    pair_years(items)  # consecutive years of one body: carry-over, copied 五
    return items


def zip_members(upload) -> list[str]:
    """The report members of an uploaded zip, from its directory only (nothing inflated).

    Raises :class:`limits.LimitExceeded` (too many reports) or ``zipfile.BadZipFile``.
    """
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive:
        return limits.zip_reports(archive)


def start_zip_check(upload, members: list[str]) -> ReportCheck:
    """Store the zip and queue its check; the task runs once the row is committed."""
    from .tasks import run_report_check

    ReportCheck.purge_expired()
    upload.seek(0)
    check = ReportCheck(name=upload.name[:255], total=len(members))
    check.upload.save("check.zip", upload, save=False)
    check.save()
    transaction.on_commit(lambda: run_report_check.enqueue(str(check.pk)))
    return check


def run_zip_check(check_id: str) -> None:
    """Check every report of a stored zip (the background task's body); idempotent: a check
    already finished, or gone, is left alone."""
    check = ReportCheck.objects.filter(pk=check_id).first()
    if check is None or check.finished:
        return
    ReportCheck.objects.filter(pk=check.pk).update(status=ReportCheck.Status.RUNNING, done=0)
    workdir = tempfile.mkdtemp(prefix="gongkai-check-")
    try:
        local = os.path.join(workdir, "check.zip")
        with check.upload.open("rb") as source, open(local, "wb") as target:
            shutil.copyfileobj(source, target)  # any storage backend; zipfile needs a file
        with zipfile.ZipFile(local) as archive:
            members = limits.zip_reports(archive)
        items = [Outcome(m, archive=local, member=m) for m in members]
        options = Options(today=timezone.localdate())
        done = 0
        for index, outcome in check_outcomes(items, options=options):
            items[index] = outcome
            done += 1
            ReportCheck.objects.filter(pk=check.pk).update(done=done)
        pair_years(items)
        check.results = [as_json(item) for item in items]
        check.status, check.done = ReportCheck.Status.DONE, len(items)
    except (zipfile.BadZipFile, limits.LimitExceeded, OSError) as exc:
        check.status, check.problem = ReportCheck.Status.FAILED, str(exc)[:500]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    check.discard_upload()
    check.save()


def stored_outcomes(check: ReportCheck) -> list[Outcome]:
    return [from_json(data) for data in check.results]
