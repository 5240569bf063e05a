"""``gongkai export_site SLUG OUT``: the body's public column as static files (docs/static-export.md).

Re-running updates only what changed and prints the written/unchanged/deleted counts. A refusal
(unknown body, OUT not a directory, OUT not empty and not a previous export) is one line and
exit status 2.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Agency
from gongkai.staticsite.export import ExportRefused, export_site


class Command(BaseCommand):
    help = "将一个机关的政府信息公开栏目导出为静态网页（可直接从文件夹打开）。"

    def add_arguments(self, parser):
        parser.add_argument("slug", help="机关的网址标识")
        parser.add_argument("out", help="输出目录（空目录或以前的导出目录）")

    def handle(self, *args, slug, out, **options):
        agency = Agency.objects.filter(slug=slug).first()
        if agency is None:
            raise CommandError(f"没有网址标识为 {slug!r} 的机关。", returncode=2)
        started = time.perf_counter()
        try:
            result = export_site(agency, out)
        except ExportRefused as exc:
            raise CommandError(str(exc), returncode=2) from None
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{agency.name}：{result}（{result.pages} 个页面，用时 {seconds:.1f} 秒）"
        )
