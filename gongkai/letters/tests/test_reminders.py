"""``gongkai send_reminders`` against a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import email
import socket
from datetime import date
from email.policy import default as default_policy
from io import StringIO

from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from gongkai.test import BaseTestCase, make_application


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((sorted(envelope.rcpt_tos), message))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SendRemindersTestCase(BaseTestCase):
    def setUp(self):
        self.inbox = Inbox()
        port = free_port()
        self.smtp = Controller(self.inbox, hostname="127.0.0.1", port=port)
        self.smtp.start()
        self.addCleanup(self.smtp.stop)
        mail = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        )
        mail.enable()
        self.addCleanup(mail.disable)
        for user, address in (
            (self.alice, "alice@wuzongxiao.example"),
            (self.adam, "adam@wuzongxiao.example"),
            (self.bob, "bob@layika.example"),
            (self.sam, "sam@county.example"),
        ):
            user.email = address
            user.save(update_fields=["email"])
        # Received 2026-09-28: due 2026-10-30. Received 2026-09-01: due 2026-09-29.
        self.soon = make_application(self.agency_a, received_on=date(2026, 9, 28))
        self.late = make_application(self.agency_a, received_on=date(2026, 9, 1))

    def run_on(self, day: str) -> str:
        out = StringIO()
        call_command("send_reminders", "--date", day, stdout=out)
        return out.getvalue()

    def test_it_mails_each_body_once_per_due_date(self):
        self.assertEqual(self.soon.next_due_on, date(2026, 10, 30))
        self.assertEqual(self.late.next_due_on, date(2026, 9, 29))
        # 2026-10-27 + 3 WD = 10-30: due soon. 09-29 has passed: overdue.
        out = self.run_on("2026-10-27")
        self.assertIn("和田县吾宗肖乡人民政府: 2 人，即将到期 1 件，已逾期 1 件", out)
        self.assertEqual(len(self.inbox.messages), 1)
        to, message = self.inbox.messages[0]
        self.assertEqual(to, ["adam@wuzongxiao.example", "alice@wuzongxiao.example"])
        self.assertEqual(
            str(message["Subject"]).strip(),
            "【依申请公开】和田县吾宗肖乡人民政府：1 件即将到期，1 件已逾期",
        )
        text = message.get_body(preferencelist=("plain",)).get_content()
        self.assertIn(f"- {self.late.receipt_number} 答复期限 2026-09-29", text)
        self.assertIn(f"- {self.soon.receipt_number} 答复期限 2026-10-30", text)
        html = message.get_body(preferencelist=("html",)).get_content()
        self.assertIn(f"<li>{self.soon.receipt_number} 答复期限 2026-10-30</li>", html)

        # Twice the same day, and the next day: nothing new, nothing sent.
        self.assertIn("sent 0", self.run_on("2026-10-27"))
        self.assertIn("sent 0", self.run_on("2026-10-28"))
        self.assertEqual(len(self.inbox.messages), 1)

        # 10-30 passed: the first case is now overdue, reminded once more.
        self.assertIn("即将到期 0 件，已逾期 1 件", self.run_on("2026-11-02"))
        self.assertEqual(len(self.inbox.messages), 2)
        self.assertIn(
            self.soon.receipt_number,
            self.inbox.messages[1][1].get_body(preferencelist=("plain",)).get_content(),
        )

    def test_nothing_is_lost_when_the_server_is_down(self):
        with override_settings(EMAIL_PORT=free_port()), self.assertRaises(OSError):
            self.run_on("2026-10-27")  # nobody listens there: connection refused
        self.assertEqual(self.inbox.messages, [])
        self.assertIn("sent 1", self.run_on("2026-10-27"))
        self.assertEqual(len(self.inbox.messages), 1)

    def test_a_bad_date_is_one_line_and_exit_2(self):
        with self.assertRaises(CommandError) as cm:
            call_command("send_reminders", "--date", "2026-13-01")
        self.assertEqual(cm.exception.returncode, 2)
        self.assertEqual(str(cm.exception), "日期无效：2026-13-01（应为 YYYY-MM-DD）")
