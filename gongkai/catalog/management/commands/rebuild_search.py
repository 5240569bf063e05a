from django.core.management.base import BaseCommand

from gongkai.catalog.search import rebuild_index


class Command(BaseCommand):
    help = "重建主动公开目录的全文检索索引（可重复运行；发布、更正、撤回时索引已同步更新）。"

    def handle(self, *args, **options):
        self.stdout.write(f"已索引 {rebuild_index()} 条公开信息。")
