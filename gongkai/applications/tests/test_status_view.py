"""The applicant's status page: receipt number + query code, public events only, rate-limited
on the shared cache (Redis when configured; a random key prefix per run)."""

import uuid
from datetime import date

import time_machine
from django.core.cache import cache
from django.test import override_settings

from gongkai.test import BaseTestCase, make_application


@time_machine.travel("2026-10-20 10:00 +0800", tick=False)
class StatusViewTestCase(BaseTestCase):
    url = "/applications/status/"

    def setUp(self):
        cache.clear()
        self.app = make_application(self.agency_a, received_on=date(2026, 9, 30))
        self.app.add_note(text="内部：申请人情绪激动")
        self.app.request_supplement(served_on=date(2026, 10, 9), items="请写明年份", period_days=10)

    def test_it_shows_the_public_timeline_only(self):
        page = self.client.get(
            self.url, {"receipt": self.app.receipt_number, "code": self.app.query_code}
        ).content.decode()
        self.assertIn("告知补正", page)
        self.assertIn("待补正", page)
        self.assertNotIn("内部备注", page)
        self.assertNotIn("情绪激动", page)
        self.assertNotIn(self.app.applicant_name, page)

    def test_it_refuses_a_wrong_code(self):
        page = self.client.get(
            self.url, {"receipt": self.app.receipt_number, "code": "NOTTHECODE"}
        ).content.decode()
        self.assertIn("受理编号或查询码不正确。", page)
        self.assertNotIn("告知补正", page)

    @override_settings(GONGKAI_STATUS_LOOKUPS_PER_HOUR=2)
    def test_it_limits_lookups_per_address(self):
        args = {"receipt": self.app.receipt_number, "code": "BAD"}
        codes = [self.client.get(self.url, args).status_code for _ in range(3)]
        self.assertEqual(codes, [200, 200, 429])
        other = self.client.get(self.url, args, REMOTE_ADDR="10.0.0.9").status_code
        self.assertEqual(other, 200)


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/5",
            "KEY_PREFIX": f"gk-test-{uuid.uuid4().hex}",
        }
    },
    GONGKAI_STATUS_LOOKUPS_PER_HOUR=1,
)
class StatusLimitOnRedisTestCase(BaseTestCase):
    def test_it_limits_across_app_servers_on_redis(self):
        import redis

        try:
            redis.Redis.from_url("redis://127.0.0.1:6379/5").ping()
        except redis.exceptions.ConnectionError:
            self.fail("Redis is not running at 127.0.0.1:6379 (the tests need it)")
        first = self.client.get("/applications/status/", {"receipt": "x", "code": "y"})
        # A second "server": another client, same address, same shared cache.
        second = self.client_class().get("/applications/status/", {"receipt": "x", "code": "y"})
        self.assertEqual((first.status_code, second.status_code), (200, 429))
