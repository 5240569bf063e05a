"""The checker's results and the annual report's findings in the reader's language: the whole
sentence in English on an English page, Chinese by default (docs/report-checks.md, Languages)."""

import io
import os
import subprocess
import sys
from datetime import date

import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from gongkai.reportengine.checks import analyse
from gongkai.reportengine.figures import SECTION_IDS, Figures
from gongkai.reportengine.results import Outcome, as_json
from gongkai.reportengine.tests.shared import SAMPLES
from gongkai.test import BaseTestCase, bulk_applications, make_report_check

HONGZE_2023 = SAMPLES / "hongze-2023.pdf"
R111_EN = "Table IV 行政复议·总计 is 0, but upheld 10 + corrected 1 + other 0 + pending 0 = 11"
R111_ZH = "表四 行政复议·总计 为 0，维持 10 + 纠正 1 + 其他 0 + 尚未审结 0 = 11"
R111_HINT_EN = (
    "Each group&#x27;s total (总计) must equal upheld + corrected + other outcome + pending"
)


def upload(path):
    return SimpleUploadedFile(path.name, path.read_bytes())


class CheckerInEnglishTestCase(TestCase):
    url = reverse("reports:check")

    def test_it_shows_each_finding_as_an_english_sentence_for_accept_language_en(self):
        response = self.client.post(
            self.url, {"files": [upload(HONGZE_2023)]}, HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, R111_EN)
        self.assertContains(response, R111_HINT_EN)
        self.assertNotContains(response, R111_ZH)
        # The three P012 of the single （六） row (one code and hint) are still one group.
        self.assertContains(response, "<summary>3 places</summary>", 1)
        self.assertContains(
            response,
            "prints （六）其他处理 as one row (0|0|0|0|0|0|0) instead of three sub-rows, so this "
            "row cannot be filled in (and so on, 3 places)",
        )

    def test_it_shows_the_chinese_sentence_by_default(self):
        response = self.client.post(self.url, {"files": [upload(HONGZE_2023)]})
        self.assertContains(response, R111_ZH)
        self.assertNotContains(response, R111_EN)

    def test_it_shows_a_background_checks_stored_results_in_english_after_the_switch(self):
        fig = Figures.zeros("2021", year=2024, body="某县人民政府")
        fig.sections = {sid: "正文。本年度未收取信息处理费。" for sid in SECTION_IDS}
        fig.section_order = list(SECTION_IDS)
        fig.table3["3.1"] = [None] * 6 + [0]  # six blank cells: one group of R131
        analyse(fig, today=date(2025, 6, 1))
        check = make_report_check(results=[as_json(Outcome("a.txt", figures=fig))], total=1, done=1)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = self.client.get(check.get_absolute_url())
        self.assertContains(response, "Table III （一）予以公开·自然人 is empty")
        self.assertContains(response, "6 places")
        self.assertContains(response, "This number is missing, so the relations")


@time_machine.travel("2026-01-20 10:00 +0800", tick=False)
class AnnualFindingsInEnglishTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bulk_applications(cls.agency_a, [("natural", date(2025, 3, 3), date(2025, 3, 20), "3.1")])

    def test_it_lists_the_reports_findings_in_the_readers_language(self):
        self.client.force_login(self.alice)
        page = "/reports/staff/wuzongxiao/2025/"
        chinese = self.client.get(page)
        codes = {f.code for f in chinese.context["figures"].findings}
        self.assertIn("R402", codes)  # nothing written yet: section 六 says nothing of fees
        self.assertContains(chinese, "第六部分没有说明信息处理费的收取情况")
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = self.client.get(page)
        self.assertContains(english, "Section 六 says nothing about information processing fees")
        self.assertNotContains(english, "第六部分没有说明信息处理费的收取情况")


class CheckReportCommandInEnglishTestCase(SimpleTestCase):
    def test_it_passes_lang_through_call_command(self):
        out = io.StringIO()
        with self.assertRaises(SystemExit) as exit_:
            call_command("check_report", str(HONGZE_2023), lang="en", stdout=out)
        self.assertEqual(exit_.exception.code, 1)
        self.assertIn(f"  R111  table4[4]  {R111_EN}\n", out.getvalue())
        self.assertIn("Verdict: Errors found (errors: 2, warnings: 3, notices: 1)", out.getvalue())

    def test_it_speaks_english_in_an_english_locale(self):
        env = {**os.environ, "LANGUAGE": "", "LC_ALL": "", "LANG": "en_US.UTF-8"}
        gongkai = os.path.join(os.path.dirname(sys.executable), "gongkai")
        result = subprocess.run(
            [gongkai, "check_report", str(HONGZE_2023), "-q"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(
            result.stdout,
            f"{HONGZE_2023}: Errors found (errors: 2, warnings: 3, notices: 1)\n",
        )
