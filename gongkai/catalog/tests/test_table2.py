"""Table 二 (国办公开办函〔2021〕30号; reference §3.3) from the catalog and the entered figures."""

import datetime
from decimal import Decimal

from django.test import override_settings

from gongkai.catalog import workflow
from gongkai.catalog.models import Genre, Table2Input, Validity
from gongkai.catalog.table2 import table2
from gongkai.reportengine.checks import check
from gongkai.reportengine.figures import Figures
from gongkai.test import BaseTestCase, make_item

D = datetime.date


def document(agency, genre, written_on, validity=Validity.VALID, ceased_on=None, publish=True):
    return make_item(
        agency,
        publish=publish,
        title=f"{genre} {written_on}",
        genre=genre,
        written_on=written_on,
        validity=validity,
        ceased_on=ceased_on,
        published_on=written_on + datetime.timedelta(days=5),
    )


class Table2TestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a, N, R = cls.agency_a, Genre.NORMATIVE, Genre.RULE
        document(a, N, D(2023, 3, 15), Validity.REPEALED, D(2025, 1, 1))  # repealed in 2025
        document(a, N, D(2024, 6, 1))  # in force
        document(a, N, D(2025, 2, 10))  # issued 2025
        document(a, N, D(2025, 7, 1), Validity.EXPIRED, D(2025, 12, 31))  # issued and expired 2025
        document(a, N, D(2025, 9, 1), Validity.REPEALED, D(2026, 2, 1))  # in force at 2025-12-31
        document(a, N, D(2025, 10, 1), publish=False)  # a draft: not counted
        document(a, R, D(2025, 4, 1))
        document(cls.agency_b, N, D(2025, 3, 1))  # another body
        withdrawn = document(a, N, D(2025, 5, 5))
        workflow.withdraw_item(withdrawn, actor=None, note="误发")
        make_item(a, publish=True, title="通知", genre=Genre.NOTICE, written_on=D(2025, 3, 3))

    def test_it_counts_issued_repealed_and_in_force(self):
        result = table2(self.agency_a, 2025)
        # 制发 2025: 02-10, 07-01, 09-01 → 3; 废止: 2023's (2025-01-01) and the expired one → 2;
        # 现行有效 at 2025-12-31: 2024-06-01, 2025-02-10, 2025-09-01 → 3.
        self.assertEqual(result["normative_documents"], [3, 2, 3])
        self.assertEqual(result["rules"], [1, 0, 1])
        self.assertEqual(table2(self.agency_a, 2024)["normative_documents"], [1, 0, 2])

    @override_settings(GONGKAI_TABLE2_COUNT_EXPIRED_AS_REPEALED=False)
    def test_expired_documents_may_be_left_out_of_repealed(self):
        self.assertEqual(table2(self.agency_a, 2025)["normative_documents"], [3, 1, 3])

    def test_entered_figures_are_unknown_until_entered(self):
        result = table2(self.agency_a, 2025)
        self.assertIsNone(result["licensing"])
        self.assertIsNone(result["fees_wan_yuan"])
        Table2Input.objects.create(
            agency=self.agency_a,
            year=2025,
            licensing=12,
            penalty=3,
            coercion=0,
            fees_wan_yuan=Decimal("1.25"),
        )
        result = table2(self.agency_a, 2025)
        self.assertEqual(
            (result["licensing"], result["penalty"], result["coercion"], result["fees_wan_yuan"]),
            (12, 3, 0, 1.25),
        )

    def test_the_shape_is_the_report_engines(self):
        Table2Input.objects.create(agency=self.agency_a, year=2025, licensing=1)
        figures = Figures.zeros(year=2025, body=self.agency_a.name, body_kind="township")
        figures.table2 = table2(self.agency_a, 2025)
        self.assertEqual(set(figures.table2), set(Figures.zeros().table2))
        codes = {f.code for f in check(figures) if f.where.startswith("table2")}
        self.assertEqual(codes, set())

    def test_the_staff_page_shows_counts_and_saves_figures(self):
        self.client.force_login(self.alice)
        url = f"/staff/catalog/{self.agency_a.slug}/table2/?year=2025"
        response = self.client.get(url)
        self.assertContains(response, "<td>3</td><td>2</td><td>3</td>", html=False)
        response = self.client.post(
            url, {"licensing": "7", "penalty": "x", "coercion": "0", "fees_wan_yuan": "0"}
        )
        self.assertContains(response, "输入整数", status_code=200)
        self.assertFalse(Table2Input.objects.exists())
        self.client.post(
            url, {"licensing": "7", "penalty": "1", "coercion": "0", "fees_wan_yuan": "0.5"}
        )
        self.assertEqual(table2(self.agency_a, 2025)["licensing"], 7)
