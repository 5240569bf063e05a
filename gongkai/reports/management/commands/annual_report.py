"""``gongkai annual_report SLUG YEAR``: a body's annual report computed from the records.

``--json`` prints the figures (the engine's JSON schema, docs/report-json.md, with the
findings of every check) on stdout; ``--docx F``, ``--pdf F``, ``--xlsx F``, ``--html F`` and
``--text F`` write the exports (several may be given). Bad input: one Chinese line, exit 2.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from gongkai.reports import export
from gongkai.reports.commandline import WRITERS, body_and_year, fail, output_files
from gongkai.reports.compute import report_figures


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
        agency, year = body_and_year(options)
        targets = output_files(options, WRITERS)
        if not targets and not options["json"]:
            options["json"] = True  # nothing asked: the figures themselves
        fig = report_figures(agency, year)
        for form, name in targets.items():
            try:
                Path(name).write_bytes(WRITERS[form](fig))
            except OSError as exc:
                raise fail(f"无法写出 {form.upper()} 文件 {name}：{exc.strerror or exc}") from None
            self.stderr.write(f"已写出 {form.upper()}：{name}")
        if options["json"]:
            self.stdout.write(export.to_json(fig))
