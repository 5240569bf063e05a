from django.core.management.base import BaseCommand

from gongkai.agencies.commands import body_named, run_import
from gongkai.supervision.importing import import_records
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
        run_import(self, lambda: import_records(body_named(slug), kind, path))
