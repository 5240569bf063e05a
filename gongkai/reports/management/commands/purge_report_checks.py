"""``gongkai purge_report_checks``: delete background checks past their expiry, with what is
left of their uploads (idempotent; run it from cron, see docs/deploy.md)."""

from django.core.management.base import BaseCommand

from gongkai.reports.models import ReportCheck


class Command(BaseCommand):
    help = "删除已过保留期的后台报告检查结果及其上传文件。"

    def handle(self, *args, **options):
        count = ReportCheck.purge_expired()
        self.stdout.write(f"已删除 {count} 个过期的检查")
