from django.core.management.base import BaseCommand

from gongkai.agencies.commands import body_named, run_import
from gongkai.catalog.importing import import_catalog, import_table2


class Command(BaseCommand):
    help = (
        "从 CSV 或 XLSX 文件导入一个机关的目录条目（或 --table2：表二数据），格式见 docs/catalog.md。"
        "有任何错误行则不导入任何数据。"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="机关的网址标识（slug）")
        parser.add_argument("path", metavar="FILE", help="UTF-8 编码的 CSV 文件或 XLSX 文件")
        parser.add_argument(
            "--table2", action="store_true", help="导入年报表二数据（行政许可、处罚、强制、收费）"
        )

    def handle(self, *args, slug, path, table2, **options):
        run_import(
            self, lambda: (import_table2 if table2 else import_catalog)(body_named(slug), path)
        )
