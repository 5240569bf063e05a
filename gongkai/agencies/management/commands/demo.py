from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.urls import reverse

from gongkai.agencies.demo import format_logins, load_demo


class Command(BaseCommand):
    help = "载入演示数据（和田县及其部门、乡镇，各角色的演示账号）；可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--site",
            default="http://127.0.0.1:8000",
            help="打印登录地址时使用的网站地址（默认为 make run 的地址）",
        )

    def handle(self, *args, **options):
        try:
            result = load_demo()
        except DatabaseError as exc:
            first_line = (
                str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            )
            raise CommandError(
                f"数据库不可用：{first_line}（是否已运行 gongkai migrate？）", returncode=2
            ) from None
        if result.changed:
            self.stdout.write(f"演示数据已载入（新建或更新 {result.changed} 项）。")
        else:
            self.stdout.write("演示数据已是最新，未作改动。")
        self.stdout.write(
            "注意：以下为演示账号，机关代码、电话、地址等均为虚构，切勿用于生产环境。\n"
            f"登录地址：{options['site'].rstrip('/')}{reverse('agencies:login')}\n"
        )
        self.stdout.write(format_logins(result.logins))
