import datetime

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase, override_settings

from gongkai.catalog import workflow
from gongkai.catalog.indexno import IndexScheme
from gongkai.catalog.models import CatalogItem, CatalogProfile
from gongkai.test import BaseTestCase, make_item

USCC = "11653221T000000292"  # division 653221, organisation code T00000029


class IndexSchemeTestCase(SimpleTestCase):
    def test_it_formats_the_national_scheme(self):
        # 目录系统实施指引: 组织机构代码 / year - 5-digit serial (reference §4.2).
        scheme = IndexScheme()
        self.assertEqual(
            scheme.format(scheme.prefix_for(uscc=USCC), 2018, 222), "T00000029/2018-00222"
        )

    def test_it_takes_the_prefix_from_each_source(self):
        self.assertEqual(IndexScheme(prefix="uscc").prefix_for(uscc=USCC), USCC)
        self.assertEqual(IndexScheme(prefix="division").prefix_for(uscc=USCC), "653221")
        self.assertEqual(
            IndexScheme(prefix="manual").prefix_for(uscc=USCC, manual="zsjfzzx"), "zsjfzzx"
        )

    def test_it_formats_other_real_shapes(self):
        # 镇巴县 6107280000/2024-001005 (6-digit serial); 怒江州 01527918X-2020-153077.
        self.assertEqual(
            IndexScheme(serial_width=6).format("6107280000", 2024, 1005), "6107280000/2024-001005"
        )
        self.assertEqual(
            IndexScheme(separator="-").format("01527918X", 2020, 153077), "01527918X-2020-153077"
        )

    def test_it_refuses_a_bad_scheme(self):
        with self.assertRaises(ValueError):
            IndexScheme(prefix="guid")
        with self.assertRaises(ValueError):
            IndexScheme(serial_width=0)


class IndexAllocationTestCase(BaseTestCase):
    def test_it_numbers_items_per_body_and_year(self):
        code = self.agency_a.org_code
        first = make_item(self.agency_a)
        second = make_item(self.agency_a)
        older = make_item(self.agency_a, written_on=datetime.date(2025, 12, 30))
        other = make_item(self.agency_b)
        self.assertEqual(first.index_no, f"{code}/2026-00001")
        self.assertEqual(second.index_no, f"{code}/2026-00002")
        self.assertEqual(older.index_no, f"{code}/2025-00001")
        self.assertEqual(other.index_no, f"{self.agency_b.org_code}/2026-00001")

    def test_it_never_reuses_a_number(self):
        first = make_item(self.agency_a)
        number = first.index_no
        first.delete()  # even a deleted draft's number stays spent
        self.assertNotEqual(make_item(self.agency_a).index_no, number)

    def test_it_skips_a_number_taken_by_an_imported_legacy_item(self):
        code = self.agency_a.org_code
        make_item(self.agency_a, index_no=f"{code}/2026-00001")
        self.assertEqual(make_item(self.agency_a).index_no, f"{code}/2026-00002")

    def test_it_keeps_legacy_numbers_as_they_are(self):
        item = make_item(self.agency_a, index_no="QZ06101-0240-2020-00207")
        self.assertEqual(CatalogItem.objects.get(pk=item.pk).index_no, "QZ06101-0240-2020-00207")

    def test_it_refuses_a_duplicate_legacy_number(self):
        make_item(self.agency_a, index_no="A25010-9857")
        with self.assertRaises(ValidationError):
            make_item(self.agency_b, index_no="A25010-9857")

    @override_settings(GONGKAI_INDEX_SCHEME={"prefix": "manual", "separator": "/"})
    def test_it_uses_the_manual_prefix_of_the_body(self):
        CatalogProfile.objects.create(agency=self.agency_a, index_prefix="wzx")
        self.assertEqual(make_item(self.agency_a).index_no, "wzx/2026-00001")

    def test_a_correction_never_changes_the_number(self):
        item = make_item(self.agency_a, publish=True)
        number = item.index_no
        workflow.correct_item(item, actor=self.adam, note="更正标题错字", title="新标题")
        self.assertEqual(CatalogItem.objects.get(pk=item.pk).index_no, number)
