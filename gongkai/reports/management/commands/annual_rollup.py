"""``gongkai annual_rollup SLUG YEAR``: the government-level report of a body and its subtree.

``--json`` prints the summed figures (the engine's JSON schema, with every check's findings);
``--bodies`` prints the subordinate bodies missing, late or failing; ``--docx F``, ``--pdf F``,
``--xlsx F``, ``--html F``, ``--text F`` write the exports and ``--notice F`` the draft 通报
(DOCX). Thin over :func:`gongkai.reports.rollup.rollup`; bad input: one Chinese line, exit 2.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from gongkai.reports import export
from gongkai.reports.commandline import WRITERS, body_and_year, fail, output_files
from gongkai.reports.rollup import bodies_text, rollup


class Command(BaseCommand):
    help = "汇总本机关及下级机关的平台记录，生成本级政府年度报告，列出未公开、逾期公开和报告有错误的机关。"

    def add_arguments(self, parser):
        parser.add_argument("slug", help="机关标识（slug），如县人民政府")
        parser.add_argument("year", help="报告年度，例如 2025")
        parser.add_argument("--json", action="store_true", help="在标准输出打印汇总 JSON")
        parser.add_argument(
            "--bodies", action="store_true", help="打印未公开、逾期公开、报告有错误的机关"
        )
        for form in WRITERS:
            parser.add_argument(f"--{form}", metavar="FILE", help=f"写出 {form.upper()} 文件")
        parser.add_argument("--notice", metavar="FILE", help="写出通报草稿（DOCX）")

    def handle(self, *args, **options):
        agency, year = body_and_year(options)
        targets = output_files(options, (*WRITERS, "notice"))
        if not targets and not options["json"] and not options["bodies"]:
            options["json"] = True
        result = rollup(agency, year)
        for form, name in targets.items():
            if form == "notice":
                data = _notice(agency, year)
            else:
                data = WRITERS[form](result.figures)
            try:
                Path(name).write_bytes(data)
            except OSError as exc:
                raise fail(f"无法写出 {form.upper()} 文件 {name}：{exc.strerror or exc}") from None
            self.stderr.write(f"已写出 {form.upper()}：{name}")
        if options["bodies"]:
            self.stdout.write(bodies_text(result), ending="")
        if options["json"]:
            self.stdout.write(export.to_json(result.figures))


def _notice(agency, year: int) -> bytes:
    """The 通报 as the platform administrator sees it (every body of the subtree)."""
    from types import SimpleNamespace

    from gongkai.supervision.dashboard import dashboard
    from gongkai.supervision.notice import draft_notice, notice_docx

    everyone = SimpleNamespace(is_authenticated=True, is_active=True, is_superuser=True)
    return notice_docx(draft_notice(dashboard(agency, year, user=everyone)))
