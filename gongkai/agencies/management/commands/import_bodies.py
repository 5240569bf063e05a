from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from gongkai.agencies.importing import FileRefused, RowsRefused, import_bodies


class Command(BaseCommand):
    help = "从 CSV 文件导入或更新行政机关名录（格式见 docs/agencies.md）。有任何错误行则不导入任何数据。"

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="FILE.csv", help="UTF-8 编码的 CSV 文件（可带 BOM）")

    def handle(self, *args, path, **options):
        try:
            result = import_bodies(path)
        except FileRefused as exc:
            raise CommandError(str(exc), returncode=2) from None
        except RowsRefused as exc:
            for line in exc.errors:
                self.stderr.write(line)
            raise CommandError(
                f"共 {len(exc.errors)} 处错误，未导入任何数据。", returncode=2
            ) from None
        except DatabaseError as exc:
            first_line = (
                str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            )
            raise CommandError(f"数据库不可用：{first_line}", returncode=2) from None
        self.stdout.write(str(result))
