"""``gongkai send_reminders [--date YYYY-MM-DD] [--site URL]``: daily staff reminders.

Idempotent (gongkai/letters/reminders.py): run it from a systemd timer or cron (docs/deploy.md).
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.letters.reminders import send_reminders


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期无效：{text}（应为 YYYY-MM-DD）", returncode=2) from None


class Command(BaseCommand):
    help = (
        "向各机关工作人员发送即将到期（3 个工作日内）和已逾期申请的提醒邮件；重复运行不会重复发送。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期计算（默认今天），YYYY-MM-DD")
        parser.add_argument("--site", default="", help="邮件中的平台网址")

    def handle(self, *args, **options):
        today = iso_date(options["date"]) if options["date"] else timezone.localdate()
        sent = send_reminders(today, site_url=options["site"])
        for row in sent:
            self.stdout.write(
                f"{row.agency}: {row.recipients} 人，即将到期 {row.due_soon} 件，已逾期 {row.overdue} 件"
            )
        self.stdout.write(f"sent {len(sent)}")
