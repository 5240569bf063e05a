"""Every path of reference §6.1 in the browser (Playwright, Debian's Chromium), with the 2026
dates, screenshots saved under a temporary folder (printed; GONGKAI_SCREENSHOTS keeps them)."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from gongkai.applications.choices import OUTCOME_ROWS
from gongkai.applications.models import Application
from gongkai.browser import BrowserTestCase
from gongkai.holidays.calendar import invalidate
from gongkai.test import PASSWORD, create_cast, make_application, make_ric


class ApplicationPathsBrowserTestCase(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shots = Path(
            os.getenv("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-shots-")
        )
        cls.shots.mkdir(parents=True, exist_ok=True)
        print(f"\nscreenshots: {cls.shots}")

    def setUp(self):
        super().setUp()
        create_cast(self)  # committed rows: the live server thread must see them
        invalidate()
        self.addCleanup(invalidate)
        self.n = 0

    # -- helpers --------------------------------------------------------------------------------

    def shot(self, name: str) -> None:
        self.n += 1
        self.page.screenshot(
            path=str(self.shots / f"{self._testMethodName}-{self.n:02d}-{name}.png"), full_page=True
        )

    def login(self, username="adam"):
        self.visit("/staff/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url("**/staff/")

    def case(self, app):
        self.visit(f"/staff/agencies/wuzongxiao/applications/{app.receipt_number}/")

    def act(self, action: str, **fields):
        details = self.page.locator(f"details:has(form[action$='/{action}/'])")
        if not details.evaluate("d => d.open"):  # a refused form comes back already open
            details.locator("summary").click()
        form = self.page.locator(f"form[action$='/{action}/']")
        for name, value in fields.items():
            field = form.locator(f"[name={name}]")
            if field.evaluate("e => e.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        form.locator("button[type=submit]").click()
        self.page.wait_for_load_state()

    def summary(self) -> str:
        return self.page.locator(".due-summary").inner_text()

    def intake(self, received_on: str) -> Application:
        """Staff register an in-person application through the intake page."""
        self.visit("/staff/agencies/wuzongxiao/applications/new/")
        page = self.page
        page.select_option("[name=channel]", "in_person")
        page.fill("[name=arrived_on]", received_on)
        page.fill("[name=received_on]", received_on)
        page.check("[name=applicant_type][value=natural]")
        page.fill("[name=applicant_name]", "买买提·艾力")
        page.select_option("[name=id_type]", "ric")
        page.fill("[name=id_number]", make_ric())
        page.fill("[name=phone]", "0903-1234567")
        page.fill("[name=address]", "和田县吾宗肖乡")
        page.fill("[name=items-0-title]", "2026年乡村道路建设资金分配表")
        page.check("[name=form_wanted][value=paper]")
        page.check("[name=delivery][value=post]")
        page.click("button:has-text('登记')")
        page.wait_for_url("**/applications/20*/")
        return Application.objects.latest("pk")

    # -- the paths --------------------------------------------------------------------------------

    def test_it_takes_an_online_application_and_answers_on_the_spot(self):
        self.visit("/bodies/wuzongxiao/apply/")
        page = self.page
        page.check("[name=applicant_type][value=natural]")
        page.fill("[name=applicant_name]", "买买提·艾力")
        good = make_ric()
        page.fill("[name=id_number]", good[:-1] + ("0" if good[-1] != "0" else "1"))
        page.fill("[name=items-0-title]", "2026年乡村道路建设资金分配表")
        page.check("[name=form_wanted][value=electronic]")
        page.check("[name=delivery][value=online]")
        page.click("button:has-text('提交申请')")
        self.shot("errors")
        self.assertIn("居民身份证号码校验失败：校验位不正确。", page.inner_text("main"))
        self.assertIn("请至少填写一种联系方式", page.inner_text("main"))
        self.assertEqual(page.input_value("[name=applicant_name]"), "买买提·艾力")
        page.fill("[name=id_number]", make_ric())
        page.fill("[name=phone]", "0903-1234567")
        page.click("button:has-text('提交申请')")
        page.wait_for_url("**/apply/receipt/")
        self.shot("receipt")
        app = Application.objects.get()
        self.assertIn(app.query_code, page.inner_text(".receipt"))
        self.visit(f"/applications/status/?receipt={app.receipt_number}&code={app.query_code}")
        self.assertIn("办理中", page.inner_text(".status-result"))
        self.shot("status")
        # On the spot (条例 Art. 33 ¶1): an in-person application answered the day it is made.
        self.login()
        spot = self.intake("2026-09-30")
        self.assertEqual(self.summary(), "2026-09-30 收到，20 个工作日 → 2026-11-03")
        self.act("close", row="3.1", on="2026-09-30")
        self.shot("closed")
        spot.refresh_from_db()
        self.assertEqual(
            (spot.status, spot.outcome, str(spot.closed_on)), ("closed", "3.1", "2026-09-30")
        )

    def test_it_restarts_after_a_supplement_and_closes_a_lapsed_one(self):
        self.login()
        app = self.intake("2026-02-10")
        self.assertIn("→ 2026-02-26", self.page.inner_text(".clocks"))  # 补正 notice due, Art. 30
        self.act("supplement", served_on="2026-02-12", items="请写明文件名称", period_days="10")
        self.assertIn("至 2026-03-04", self.page.inner_text(".clocks"))
        self.shot("awaiting-supplement")
        self.act("supplement-received", on="2026-03-03")
        self.assertEqual(self.summary(), "2026-03-03 收到，20 个工作日 → 2026-03-31")
        self.act(
            "close",
            row="3.2",
            on="2026-03-20",
            withheld="第3页个人信息",
            withheld_reason="条例第十五条",
        )
        self.assertEqual(Application.objects.get(pk=app.pk).outcome, "3.2")
        lapsed = self.intake("2026-02-10")
        self.act("supplement", served_on="2026-02-12", items="请写明文件名称", period_days="10")
        self.act("supplement-lapsed", on="2026-03-04")
        self.assertIn("补正期限 2026-03-04 尚未届满。", self.page.inner_text(".case-actions"))
        self.act("supplement-lapsed", on="2026-03-05")
        self.shot("lapsed")
        self.assertEqual(Application.objects.get(pk=lapsed.pk).outcome, "3.6.1")

    def test_it_consults_a_third_party_and_extends(self):
        self.login()
        app = self.intake("2026-09-30")
        self.act(
            "consultation-start",
            kind="third_party",
            sent_on="2026-10-12",
            party_received_on="2026-10-13",
            party="某建筑公司",
        )
        self.assertIn("答复期限暂停中", self.summary())
        self.shot("paused")
        self.act("consultation-end", kind="third_party", on="2026-10-15", reply="不同意公开")
        self.assertEqual(
            self.summary(),
            "2026-09-30 收到，20 个工作日，其间征求第三方意见 3 个工作日不计 → 2026-11-06",
        )
        self.act("extend", days="20", reason="需要调取档案", notice_served_on="2026-11-05")
        self.assertIn("延长 20 个工作日 → 2026-12-04", self.summary())
        self.shot("extended")
        self.act("close", row="3.3.4", on="2026-11-20")
        self.assertEqual(Application.objects.get(pk=app.pk).outcome, "3.3.4")

    def test_it_charges_a_fee_paid_and_one_unpaid(self):
        self.login()
        paid = self.intake("2026-04-20")
        self.act(
            "fee-notice",
            method="per_volume",
            pages="250",
            notice_served_on="2026-04-29",
            notice_received_on="2026-04-30",
        )
        self.assertIn("按量计收 4700 元", self.page.inner_text(".clocks"))
        self.assertIn("2026-06-01", self.page.inner_text(".clocks"))
        self.shot("fee-notice")
        self.act("fee-paid", on="2026-05-12", amount="4700")
        self.assertIn("→ 2026-05-29", self.summary())
        self.act("close", row="3.1", on="2026-05-20")
        self.assertEqual(Application.objects.get(pk=paid.pk).outcome, "3.1")
        unpaid = self.intake("2026-04-20")
        self.act(
            "fee-notice",
            method="per_volume",
            pages="40",
            notice_served_on="2026-04-29",
            notice_received_on="2026-04-30",
        )
        self.act("fee-lapsed", on="2026-06-02")
        self.shot("fee-lapsed")
        self.assertEqual(Application.objects.get(pk=unpaid.pk).outcome, "3.6.2")

    def test_it_closes_with_each_outcome_of_the_report(self):
        self.login()
        special = {"3.6.1", "3.6.2"}  # reached by the lapse paths above
        for row in OUTCOME_ROWS:
            if row in special:
                continue
            app = make_application(self.agency_a, received_on=date(2026, 9, 30))
            self.case(app)
            fields = {"row": row, "on": "2026-10-20"}
            if row == "3.2":
                fields |= {"withheld": "第3页", "withheld_reason": "个人隐私"}
            if row == "3.4.1":
                self.act(
                    "search",
                    searched_on="2026-10-19",
                    searched_by="阿依古丽",
                    places="档案室、OA系统",
                    result="未找到",
                )
                fields["holder_body"] = "和田县交通运输局"
            if row in ("3.5.5", "3.6.3"):
                fields["legal_basis"] = "本机关办理规程"
            self.act("close", **fields)
            with self.subTest(row=row):
                self.assertEqual(Application.objects.get(pk=app.pk).outcome, row)
        self.shot("last-outcome")
