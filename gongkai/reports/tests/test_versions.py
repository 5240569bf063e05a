"""Freezing and publishing (practice §4.3 consequence 2): immutable versions with a SHA-256
content hash; a correction is a new version with a public 更正说明."""

import hashlib
import json
from datetime import date

from django.core.exceptions import ValidationError

from gongkai.reports.compute import report_figures
from gongkai.reports.models import AnnualReport, ReportVersion, content_hash
from gongkai.test import BaseTestCase, bulk_applications


class PublishTestCase(BaseTestCase):
    def setUp(self):
        self.report = AnnualReport.objects.create(
            agency=self.agency_a, year=2025, sections={"6": "2025年，无收取信息处理费情况。"}
        )

    def test_it_freezes_the_figures_with_their_sha256(self):
        version = self.report.publish(
            figures=report_figures(self.agency_a, 2025), on=date(2026, 1, 20)
        )
        self.assertEqual((version.number, version.published_on), (1, date(2026, 1, 20)))
        canonical = json.dumps(
            version.figures, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        self.assertEqual(version.content_hash, hashlib.sha256(canonical.encode()).hexdigest())
        self.assertEqual(version.figures["published_on"], "2026-01-20")
        self.assertEqual(version.as_figures().sections["6"], "2025年，无收取信息处理费情况。")
        self.assertTrue(version.verify())
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "published")

    def test_it_never_changes_a_published_version(self):
        version = self.report.publish(figures=report_figures(self.agency_a, 2025))
        version.correction = "改"
        with self.assertRaises(ValidationError):
            version.save()
        with self.assertRaises(ValidationError):
            version.delete()
        with self.assertRaises(ValidationError):
            ReportVersion.objects.filter(pk=version.pk).update(correction="改")
        with self.assertRaises(ValidationError):
            ReportVersion.objects.all().delete()

    def test_it_makes_a_correction_a_new_version_with_its_note(self):
        first = self.report.publish(
            figures=report_figures(self.agency_a, 2025), on=date(2026, 1, 20)
        )
        bulk_applications(self.agency_a, [("natural", date(2025, 4, 1), date(2025, 4, 9), "3.1")])
        with self.assertRaisesMessage(ValidationError, "更正已公开的报告须填写更正说明。"):
            self.report.publish(figures=report_figures(self.agency_a, 2025), on=date(2026, 2, 3))
        second = self.report.publish(
            figures=report_figures(self.agency_a, 2025),
            on=date(2026, 2, 3),
            correction="补录 1 件申请。",
        )
        self.assertEqual((second.number, second.correction), (2, "补录 1 件申请。"))
        self.assertNotEqual(second.content_hash, first.content_hash)
        self.assertEqual(self.report.current(), second)
        self.assertEqual(first.as_figures().table3["1"][6], 0)
        self.assertEqual(second.as_figures().table3["1"][6], 1)

    def test_it_refuses_a_correction_that_changes_nothing(self):
        self.report.publish(figures=report_figures(self.agency_a, 2025), on=date(2026, 1, 20))
        with self.assertRaisesMessage(ValidationError, "内容与现行版本相同，无需更正。"):
            self.report.publish(
                figures=report_figures(self.agency_a, 2025), on=date(2026, 1, 20), correction="x"
            )

    def test_it_hashes_regardless_of_key_order(self):
        self.assertEqual(content_hash({"a": 1, "b": [1, 2]}), content_hash({"b": [1, 2], "a": 1}))
