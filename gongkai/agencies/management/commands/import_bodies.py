from django.core.management.base import BaseCommand

from gongkai.agencies.commands import run_import
from gongkai.agencies.importing import import_bodies


class Command(BaseCommand):
    help = "从 CSV 文件导入或更新行政机关名录（格式见 docs/agencies.md）。有任何错误行则不导入任何数据。"

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="FILE.csv", help="UTF-8 编码的 CSV 文件（可带 BOM）")

    def handle(self, *args, path, **options):
        run_import(self, lambda: import_bodies(path))
