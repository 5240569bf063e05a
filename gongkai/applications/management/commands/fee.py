"""``gongkai fee --per-case N [--already K]`` / ``gongkai fee --per-volume PAGES``: the 信息处理费
of 国办函〔2020〕109号, each tier's part, and the amount in yuan (a whole number) on the last line."""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError

from gongkai.applications.fees import BASIS, per_case_fee, per_volume_fee

USAGE = "用法：gongkai fee --per-case N [--already K] 或 gongkai fee --per-volume PAGES"


def _count(text: str | None, what: str, *, minimum: int) -> int | None:
    if text is None:
        return None
    if not re.fullmatch(r"[0-9]+", text) or int(text) < minimum:
        raise CommandError(f"{what}无效：{text!r}，应为不小于 {minimum} 的整数。", returncode=2)
    return int(text)


class Command(BaseCommand):
    help = "计算政府信息公开信息处理费（国办函〔2020〕109号）。"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--per-case", help="按件计收：本次申请件数（一事一申请拆分后）")
        parser.add_argument("--already", help="同一申请人本自然月内此前已申请的件数")
        parser.add_argument("--per-volume", help="按量计收：页数")

    def handle(self, *args, **options):
        units = _count(options["per_case"], "件数", minimum=1)
        already = _count(options["already"], "本月已申请件数", minimum=0)
        pages = _count(options["per_volume"], "页数", minimum=1)
        if units is None and pages is None:
            raise CommandError(f"请指定计收方式。{USAGE}", returncode=2)
        if units is not None and pages is not None:
            raise CommandError("按件和按量不得同时计算（109号第三条）。", returncode=2)
        if pages is not None and already is not None:
            raise CommandError("--already 只用于按件计收。", returncode=2)
        out = self.stdout.write
        if units is not None:
            fee = per_case_fee(units, already or 0)
            out(
                f"按件计收（{BASIS}第四条）：本次 {units} 件，本自然月此前已 {already or 0} 件，"
                f"按本月第 {(already or 0) + 1}—{(already or 0) + units} 件累进计算"
            )
        else:
            fee = per_volume_fee(pages)
            out(f"按量计收（{BASIS}第五条）：共 {pages} 页，超额累进计算")
        for line in fee.lines():
            out(f"  {line}")
        out(f"合计 {fee.amount} 元")
        out(str(fee.amount))
