"""The computed 救济 paragraph (行政复议法 2023 Art. 20, 22–24, 27, 28; practice.md §3.7).

Plain unittest: the module is pure Python and must import without Django settings.
"""

from __future__ import annotations

import subprocess
import sys
import unittest
from datetime import date

from gongkai.letters.relief import (
    DEFAULT_REVIEW_FIRST,
    OUTCOMES,
    BodyFacts,
    BodyKind,
    ReliefError,
    relief,
)

DAY = date(2026, 3, 2)

TOWNSHIP = BodyFacts("和田县吾宗肖乡人民政府", BodyKind.TOWNSHIP, government="和田县人民政府")

# Texts exactly as a letter prints them.
CHOICE = (
    "如对本答复不服，可以自收到本答复之日起60日内向和田县人民政府申请行政复议，"
    "也可以自收到本答复之日起6个月内依法向人民法院提起行政诉讼。"
)
FIRST = (
    "如对本答复不服，应当自收到本答复之日起60日内先向和田县人民政府申请行政复议；"
    "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
)


class OutcomeTestCase(unittest.TestCase):
    def test_it_knows_the_21_outcome_rows(self):
        self.assertEqual(len(OUTCOMES), 21)
        self.assertEqual((OUTCOMES[0], OUTCOMES[-1]), ("3.1", "3.6.3"))

    def test_it_requires_review_first_for_partial_and_every_refusal_row(self):
        self.assertEqual(
            sorted(DEFAULT_REVIEW_FIRST),
            ["3.2", "3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5", "3.3.6", "3.3.7", "3.3.8"],
        )

    def test_it_gives_each_outcome_its_text(self):
        for outcome in OUTCOMES:
            with self.subTest(outcome=outcome):
                result = relief(outcome, TOWNSHIP, DAY)
                first = outcome == "3.2" or outcome.startswith("3.3.")
                self.assertEqual(result.text, FIRST if first else CHOICE)
                self.assertEqual(result.review_first, first)
                self.assertEqual(result.review_bodies, ("和田县人民政府",))
                self.assertIn("行政复议法第二十条", result.articles)
                self.assertEqual(
                    "行政复议法第二十三条第一款第（四）项、第二款" in result.articles, first
                )
                self.assertEqual("行政诉讼法第四十六条" in result.articles, not first)

    def test_it_takes_the_review_first_set_from_the_caller(self):
        # The UNCONFIRMED rows (无法提供, 不予处理) can be added by a setting.
        result = relief("3.4.1", TOWNSHIP, DAY, review_first_outcomes={"3.4.1"})
        self.assertEqual(result.text, FIRST)
        self.assertEqual(relief("3.3.1", TOWNSHIP, DAY, review_first_outcomes=()).text, CHOICE)

    def test_it_refuses_an_unknown_outcome(self):
        for outcome in ("3.3", "3.6", "3.7", "4", ""):
            with self.subTest(outcome=outcome), self.assertRaises(ReliefError) as cm:
                relief(outcome, TOWNSHIP, DAY)
            self.assertIn("不是年度报告表三的办理结果行", str(cm.exception))


class ReviewBodyTestCase(unittest.TestCase):
    def body_text(self, body: BodyFacts) -> tuple[tuple[str, ...], str, str]:
        result = relief("3.1", body, DAY)
        return result.review_bodies, result.articles[1], result.text

    def test_a_department_goes_to_its_own_government(self):
        names, article, text = self.body_text(
            BodyFacts("和田县自然资源局", BodyKind.DEPARTMENT, government="和田县人民政府")
        )
        self.assertEqual(names, ("和田县人民政府",))
        self.assertEqual(article, "行政复议法第二十四条第一款第（一）项")
        self.assertEqual(text, CHOICE)

    def test_a_township_goes_to_the_county_government(self):
        names, article, _ = self.body_text(TOWNSHIP)
        self.assertEqual(names, ("和田县人民政府",))
        self.assertEqual(article, "行政复议法第二十四条第一款第（二）项")

    def test_a_county_and_a_prefecture_go_to_the_government_above(self):
        for kind, above in (
            (BodyKind.COUNTY, "和田地区行政公署"),
            (BodyKind.PREFECTURE, "某省人民政府"),
        ):
            with self.subTest(kind=kind):
                names, article, _ = self.body_text(BodyFacts("本级", kind, government=above))
                self.assertEqual(names, (above,))
                self.assertEqual(article, "行政复议法第二十四条第一款第（二）项")

    def test_a_subdistrict_goes_to_the_government_that_set_it_up(self):
        names, article, _ = self.body_text(
            BodyFacts("某区某街道办事处", BodyKind.SUBDISTRICT, government="某区人民政府")
        )
        self.assertEqual(names, ("某区人民政府",))
        self.assertEqual(article, "行政复议法第二十四条第一款第（三）项")

    def test_a_departments_office_goes_to_the_government(self):
        names, article, _ = self.body_text(
            BodyFacts("某县公安局某派出所", BodyKind.AGENCY_OFFICE, government="某县人民政府")
        )
        self.assertEqual(names, ("某县人民政府",))
        self.assertEqual(article, "行政复议法第二十四条第四款")

    def test_a_province_reviews_its_own_acts(self):
        names, article, text = self.body_text(BodyFacts("某省人民政府", BodyKind.PROVINCE))
        self.assertEqual(names, ("某省人民政府",))
        self.assertEqual(article, "行政复议法第二十四条第二款")
        self.assertIn("内向某省人民政府申请行政复议", text)

    def test_a_vertical_body_goes_to_its_superior_department(self):
        body = BodyFacts(
            "国家税务总局和田县税务局",
            BodyKind.DEPARTMENT,
            government="和田县人民政府",
            vertical=True,
            superior_department="国家税务总局和田地区税务局",
        )
        result = relief("3.3.1", body, DAY)
        self.assertEqual(result.review_bodies, ("国家税务总局和田地区税务局",))
        self.assertEqual(result.articles[1], "行政复议法第二十七条")
        self.assertEqual(
            result.text,
            "如对本答复不服，应当自收到本答复之日起60日内先向国家税务总局和田地区税务局"
            "申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。",
        )

    def test_a_justice_department_offers_both_review_bodies(self):
        body = BodyFacts(
            "和田县司法局",
            BodyKind.DEPARTMENT,
            government="和田县人民政府",
            judicial_admin=True,
            superior_department="和田地区司法局",
        )
        names, article, text = self.body_text(body)
        self.assertEqual(names, ("和田县人民政府", "和田地区司法局"))
        self.assertEqual(article, "行政复议法第二十八条")
        self.assertIn("内向和田县人民政府或者和田地区司法局申请行政复议", text)

    def test_a_registered_review_body_wins(self):
        body = BodyFacts(
            "某开发区管委会",
            BodyKind.DEPARTMENT,
            government="某市人民政府",
            review_body="某市人民政府",
        )
        names, article, _ = self.body_text(body)
        self.assertEqual((names, article), (("某市人民政府",), "本机关登记的复议机关"))

    def test_it_says_which_data_is_missing(self):
        cases = (
            (BodyFacts("乙乡人民政府", BodyKind.TOWNSHIP), "乙乡人民政府未登记所属人民政府"),
            (
                BodyFacts("某海关", BodyKind.DEPARTMENT, government="某市人民政府", vertical=True),
                "某海关实行垂直领导，但未登记上一级主管部门",
            ),
            (
                BodyFacts(
                    "某司法局", BodyKind.DEPARTMENT, government="某县人民政府", judicial_admin=True
                ),
                "某司法局为司法行政部门，但未登记上一级司法行政部门",
            ),
        )
        for body, message in cases:
            with self.subTest(body=body.name), self.assertRaises(ReliefError) as cm:
                relief("3.1", body, DAY)
            self.assertTrue(str(cm.exception).startswith(message), cm.exception)


class DateAndChannelTestCase(unittest.TestCase):
    def test_it_refuses_decisions_under_the_old_law(self):
        self.assertEqual(relief("3.1", TOWNSHIP, date(2024, 1, 1)).text, CHOICE)
        with self.assertRaises(ReliefError) as cm:
            relief("3.1", TOWNSHIP, date(2023, 12, 31))
        self.assertIn("2024年1月1日以前", str(cm.exception))

    def test_it_names_the_online_channel_when_served_online(self):
        body = BodyFacts(
            TOWNSHIP.name,
            TOWNSHIP.kind,
            government=TOWNSHIP.government,
            online_channel="https://xzfy.example.gov.cn/",
        )
        result = relief("3.1", body, DAY, online=True)
        self.assertEqual(
            result.text, CHOICE + "行政复议申请也可以通过互联网提交：https://xzfy.example.gov.cn/。"
        )
        self.assertEqual(result.articles[-1], "行政复议法第二十二条第二款")
        with self.assertRaises(ReliefError) as cm:
            relief("3.1", TOWNSHIP, DAY, online=True)
        self.assertIn("未登记和田县人民政府的互联网行政复议申请渠道", str(cm.exception))

    def test_it_names_the_document(self):
        text = relief("3.6.2", TOWNSHIP, DAY, document="本告知书").text
        self.assertTrue(text.startswith("如对本告知书不服，可以自收到本告知书之日起60日内"))


class PureTestCase(unittest.TestCase):
    def test_it_imports_without_django(self):
        code = (
            "import sys; import gongkai.letters.relief; "
            "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
