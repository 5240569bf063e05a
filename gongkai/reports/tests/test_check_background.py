"""A zip of reports checked in the background by a real task worker (django-tasks' database
backend, `db_worker --batch`), with progress, results, CSV, expiry and the zip limits."""

import csv
import io
import json
import shutil
import signal
import tempfile
import zipfile
from datetime import timedelta
from pathlib import Path
from unittest import mock

from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from gongkai.reportengine.tests import hostile
from gongkai.reportengine.tests.shared import SEED
from gongkai.reports.models import ReportCheck

UPLOAD_FIELD = ReportCheck._meta.get_field("upload")

FIXTURES = Path(__file__).resolve().parents[2] / "reportengine" / "tests" / "fixtures"
LATE = FIXTURES / "gen_err_late.html"


def zipped(members: dict[str, bytes], name="reports.zip") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def temporary_check_storage(test_case) -> None:
    """Uploads of this test go to a folder of its own, removed afterwards (the field's
    storage is resolved once, when the model is loaded, so it is the one replaced)."""
    folder = tempfile.mkdtemp(prefix="gongkai-report-checks-")
    test_case.addCleanup(shutil.rmtree, folder, ignore_errors=True)
    patcher = mock.patch.object(UPLOAD_FIELD, "storage", FileSystemStorage(location=folder))
    patcher.start()
    test_case.addCleanup(patcher.stop)


def stored(name: str) -> bool:
    return UPLOAD_FIELD.storage.exists(name)


WORKER_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)


def run_worker():
    """The real task worker, once through the queue (`db_worker --batch`), in this process.

    The worker closes old database connections between tasks; on PostgreSQL that would
    close the connection holding this test's transaction, so it is kept open here. It also
    leaves its SIGINT/SIGTERM/SIGQUIT handlers installed when a batch ends; they are put back.
    """
    kept = {number: signal.getsignal(number) for number in WORKER_SIGNALS}
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            _run_worker()
    finally:
        for number, handler in kept.items():
            signal.signal(number, handler)


def _run_worker():
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
        stdout=io.StringIO(),
    )


class BackgroundCheckTestCase(TestCase):
    url = reverse("reports:check")

    def setUp(self):
        temporary_check_storage(self)

    def upload(self, upload, **extra):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, {"files": [upload]}, **extra)

    def test_it_checks_a_zip_in_the_background_then_shows_results_and_csv(self):
        upload = zipped(
            {
                "a/seed.txt": SEED.read_bytes(),
                "b/late.html": LATE.read_bytes(),
                "c/bomb.docx": hostile.zip_bomb_docx(64 * 1024 * 1024),
                "notes.xlsx": b"not a report",
            }
        )
        response = self.upload(upload)
        check = ReportCheck.objects.get()
        self.assertRedirects(response, reverse("reports:progress", kwargs={"check_id": check.pk}))
        self.assertEqual((check.status, check.total, check.name), ("queued", 3, "reports.zip"))
        name = check.upload.name
        self.assertTrue(stored(name))

        page = self.client.get(response["Location"])
        self.assertContains(page, '<meta http-equiv="refresh" content="3">', html=False)
        self.assertContains(page, "已收到，等待后台检查进程开始。")

        run_worker()

        check.refresh_from_db()
        self.assertEqual((check.status, check.done), ("done", 3))
        self.assertFalse(stored(name))  # the upload is gone once checked
        page = self.client.get(response["Location"])
        self.assertNotContains(page, 'http-equiv="refresh"', html=False)
        self.assertContains(page, "已检查 3 份报告。")
        self.assertContains(page, "和田县吾宗肖乡人民政府")
        self.assertContains(page, "可能是压缩炸弹")
        self.assertContains(page, "结论：未发现错误")

        csv_response = self.client.get(
            reverse("reports:results-csv", kwargs={"check_id": check.pk})
        )
        text = csv_response.content.decode("utf-8")
        self.assertTrue(text.startswith("\ufeff"))
        rows = list(csv.DictReader(io.StringIO(text[1:])))
        self.assertEqual([r["source"] for r in rows], ["a/seed.txt", "b/late.html", "c/bomb.docx"])
        self.assertEqual(rows[0]["verdict"], "未发现错误")
        self.assertEqual(rows[2]["verdict"], "无法读取")

        status = self.client.get(response["Location"], HTTP_ACCEPT="application/json")
        data = json.loads(status.content)
        self.assertEqual((data["status"], data["done"], len(data["results"])), ("done", 3, 3))

    def test_it_answers_202_with_the_status_url_when_json_was_asked(self):
        response = self.upload(
            zipped({"seed.txt": SEED.read_bytes()}), HTTP_ACCEPT="application/json"
        )
        self.assertEqual(response.status_code, 202)
        data = json.loads(response.content)
        self.assertEqual((data["status"], data["total"], data["done"]), ("queued", 1, 0))
        run_worker()
        data = json.loads(self.client.get(data["url"], HTTP_ACCEPT="application/json").content)
        self.assertEqual(data["results"][0]["table3"]["1"], [0] * 7)

    def test_it_refuses_a_zip_of_more_than_500_reports_before_storing_it(self):
        members = {f"r{i}.txt": b"x" for i in range(501)}
        response = self.upload(zipped(members), HTTP_ACCEPT="application/json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            json.loads(response.content), {"error": "压缩包中有 501 份报告，超过一次 500 份的上限"}
        )
        self.assertFalse(ReportCheck.objects.exists())

    def test_it_refuses_a_damaged_or_empty_zip(self):
        bad = SimpleUploadedFile("reports.zip", b"PK\x03\x04 broken")
        self.assertContains(self.upload(bad), "压缩包已损坏，无法读取。", status_code=400)
        empty = zipped({"notes.xlsx": b"x"})
        self.assertContains(self.upload(empty), "压缩包中没有报告文件", status_code=400)

    def test_it_deletes_expired_checks_with_their_uploads(self):
        self.upload(zipped({"seed.txt": SEED.read_bytes()}))
        old = ReportCheck.objects.get()
        name = old.upload.name
        ReportCheck.objects.filter(pk=old.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
        call_command("purge_report_checks", stdout=io.StringIO())
        self.assertFalse(ReportCheck.objects.exists())
        self.assertFalse(stored(name))
        run_worker()  # the task of a purged check finds nothing to do
