import datetime
import json

import time_machine
from axes.models import AccessAttempt
from django.db.models import Sum
from django.test import RequestFactory, override_settings
from django.urls import reverse

from gongkai import lockout
from gongkai.test import BaseTestCase, QuietRefusalsMixin

T0 = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def failures(**lookup) -> int:
    return AccessAttempt.objects.filter(**lookup).aggregate(n=Sum("failures_since_start"))["n"] or 0


@override_settings(
    LOGIN_MAX_FAILURES=3, LOGIN_MAX_FAILURES_PER_ADDRESS=10, LOGIN_LOCKOUT_MINUTES=15
)
class LoginTestCase(QuietRefusalsMixin, BaseTestCase):
    url = reverse("agencies:login")

    def login(self, username, password, address="10.0.0.1", url=None):
        data = {"username": username, "password": password}
        return self.client.post(url or self.url, data, REMOTE_ADDR=address)

    def test_it_shows_the_form(self):
        response = self.client.get(self.url)
        self.assertContains(response, "<h1>工作人员登录</h1>", html=True)

    def test_it_logs_in_and_goes_to_the_dashboard(self):
        response = self.login("alice", self.PASSWORD)
        self.assertRedirects(response, reverse("agencies:dashboard"))

    def test_a_wrong_password_is_refused_and_recorded(self):
        response = self.login("alice", "wrong")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "请输入一个正确的")
        self.assertEqual(failures(username="alice", ip_address="10.0.0.1"), 1)

    def test_it_locks_after_the_maximum_and_refuses_the_right_password(self):
        with time_machine.travel(T0, tick=False):
            self.login("alice", "wrong-1")
            self.login("alice", "wrong-2")
            response = self.login("alice", "wrong-3")
            self.assertContains(response, "登录失败次数过多，请 15 分钟后再试。", status_code=429)
        with time_machine.travel(T0 + datetime.timedelta(minutes=5), tick=False):
            response = self.login("alice", self.PASSWORD)
            self.assertContains(response, "登录失败次数过多，请 10 分钟后再试。", status_code=429)
            self.assertNotIn("_auth_user_id", self.client.session)
        # Attempts while locked are not recorded (they would extend the lock for ever).
        self.assertEqual(failures(username="alice"), 3)

    def test_it_unlocks_after_the_window(self):
        with time_machine.travel(T0, tick=False):
            for _ in range(3):
                self.login("alice", "wrong")
        with time_machine.travel(T0 + datetime.timedelta(minutes=15, seconds=1), tick=False):
            response = self.login("alice", self.PASSWORD)
            self.assertRedirects(response, reverse("agencies:dashboard"))
        # A successful login clears the slate.
        self.assertEqual(failures(username="alice"), 0)

    def test_old_failures_do_not_count(self):
        with time_machine.travel(T0, tick=False):
            self.login("alice", "wrong")
            self.login("alice", "wrong")
        with time_machine.travel(T0 + datetime.timedelta(minutes=20), tick=False):
            response = self.login("alice", "wrong")
            self.assertNotContains(response, "登录失败次数过多")
        self.assertEqual(failures(username="alice"), 1)

    def test_it_does_not_reveal_whether_a_username_exists(self):
        with time_machine.travel(T0, tick=False):
            for _ in range(3):
                known = self.login("alice", "wrong")
                unknown = self.login("no-such-user", "wrong")
        self.assertContains(known, "登录失败次数过多，请 15 分钟后再试。", status_code=429)
        self.assertContains(unknown, "登录失败次数过多，请 15 分钟后再试。", status_code=429)

    def test_a_lock_is_per_username_at_one_address(self):
        with time_machine.travel(T0, tick=False):
            for _ in range(3):
                self.login("alice", "wrong")
            # Another username from the same address is not locked by alice's failures …
            response = self.login("bob", self.PASSWORD)
            # Inside the travel: the session expires two weeks after the frozen login time.
            self.assertRedirects(response, reverse("agencies:dashboard"))

    def test_nobody_elsewhere_can_lock_a_known_username(self):
        with time_machine.travel(T0, tick=False):
            for _ in range(30):
                self.login("alice", "wrong", address="203.0.113.9")
            self.assertContains(
                self.login("alice", self.PASSWORD, address="203.0.113.9"),
                "登录失败次数过多",
                status_code=429,
            )
            # alice at her own office's address is not locked out by the attacker.
            response = self.login("alice", self.PASSWORD, address="10.0.0.1")
            self.assertRedirects(response, reverse("agencies:dashboard"))

    def test_a_password_spray_from_one_address_is_locked(self):
        with time_machine.travel(T0, tick=False):
            statuses = [
                self.login(f"user{n}", "Spring2026!", address="198.51.100.7").status_code
                for n in range(30)
            ]
            # Ten failures (LOGIN_MAX_FAILURES_PER_ADDRESS) are answered; the rest are refused.
            self.assertEqual(statuses, [200] * 9 + [429] * 21)
            self.assertEqual(failures(ip_address="198.51.100.7"), 10)
            response = self.login("bob", self.PASSWORD, address="198.51.100.7")
            self.assertContains(response, "登录失败次数过多，请 15 分钟后再试。", status_code=429)
            # Other addresses are unaffected.
            response = self.login("bob", self.PASSWORD, address="10.0.0.2")
            self.assertRedirects(response, reverse("agencies:dashboard"))

    @override_settings(GONGKAI_TRUSTED_PROXIES=1)
    def test_behind_nginx_the_forwarded_address_counts(self):
        with time_machine.travel(T0, tick=False):
            for _ in range(3):
                self.client.post(
                    self.url,
                    {"username": "alice", "password": "wrong"},
                    REMOTE_ADDR="127.0.0.1",
                    HTTP_X_FORWARDED_FOR="203.0.113.9",
                )
            self.assertEqual(failures(username="alice", ip_address="203.0.113.9"), 3)
            response = self.client.post(
                self.url,
                {"username": "alice", "password": self.PASSWORD},
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR="10.0.0.1",
            )
            self.assertRedirects(response, reverse("agencies:dashboard"))

    def test_an_over_long_username_is_a_field_error_not_a_server_error(self):
        # Once a 500 on PostgreSQL (axes' username column holds 255 characters).
        response = self.login("x" * 10_000, "x" * 10_000)
        self.assertEqual(response.status_code, 200)
        self.assertIn("username", response.context["form"].errors)
        self.assertEqual(failures(), 0)
        lockout.record_failure(RequestFactory().post("/api/x"), "y" * 10_000 + "\x00")
        self.assertEqual(AccessAttempt.objects.get().username, "y" * 255)

    @override_settings(GONGKAI_TRUSTED_PROXIES=2)
    def test_a_forwarded_hop_that_is_not_an_address_is_counted_as_unknown(self):
        # With two trusted proxies the second hop from the right is the client's own writing.
        with time_machine.travel(T0, tick=False):
            for _ in range(3):
                response = self.client.post(
                    self.url,
                    {"username": "alice", "password": "wrong"},
                    REMOTE_ADDR="127.0.0.1",
                    HTTP_X_FORWARDED_FOR="not-an-address, 10.0.0.9",
                )
        self.assertContains(response, "登录失败次数过多", status_code=429)
        self.assertEqual(failures(username="alice", ip_address=None), 3)


@override_settings(
    LOGIN_MAX_FAILURES=3, LOGIN_MAX_FAILURES_PER_ADDRESS=10, LOGIN_LOCKOUT_MINUTES=15
)
class AdminLoginTestCase(QuietRefusalsMixin, BaseTestCase):
    url = reverse("admin:login")

    def login(self, password, url=None):
        data = {"username": "admin", "password": password, "next": "/admin/"}
        return self.client.post(url or self.url, data, REMOTE_ADDR="10.0.0.1")

    def test_it_locks_and_refuses_the_right_password_after_30_wrong(self):
        with time_machine.travel(T0, tick=False):
            for _ in range(30):
                self.login("wrong")
            response = self.login(self.PASSWORD)
        self.assertContains(response, "登录失败次数过多，请 15 分钟后再试。", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(failures(username="admin"), 3)  # recorded, then refused unrecorded

    def test_a_lock_on_the_staff_login_holds_on_the_admin_login(self):
        with time_machine.travel(T0, tick=False):
            for _ in range(3):
                self.login("wrong", url=reverse("agencies:login"))
            response = self.login(self.PASSWORD)
        self.assertContains(response, "登录失败次数过多", status_code=429)

    def test_it_still_logs_in(self):
        with time_machine.travel(T0, tick=False):
            self.assertRedirects(self.login(self.PASSWORD), "/admin/")


@override_settings(
    LOGIN_MAX_FAILURES=3, LOGIN_MAX_FAILURES_PER_ADDRESS=10, LOGIN_LOCKOUT_MINUTES=15
)
class LockoutHelperTestCase(BaseTestCase):
    """The helper a later door (API, status lookup) uses without ``authenticate``."""

    def request(self, address="10.0.0.1"):
        request = RequestFactory().post("/api/lookup", REMOTE_ADDR=address)
        return request

    def test_it_counts_failures_and_reports_minutes_left(self):
        with time_machine.travel(T0, tick=False):
            for _ in range(2):
                lockout.record_failure(self.request(), "GK-2026-0001")
            self.assertEqual(lockout.minutes_left(self.request(), "GK-2026-0001"), 0)
            lockout.record_failure(self.request(), "GK-2026-0001")
            self.assertEqual(lockout.minutes_left(self.request(), "GK-2026-0001"), 15)
            self.assertEqual(lockout.minutes_left(self.request("10.0.0.2"), "GK-2026-0001"), 0)
        with time_machine.travel(T0 + datetime.timedelta(minutes=14, seconds=30), tick=False):
            self.assertEqual(lockout.minutes_left(self.request(), "GK-2026-0001"), 1)
        with time_machine.travel(T0 + datetime.timedelta(minutes=15, seconds=1), tick=False):
            self.assertEqual(lockout.minutes_left(self.request(), "GK-2026-0001"), 0)

    def test_a_door_that_does_not_show_the_lock_gets_a_429_page_or_json(self):
        with time_machine.travel(T0, tick=False):
            for _ in range(3):
                lockout.record_failure(self.request(), "GK-2026-0001")
            request = RequestFactory().post(
                "/staff/x", {"username": "GK-2026-0001"}, REMOTE_ADDR="10.0.0.1"
            )
            page = lockout.lockout_response(request)
            api = RequestFactory().post("/api/lookup", REMOTE_ADDR="10.0.0.1")
            answer = lockout.lockout_response(api, credentials={"username": "GK-2026-0001"})
        self.assertEqual(page.status_code, 429)
        self.assertIn("登录失败次数过多，请 15 分钟后再试。", page.content.decode())
        self.assertEqual(answer.status_code, 429)
        self.assertEqual(
            json.loads(answer.content), {"detail": "登录失败次数过多，请 15 分钟后再试。"}
        )

    def test_its_message_is_the_login_message(self):
        self.assertEqual(lockout.message(7), "登录失败次数过多，请 7 分钟后再试。")


class LogoutTestCase(QuietRefusalsMixin, BaseTestCase):
    def test_it_logs_out_on_post(self):
        self.client.force_login(self.alice)
        response = self.client.post(reverse("agencies:logout"))
        self.assertRedirects(response, reverse("public:home"))
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_it_refuses_get(self):
        self.client.force_login(self.alice)
        self.assertEqual(self.client.get(reverse("agencies:logout")).status_code, 405)
        self.assertIn("_auth_user_id", self.client.session)


class PasswordChangeTestCase(QuietRefusalsMixin, BaseTestCase):
    url = reverse("agencies:password-change")

    def post(self, new1, new2=None):
        return self.client.post(
            self.url,
            {"old_password": self.PASSWORD, "new_password1": new1, "new_password2": new2 or new1},
        )

    def test_it_requires_login(self):
        response = self.client.get(self.url)
        self.assertRedirects(response, reverse("agencies:login") + "?next=" + self.url)

    def test_it_changes_the_password(self):
        self.client.force_login(self.alice)
        response = self.post("wuzongxiao-new-2026")
        self.assertRedirects(response, reverse("agencies:password-change-done"))
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password("wuzongxiao-new-2026"))

    def test_it_applies_django_password_validators(self):
        self.client.force_login(self.alice)
        for weak, message in [("12345678", "这个密码太常见了"), ("73914682", "密码只包含数字")]:
            with self.subTest(weak=weak):
                self.assertContains(self.post(weak), message)
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password(self.PASSWORD))

    @override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_MINUTES=15)
    def test_wrong_old_passwords_count_and_lock(self):
        self.client.force_login(self.alice)
        with time_machine.travel(T0, tick=False):
            for n in range(2):
                response = self.client.post(
                    self.url,
                    {
                        "old_password": f"guess-{n}",
                        "new_password1": "x-Strong-2026-pw",
                        "new_password2": "x-Strong-2026-pw",
                    },
                )
                self.assertContains(response, "你的旧密码不正确")
            response = self.client.post(
                self.url,
                {
                    "old_password": "guess-3",
                    "new_password1": "x-Strong-2026-pw",
                    "new_password2": "x-Strong-2026-pw",
                },
            )
            self.assertContains(response, "登录失败次数过多，请 15 分钟后再试。", status_code=429)
            response = self.post("wuzongxiao-new-2026")  # the right old password, while locked
            self.assertContains(response, "登录失败次数过多", status_code=429)
        self.alice.refresh_from_db()
        self.assertTrue(self.alice.check_password(self.PASSWORD))
        self.assertEqual(failures(username="alice"), 3)
