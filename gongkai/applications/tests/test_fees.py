"""信息处理费 (国办函〔2020〕109号) with the numbers of reference §2.3: 35 件 → 3,000 元,
250 页 → 4,700 元, 2,219 页 → 83,460 元 (the 西安 case, S25)."""

from datetime import date
from io import StringIO
from unittest import TestCase

from django.core.management import CommandError, call_command

from gongkai.applications import fees
from gongkai.applications.services import fee_for, fee_totals, prior_units_in_month
from gongkai.test import BaseTestCase, make_application, make_ric

D = date.fromisoformat


def fee(*args):
    out = StringIO()
    call_command("fee", *args, stdout=out)
    return out.getvalue().splitlines()


class FeeArithmeticTestCase(TestCase):
    def test_it_computes_the_reference_examples(self):
        self.assertEqual(fees.per_case_fee(35).amount, 3000)
        self.assertEqual(fees.per_volume_fee(250).amount, 4700)
        self.assertEqual(fees.per_volume_fee(2219).amount, 83460)
        self.assertEqual(fees.per_volume_fee(30).amount, 0)
        self.assertEqual(fees.per_case_fee(10).amount, 0)

    def test_it_raises_the_rate_by_100_every_ten_units_from_the_31st(self):
        rates = {k: fees.per_case_rate(k) for k in (10, 11, 30, 31, 40, 41, 50, 51, 61)}
        self.assertEqual(
            rates, {10: 0, 11: 100, 30: 100, 31: 200, 40: 200, 41: 300, 50: 300, 51: 400, 61: 500}
        )
        # The 31st application alone costs 200 元 (reference §2.3).
        self.assertEqual(fees.per_case_fee(1, already=30).amount, 200)

    def test_it_accumulates_over_the_month(self):
        self.assertEqual(fees.per_case_fee(5, already=28).amount, 2 * 100 + 3 * 200)
        self.assertEqual(
            fees.per_case_fee(5, already=28).lines(),
            ["第 29—30 件：2 件 × 100 元 = 200 元", "第 31—33 件：3 件 × 200 元 = 600 元"],
        )

    def test_it_refuses_nonsense(self):
        for call in (
            lambda: fees.per_case_fee(0),
            lambda: fees.per_volume_fee(-1),
            lambda: fees.per_case_fee(1, already=-1),
        ):
            with self.assertRaises(ValueError):
                call()


class FeeCommandTestCase(TestCase):
    def test_it_prints_each_tier_and_the_amount_last(self):
        self.assertEqual(
            fee("--per-volume", "250"),
            [
                "按量计收（国办函〔2020〕109号第五条）：共 250 页，超额累进计算",
                "  第 1—30 页：30 页 × 0 元 = 0 元",
                "  第 31—100 页：70 页 × 10 元 = 700 元",
                "  第 101—200 页：100 页 × 20 元 = 2000 元",
                "  第 201—250 页：50 页 × 40 元 = 2000 元",
                "合计 4700 元",
                "4700",
            ],
        )
        self.assertEqual(fee("--per-case", "35")[-1], "3000")
        self.assertEqual(fee("--per-case", "5", "--already", "28")[-1], "800")

    def test_it_refuses_bad_input_with_status_2(self):
        cases = {
            (): "请指定计收方式",
            ("--per-case", "3", "--per-volume", "40"): "不得同时计算",
            ("--per-case", "0"): "件数无效：'0'",
            ("--per-case", "x"): "件数无效：'x'",
            ("--per-volume", "-5"): "页数无效：'-5'",
            ("--per-volume", "40", "--already", "3"): "--already 只用于按件计收",
        }
        for args, message in cases.items():
            with self.subTest(args=args), self.assertRaises(CommandError) as caught:
                fee(*args)
            self.assertIn(message, str(caught.exception))
            self.assertEqual(caught.exception.returncode, 2)


class MonthlyCountTestCase(BaseTestCase):
    def test_it_counts_the_same_applicants_units_in_the_natural_month(self):
        ric = make_ric()
        items = [{"title": f"文件{i}"} for i in range(12)]
        make_application(self.agency_a, received_on=D("2026-09-30"), items=items, id_number=ric)
        october = [
            make_application(
                self.agency_a, received_on=D("2026-10-08"), items=items, id_number=ric
            ),
            make_application(
                self.agency_a, received_on=D("2026-10-09"), items=items[:9], id_number=ric
            ),
        ]
        make_application(
            self.agency_a, received_on=D("2026-10-09"), id_number=make_ric(serial="002")
        )
        make_application(self.agency_b, received_on=D("2026-10-08"), items=items, id_number=ric)
        self.assertEqual(prior_units_in_month(october[0]), 0)
        self.assertEqual(prior_units_in_month(october[1]), 12)
        # Units 13-21 of October: 9 × 100.
        self.assertEqual(fee_for(october[1], method="per_case").amount, 900)
        october[1].issue_fee_notice(
            method="per_case",
            units=9,
            prior_units=12,
            amount=900,
            notice_served_on=D("2026-10-12"),
            notice_received_on=D("2026-10-13"),
        )
        october[1].record_payment(on=D("2026-10-20"), amount=900)
        totals = fee_totals(self.agency_a, 2026)
        self.assertEqual(
            (totals["notices"], totals["notice_amount"], totals["collected"]), (1, 900, 900)
        )
