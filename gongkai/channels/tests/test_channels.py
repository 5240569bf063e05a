import datetime
import unittest
from io import StringIO

import time_machine
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.channels.counting import post_counts
from gongkai.channels.freshness import NEVER, STALE, WARNING, account_freshness
from gongkai.channels.models import Channel, ChannelPost, Kind, YearCount
from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_channel

TODAY = datetime.date(2026, 12, 1)


class AccountFreshnessTestCase(unittest.TestCase):
    def test_it_fails_an_account_after_two_weeks(self):
        # 国办秘函〔2019〕19号: no update in the 2 weeks before the check.
        self.assertEqual(account_freshness(datetime.date(2026, 11, 17), today=TODAY).state, STALE)
        self.assertEqual(
            account_freshness(datetime.date(2026, 11, 17), today=TODAY).message(),
            "14 天无更新（已达 14 天）",
        )

    def test_it_warns_on_the_13th_day(self):
        f = account_freshness(datetime.date(2026, 11, 18), today=TODAY)
        self.assertEqual((f.state, f.days_since), (WARNING, 13))

    def test_it_is_fresh_before_and_never_without_posts(self):
        self.assertFalse(account_freshness(datetime.date(2026, 11, 19), today=TODAY).alert)
        self.assertEqual(account_freshness(None, today=TODAY).state, NEVER)

    def test_the_period_is_a_parameter(self):
        f = account_freshness(datetime.date(2026, 11, 21), today=TODAY, period_days=10)
        self.assertEqual(f.state, STALE)


class PostCountsTestCase(BaseTestCase):
    def test_it_counts_itemised_posts_and_entered_counts_per_year(self):
        douyin = make_channel(self.agency_a)
        board = make_channel(self.agency_a, kind=Kind.BOARD, name="乡政府大院公开栏")
        for day in (
            datetime.date(2023, 3, 1),
            datetime.date(2023, 12, 31),
            datetime.date(2024, 1, 1),
        ):
            ChannelPost.objects.create(channel=board, posted_on=day, title="低保公示")
        YearCount.objects.create(
            agency=self.agency_a, channel=douyin, year=2023, count=120, approximate=True
        )
        YearCount.objects.create(agency=self.agency_a, year=2023, count=300, approximate=True)
        counts = post_counts(self.agency_a, 2023)
        self.assertEqual(
            [(str(r.channel) if r.channel else None, r.count, r.label) for r in counts.rows],
            [
                ("抖音·吾宗肖乡发布", 120, "120余篇"),
                ("公开栏·乡政府大院公开栏", 2, "2篇"),
                (None, 300, "300余篇"),
            ],
        )
        self.assertEqual((counts.total, counts.label), (422, "422余篇"))
        self.assertEqual(post_counts(self.agency_a, 2024).label, "1篇")
        self.assertEqual(post_counts(self.agency_b, 2023).rows, [])


class DemoChannelsTestCase(TestCase):
    def test_the_demo_township_has_the_seed_reports_channels_and_count(self):
        call_command("demo", stdout=StringIO())
        wzx = Agency.objects.get(slug="wuzongxiao")
        self.assertEqual(
            sorted(Channel.objects.of(wzx).values_list("platform", flat=True)),
            sorted(
                [
                    "微信",
                    "抖音",
                    "学习强国",
                    "石榴云",
                    "和田县零距离",
                    "和田县融媒体中心",
                    "和田县人民政府网站",
                ]
            ),
        )
        self.assertEqual(post_counts(wzx, 2023).label, "300余篇")
        self.assertEqual(
            sorted(wzx.standard_adoptions.values_list("template__area", flat=True)),
            ["涉农补贴", "社会救助", "财政预决算"],
        )
        out = StringIO()
        call_command("demo", stdout=out)
        self.assertIn("未作改动", out.getvalue())


@time_machine.travel(datetime.datetime(2026, 12, 1, 10, 0), tick=False)
class ChannelViewsTestCase(QuietRefusalsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.url = reverse("channels:list", kwargs={"slug": "wuzongxiao"})

    def test_it_alerts_an_account_two_weeks_without_a_post(self):
        channel = make_channel(self.agency_a, last_post_entered_on=datetime.date(2026, 11, 16))
        make_channel(self.agency_a, kind=Kind.BOARD, name="村公示栏")  # offline: never alerted
        self.client.force_login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, f"{channel}</a> — 15 天无更新（已达 14 天）", html=False)
        self.assertNotContains(response, "村公示栏</a> —", html=False)

    def test_an_officer_registers_a_channel_and_enters_a_yearly_count(self):
        self.client.force_login(self.alice)
        response = self.client.post(
            self.url,
            {
                "action": "channel",
                "channel-kind": "xuexi",
                "channel-name": "学习强国号",
                "channel-status": "active",
            },
        )
        channel = Channel.objects.get(name="学习强国号")
        self.assertRedirects(
            response,
            reverse("channels:detail", kwargs={"slug": "wuzongxiao", "channel_pk": channel.pk}),
        )
        response = self.client.post(
            self.url,
            {"action": "count", "count-year": 2023, "count-count": 300, "count-approximate": "on"},
        )
        self.assertRedirects(response, self.url + "?year=2023")
        self.assertContains(
            self.client.get(self.url + "?year=2023"), "<strong>300余篇</strong>", html=False
        )

    def test_a_bad_count_keeps_what_was_typed(self):
        self.client.force_login(self.alice)
        response = self.client.post(
            self.url, {"action": "count", "count-year": 1999, "count-count": 7}
        )
        self.assertContains(response, "年度应在 2000 年至今年之间。")
        self.assertContains(response, 'value="7"')
        self.assertFalse(YearCount.objects.exists())

    def test_a_post_links_an_item_of_the_body_only(self):
        from gongkai.catalog.models import CatalogItem

        channel = make_channel(self.agency_a, kind=Kind.BOARD, name="公开栏")
        CatalogItem.objects.create(
            agency=self.agency_b, index_no="B-1", title="x", written_on=TODAY
        )
        url = reverse("channels:detail", kwargs={"slug": "wuzongxiao", "channel_pk": channel.pk})
        self.client.force_login(self.alice)
        data = {
            "action": "post",
            "post-posted_on": "2026-11-30",
            "post-title": "低保公示",
            "post-index_no": "B-1",
        }
        self.assertContains(self.client.post(url, data), "本机关没有该索引号的条目。")
        item = CatalogItem.objects.create(
            agency=self.agency_a, index_no="A-1", title="x", written_on=TODAY
        )
        data["post-index_no"] = "A-1"
        self.assertRedirects(self.client.post(url, data), url)
        self.assertEqual(item.channel_posts.get().channel, channel)

    def test_the_supervisor_reads_and_others_are_refused(self):
        channel = make_channel(self.agency_a)
        url = reverse("channels:detail", kwargs={"slug": "wuzongxiao", "channel_pk": channel.pk})
        self.client.force_login(self.sam)
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(self.client.post(url, {"action": "edit"}).status_code, 403)
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.get(self.url).status_code, 404)
