"""``gongkai import_applications SLUG FILE.xlsx|csv``: a body's 依申请公开登记台账 (format:
docs/applications.md). All rows or none; rerunning skips the 受理编号 already stored."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from gongkai.agencies.models import Agency
from gongkai.applications.importing import import_ledger


class Command(BaseCommand):
    help = "导入依申请公开登记台账（XLSX 或 CSV）。有任何错误行则不导入任何数据。"

    def add_arguments(self, parser):
        parser.add_argument("slug", help="机关网址标识")
        parser.add_argument("path", metavar="FILE", help="XLSX 或 UTF-8 CSV 文件")

    def handle(self, *args, slug, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"找不到文件：{path}", returncode=2)
        try:
            agency = Agency.objects.filter(slug=slug).first()
            if agency is None:
                raise CommandError(f"没有网址标识为 {slug!r} 的机关。", returncode=2)
            with file.open("rb") as upload:
                result = import_ledger(agency, upload)
        except DatabaseError as exc:
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise CommandError(f"数据库不可用：{reason}", returncode=2) from None
        if len(result.errors) == 1:
            raise CommandError(f"{result.errors[0]}；未导入任何数据。", returncode=2)
        if result.errors:
            for line in result.errors:
                self.stderr.write(line)
            raise CommandError(f"共 {len(result.errors)} 处错误，未导入任何数据。", returncode=2)
        self.stdout.write(str(result))
