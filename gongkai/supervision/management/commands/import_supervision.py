from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from gongkai.agencies.models import Agency
from gongkai.supervision.importing import FileRefused, RowsRefused, import_records
from gongkai.supervision.records import IMPORTABLE


class Command(BaseCommand):
    help = (
        "从 CSV 或 XLSX 文件导入一个机关上一年度以来的监督保障记录（咨询、投诉举报、责任追究、"
        "培训、自查），格式见 docs/supervision.md。有任何错误行则不导入任何数据。"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="机关的网址标识（slug）")
        parser.add_argument("kind", choices=IMPORTABLE, help="记录类别")
        parser.add_argument("path", metavar="FILE", help="UTF-8 编码的 CSV 文件或 XLSX 文件")

    def handle(self, *args, slug, kind, path, **options):
        try:
            agency = Agency.objects.filter(slug=slug).first()
            if agency is None:
                raise CommandError(f"找不到网址标识为「{slug}」的机关", returncode=2)
            result = import_records(agency, kind, path)
        except FileRefused as exc:
            raise CommandError(str(exc), returncode=2) from None
        except RowsRefused as exc:
            for line in exc.errors:
                self.stderr.write(line)
            raise CommandError(
                f"共 {len(exc.errors)} 处错误，未导入任何数据。", returncode=2
            ) from None
        except DatabaseError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise CommandError(f"数据库不可用：{first}", returncode=2) from None
        self.stdout.write(str(result))
