"""``gongkai defence_bundle CASE_ID -o FILE``: the defence bundle of a 行政复议/诉讼 case as a
zip (gongkai/reports/bundle.py; 行政复议法 Art. 48, 54). Bad input: one Chinese line, exit 2."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.reports.bundle import build_bundle
from gongkai.reports.models import DisputeCase


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "导出行政复议、行政诉讼案件的答复（答辩）材料（ZIP：目录、申请、收到凭证、告知书及送达记录、检索记录、办理记录）。"

    def add_arguments(self, parser):
        parser.add_argument("case_id", help="案件编号（案件页地址中的数字）")
        parser.add_argument("-o", "--output", required=True, metavar="FILE", help="写出的 ZIP 文件")

    def handle(self, *args, **options):
        raw = options["case_id"]
        case = (
            DisputeCase.objects.select_related("agency", "application").filter(pk=int(raw)).first()
            if raw.isdigit() and len(raw) <= 18
            else None
        )
        if case is None:
            raise _fail(f"找不到案件：{raw!r}（请使用案件页地址中的数字编号）。")
        target = Path(options["output"]).expanduser()
        if not target.resolve().parent.is_dir():
            raise _fail(f"无法写出：文件夹不存在：{target.resolve().parent}")
        bundle = build_bundle(case)
        target.write_bytes(bundle.data)
        kept = sum(1 for p in bundle.parts if p.data is not None)
        self.stdout.write(
            f"已写出 {target}（{case.case_number}，目录及 {kept} 份材料，{len(bundle.data)} 字节）。"
        )
