"""The supervisor's dashboard, its batch check and the draft 通报 (docs/supervision.md)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.agencies.models import Agency, Membership, Role, User
from gongkai.reports.models import ReportCheck
from gongkai.reports.tests.test_rollup import TODAY, build_tree
from gongkai.supervision.dashboard import dashboard
from gongkai.supervision.notice import draft_notice, notice_docx
from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_channel, make_item

D = date


def add_daily_work(cast) -> None:
    """A's two open applications are past due; B has one item overdue and one published late;
    A's Douyin account is stale (last post 2026-02-01), its WeChat account fresh."""
    from gongkai.applications.models import Application
    from gongkai.channels.models import ChannelPost, Kind, YearCount

    Application.objects.filter(agency=cast.agency_a, closed_on=None).update(
        next_due_on=D(2026, 1, 23)
    )
    make_item(cast.agency_b, title="拉依喀乡2026年惠民补贴发放名单", written_on=D(2026, 1, 5))
    make_item(
        cast.agency_b,
        title="拉依喀乡2025年财政预算",
        written_on=D(2026, 1, 5),
        publish=True,
        published_on=D(2026, 2, 20),
    )
    douyin = make_channel(cast.agency_a, last_post_entered_on=D(2026, 2, 1))
    wechat = make_channel(
        cast.agency_a, kind=Kind.WECHAT_ACCOUNT, name="吾宗肖乡零距离", platform="微信",
        last_post_entered_on=D(2026, 2, 28),
    )  # fmt: skip
    YearCount.objects.create(agency=cast.agency_a, channel=douyin, year=2025, count=300)
    ChannelPost.objects.bulk_create(
        ChannelPost(channel=wechat, posted_on=D(2025, 5, i), title=f"公告{i}") for i in (1, 2)
    )


class DashboardTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_tree(cls)
        add_daily_work(cls)

    def board(self, user=None):
        return dashboard(self.county, 2025, user=user or self.sam, today=TODAY)

    def test_counts_per_body(self):
        dash = self.board()
        rows = {r.body.slug: r for r in dash.rows}
        self.assertEqual(list(rows), ["hotan-county", "wuzongxiao", "layika", "hotan-edu"])
        a, b = rows["wuzongxiao"], rows["layika"]
        self.assertEqual((a.overdue_applications, a.overdue_items, a.late_items), (2, 0, 0))
        self.assertEqual((b.overdue_applications, b.overdue_items, b.late_items), (0, 1, 1))
        self.assertEqual([s.channel.name for s in a.stale_channels], ["吾宗肖乡发布"])
        self.assertEqual(a.stale_channels[0].message, "28 天无更新（已达 14 天）")
        self.assertEqual(
            (dash.total_overdue_applications, dash.total_overdue_items, dash.total_stale_channels),
            (2, 1, 1),
        )
        self.assertEqual([r.body.slug for r in dash.failing], ["layika"])
        self.assertEqual(dash.channel_posts, [("抖音", 300), ("微信公众号", 2)])
        self.assertEqual(dash.hidden, 0)

    def test_a_bodys_officer_sees_only_their_own_body(self):
        dash = dashboard(self.county, 2025, user=self.alice, today=TODAY)
        self.assertEqual([r.body.slug for r in dash.rows], ["wuzongxiao"])
        self.assertEqual(dash.hidden, 3)

    def test_the_notice_names_the_bodies_and_counts(self):
        text = draft_notice(self.board())
        lines = text.split("\n")
        self.assertEqual(
            lines[0],
            "和田县人民政府办公室关于2025年度政府信息公开工作年度报告和日常工作检查情况的通报",
        )
        self.assertEqual(lines[2], "各乡（镇）人民政府、县直各部门：")
        self.assertIn("对3个单位2025年度政府信息公开工作年度报告公开情况", text)
        self.assertIn(
            "截至2026年3月1日，3个单位中，按期公开年度报告1个，逾期公开1个，逾期未公开1个；"
            "1个单位已公开的年度报告经平台检查存在错误。",
            text,
        )
        self.assertIn("1个单位有超过答复期限的政府信息公开申请（共2件）", text)
        self.assertIn("1个单位有未在法定期限内公开的主动公开信息（共2条）", text)
        self.assertIn("1个单位的政务新媒体14天以上未更新（共1个账号）", text)
        self.assertIn(
            "和田县拉依喀乡人民政府（公开期限2026年1月31日，2026年2月5日公开，逾期5天）；"
            "和田县教育局（公开期限2026年1月31日，至今未公开）。",
            text,
        )
        self.assertIn("（二）年度报告数据有误。", text)
        self.assertIn("\u3000\u3000和田县吾宗肖乡人民政府2件。", text)
        self.assertIn("和田县拉依喀乡人民政府逾期未公开1条，迟延公开1条。", text)
        self.assertIn("“吾宗肖乡发布”（抖音，28 天无更新（已达 14 天））", text)
        self.assertIn("于2026年3月16日前将整改情况报送和田县人民政府办公室", text)
        self.assertEqual(lines[-2:], ["和田县人民政府办公室", "2026年3月1日"])

    def test_the_notice_docx_keeps_the_text_in_official_layout(self):
        from docx import Document
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        text = draft_notice(self.board())
        doc = Document(__import__("io").BytesIO(notice_docx(text)))
        paragraphs = [p for p in doc.paragraphs]
        self.assertEqual(paragraphs[0].text, text.split("\n")[0])
        self.assertEqual(paragraphs[0].alignment, WD_ALIGN_PARAGRAPH.CENTER)
        self.assertEqual(paragraphs[-1].text, "2026年3月1日")
        self.assertEqual(paragraphs[-1].alignment, WD_ALIGN_PARAGRAPH.RIGHT)
        heading = next(p for p in paragraphs if p.text == "一、总体情况")
        self.assertEqual(heading.runs[0].font.name, "Noto Sans CJK SC")
        self.assertEqual(round(doc.sections[0].top_margin.mm), 37)

    def test_nothing_found_says_so(self):
        quiet = Agency.objects.create(name="和田县某镇人民政府", kind=Agency.Kind.TOWNSHIP)
        text = draft_notice(dashboard(quiet, 2025, user=self.admin, today=D(2026, 1, 10)))
        self.assertIn("本次检查未发现问题。", text)


class DashboardPageTestCase(QuietRefusalsMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_tree(cls)
        add_daily_work(cls)
        cls.other = Agency.objects.create(
            name="墨玉县人民政府", kind=Agency.Kind.COUNTY, slug="moyu"
        )
        cls.olga = User.objects.create_user("olga")
        Membership.objects.create(user=cls.olga, agency=cls.other, role=Role.SUPERVISOR)

    def url(self, name="supervision:dashboard", slug="hotan-county", **kw):
        return reverse(name, kwargs={"slug": slug, "year": 2025, **kw})

    def test_the_supervisor_of_the_parent_sees_every_body(self):
        self.client.force_login(self.sam)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        page = response.content.decode()
        for name in ("和田县吾宗肖乡人民政府", "和田县拉依喀乡人民政府", "和田县教育局"):
            self.assertIn(name, page)
        self.assertIn("超期未答复申请 <strong>2</strong> 件", page)
        self.assertIn("/supervision/hotan-county/dashboard/2025/chart/channels.svg", page)
        self.assertIn("关于2025年度政府信息公开工作年度报告和日常工作检查情况的通报", page)

    def test_staff_of_another_tree_get_404(self):
        for user in (self.olga, self.bob, self.alice):
            self.client.force_login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(self.url()).status_code, 404)
                self.assertEqual(
                    self.client.post(self.url("supervision:batch-check")).status_code, 404
                )
                self.assertEqual(
                    self.client.get(self.url("supervision:notice-docx")).status_code, 404
                )
        self.client.force_login(self.sam)
        self.assertEqual(self.client.get(self.url(slug="moyu")).status_code, 404)

    def test_the_edited_notice_is_what_the_docx_holds(self):
        from io import BytesIO

        from docx import Document

        self.client.force_login(self.sam)
        text = "和田县人民政府办公室关于年报的通报\n\n各乡（镇）人民政府：\n\u3000\u3000改过的正文。\n和田县人民政府办公室\n2026年3月2日"
        response = self.client.post(self.url("supervision:notice-docx"), {"text": text})
        self.assertEqual(response.status_code, 200)
        self.assertIn("hotan-county-2025-tongbao.docx", response["Content-Disposition"])
        doc = Document(BytesIO(response.content))
        self.assertEqual(
            [p.text for p in doc.paragraphs][-3:],
            ["改过的正文。", "和田县人民政府办公室", "2026年3月2日"],
        )
        empty = self.client.post(self.url("supervision:notice-docx"), {"text": ""})
        self.assertEqual(empty.status_code, 400)
        self.assertIn("通报内容不能为空。", empty.content.decode())

    def test_batch_check_stores_the_published_reports_findings(self):
        self.client.force_login(self.sam)
        response = self.client.post(self.url("supervision:batch-check"))
        check = ReportCheck.objects.get()
        self.assertRedirects(response, check.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual((check.status, check.total), ("done", 2))
        self.assertEqual(
            [r["source"] for r in check.results],
            [
                "和田县吾宗肖乡人民政府 2025年度报告 第1版",
                "和田县拉依喀乡人民政府 2025年度报告 第1版",
            ],
        )
        codes = {f["code"] for f in check.results[1]["findings"] if f["severity"] == "error"}
        self.assertEqual(codes, {"R101", "R103"})
        page = self.client.get(check.get_absolute_url()).content.decode()
        self.assertIn("已检查 2 份报告。", page)
        csv = self.client.get(reverse("reports:results-csv", kwargs={"check_id": check.pk}))
        self.assertEqual(csv.status_code, 200)
