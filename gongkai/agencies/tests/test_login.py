import datetime

import time_machine
from django.test import override_settings
from django.urls import reverse

from gongkai.agencies.models import LoginFailure
from gongkai.test import BaseTestCase, QuietRefusalsMixin

T0 = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_MINUTES=15)
class LoginTestCase(BaseTestCase):
    url = reverse("agencies:login")

    def login(self, username, password):
        return self.client.post(self.url, {"username": username, "password": password})

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
        self.assertEqual(LoginFailure.objects.filter(username="alice").count(), 1)

    def test_it_locks_after_the_maximum_and_refuses_the_right_password(self):
        with time_machine.travel(T0, tick=False):
            self.login("alice", "wrong-1")
            self.login("alice", "wrong-2")
            response = self.login("alice", "wrong-3")
            self.assertContains(response, "登录失败次数过多，请 15 分钟后再试。")
        with time_machine.travel(T0 + datetime.timedelta(minutes=5), tick=False):
            response = self.login("alice", self.PASSWORD)
            self.assertContains(response, "登录失败次数过多，请 10 分钟后再试。")
            self.assertNotIn("_auth_user_id", self.client.session)
        # Attempts while locked are not recorded (they would extend the lock for ever).
        self.assertEqual(LoginFailure.objects.filter(username="alice").count(), 3)

    def test_it_unlocks_after_the_window(self):
        with time_machine.travel(T0, tick=False):
            for _ in range(3):
                self.login("alice", "wrong")
        with time_machine.travel(T0 + datetime.timedelta(minutes=15, seconds=1), tick=False):
            response = self.login("alice", self.PASSWORD)
            self.assertRedirects(response, reverse("agencies:dashboard"))
        # A successful login clears the slate.
        self.assertFalse(LoginFailure.objects.filter(username="alice").exists())

    def test_old_failures_do_not_count(self):
        with time_machine.travel(T0, tick=False):
            self.login("alice", "wrong")
            self.login("alice", "wrong")
        with time_machine.travel(T0 + datetime.timedelta(minutes=20), tick=False):
            response = self.login("alice", "wrong")
            self.assertNotContains(response, "登录失败次数过多")
        self.assertEqual(LoginFailure.objects.filter(username="alice").count(), 1)

    def test_it_does_not_reveal_whether_a_username_exists(self):
        with time_machine.travel(T0, tick=False):
            for _ in range(3):
                known = self.login("alice", "wrong")
                unknown = self.login("no-such-user", "wrong")
        self.assertContains(known, "登录失败次数过多，请 15 分钟后再试。")
        self.assertContains(unknown, "登录失败次数过多，请 15 分钟后再试。")

    def test_a_lock_is_per_username(self):
        with time_machine.travel(T0, tick=False):
            for _ in range(3):
                self.login("alice", "wrong")
            response = self.login("bob", self.PASSWORD)
            # Inside the travel: the session expires two weeks after the frozen login time.
            self.assertRedirects(response, reverse("agencies:dashboard"))


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


class PasswordChangeTestCase(BaseTestCase):
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
