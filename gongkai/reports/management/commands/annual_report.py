"""``gongkai annual_report SLUG YEAR``: a body's annual report computed from the records.

``--json`` prints the figures (the engine's JSON schema, docs/report-json.md, with the
findings of every check) on stdout; ``--docx F``, ``--pdf F``, ``--xlsx F``, ``--html F`` and
``--text F`` write the exports (several may be given). Bad input: one Chinese line, exit 2.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Agency
from gongkai.reports import export
from gongkai.reports.compute import report_figures

WRITERS = {
    "docx": export.to_docx,
    "pdf": export.to_pdf,
    "xlsx": export.to_xlsx,
    "html": lambda fig: export.to_html(fig).encode("utf-8"),
    "text": lambda fig: export.to_text(fig).encode("utf-8"),
}


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = (
        "按平台记录生成本机关政府信息公开工作年度报告（表二、表三、表四），输出 JSON 或导出文件。"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="机关标识（slug）")
        parser.add_argument("year", help="报告年度，例如 2025")
        parser.add_argument("--json", action="store_true", help="在标准输出打印 JSON")
        for form in WRITERS:
            parser.add_argument(f"--{form}", metavar="FILE", help=f"写出 {form.upper()} 文件")

    def handle(self, *args, **options):
        agency = Agency.objects.filter(slug=options["slug"]).first()
        if agency is None:
            raise _fail(f"找不到机关：{options['slug']!r}（请使用机关的 slug 标识）。")
        try:
            year = int(options["year"])
        except ValueError:
            raise _fail(f"报告年度无效：{options['year']!r}，应为四位年份，例如 2025。") from None
        if not 2019 <= year <= datetime.date.today().year:
            raise _fail(f"报告年度无效：{year}，应在 2019 年至今年之间（条例 2019 年修订施行）。")
        targets = {form: options[form] for form in WRITERS if options.get(form)}
        for form, name in targets.items():
            folder = Path(name).expanduser().resolve().parent
            if not folder.is_dir():
                raise _fail(f"无法写出 {form.upper()}：文件夹不存在：{folder}")
        if not targets and not options["json"]:
            options["json"] = True  # nothing asked: the figures themselves
        fig = report_figures(agency, year)
        for form, name in targets.items():
            try:
                Path(name).write_bytes(WRITERS[form](fig))
            except OSError as exc:
                raise _fail(f"无法写出 {form.upper()} 文件 {name}：{exc.strerror or exc}") from None
            self.stderr.write(f"已写出 {form.upper()}：{name}")
        if options["json"]:
            self.stdout.write(export.to_json(fig))
