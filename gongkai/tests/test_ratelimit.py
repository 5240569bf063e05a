import uuid

from django.core.cache import caches
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings

from gongkai import ratelimit

REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
        # A prefix per run: runs on one Redis (two CI databases, developers) never meet.
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
}


class LimitMixin:
    def test_it_allows_up_to_the_limit_then_refuses(self):
        answers = [ratelimit.hit("lookup", "10.0.0.1", limit=3, window=60) for _ in range(5)]
        self.assertEqual(answers, [True, True, True, False, False])

    def test_it_counts_keys_and_scopes_apart(self):
        for _ in range(3):
            ratelimit.hit("lookup", "10.0.0.1", limit=3, window=60)
        self.assertTrue(ratelimit.hit("lookup", "10.0.0.2", limit=3, window=60))
        self.assertTrue(ratelimit.hit("api", "10.0.0.1", limit=3, window=60))

    def test_it_takes_any_text_as_key(self):
        self.assertTrue(ratelimit.hit("lookup", "空格 和\x00控制符" * 100, limit=1, window=60))


class DatabaseCacheLimitTestCase(LimitMixin, TestCase):
    def setUp(self):
        caches["default"].clear()


@override_settings(CACHES=REDIS)
class RedisLimitTestCase(LimitMixin, SimpleTestCase):
    def tearDown(self):
        # RedisCache.clear() is FLUSHDB: delete only this run's keys.
        cache = caches["default"]
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{cache.key_prefix}:*"))
        if keys:
            client.delete(*keys)


class ClientAddressTestCase(SimpleTestCase):
    def request(self, forwarded=None):
        meta = {"REMOTE_ADDR": "127.0.0.1"}
        if forwarded:
            meta["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().get("/", **meta)

    def test_it_ignores_forwarded_for_without_trusted_proxies(self):
        self.assertEqual(ratelimit.client_address(self.request("6.6.6.6")), "127.0.0.1")

    @override_settings(GONGKAI_TRUSTED_PROXIES=1)
    def test_it_takes_the_hop_written_by_our_proxy(self):
        # The client may send its own X-Forwarded-For; nginx appends the real address last.
        self.assertEqual(ratelimit.client_address(self.request("6.6.6.6, 1.2.3.4")), "1.2.3.4")
