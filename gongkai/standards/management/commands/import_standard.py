"""``gongkai import_standard FILE… | --shipped``: import standard catalog templates.

Idempotent: a file already imported is reported "unchanged". A version that a body has adopted
is never rewritten (docs/standards.md). Any problem: the problems on stderr, nothing written
for that file, exit status 2.
"""

from django.core.management.base import BaseCommand, CommandError

from gongkai.standards.importing import TemplateError, import_file, shipped_files

STATUS = {"created": "新建", "unchanged": "未变", "replaced": "已更新"}


class Command(BaseCommand):
    help = "导入基层政务公开标准目录模板（JSON 格式见 docs/standards.md）。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="FILE.json")
        parser.add_argument(
            "--shipped", action="store_true", help="导入随 gongkai 提供的模板（部分转录）"
        )

    def handle(self, *args, paths, shipped, **options):
        files = list(paths) + ([str(p) for p in shipped_files()] if shipped else [])
        if not files:
            raise CommandError("请给出模板文件，或使用 --shipped。", returncode=2)
        failed = 0
        for path in files:
            try:
                result = import_file(path)
            except TemplateError as exc:
                failed += 1
                for problem in exc.problems:
                    self.stderr.write(f"{path}: {problem}")
                continue
            t = result.template
            self.stdout.write(
                f"{STATUS[result.status]}：{t.area} {t.key} 版本 {t.version}（{result.matters} 个事项）"
            )
        if failed:
            raise CommandError(f"{failed} 个文件未导入。", returncode=2)
