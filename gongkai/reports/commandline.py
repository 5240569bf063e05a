"""What the annual-report commands (``annual_report``, ``annual_rollup``) share: the export
writers and the checks of their arguments, each refusal one Chinese line with exit status 2."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import CommandError

from gongkai.agencies.models import Agency

from . import export

WRITERS = {
    "docx": export.to_docx,
    "pdf": export.to_pdf,
    "xlsx": export.to_xlsx,
    "html": lambda fig: export.to_html(fig).encode("utf-8"),
    "text": lambda fig: export.to_text(fig).encode("utf-8"),
}


def fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def body_and_year(options) -> tuple[Agency, int]:
    """The body named by ``slug`` and a report year from 2019 (the revised 条例 in force) to now."""
    agency = Agency.objects.filter(slug=options["slug"]).first()
    if agency is None:
        raise fail(f"找不到机关：{options['slug']!r}（请使用机关的 slug 标识）。")
    try:
        year = int(options["year"])
    except ValueError:
        raise fail(f"报告年度无效：{options['year']!r}，应为四位年份，例如 2025。") from None
    if not 2019 <= year <= datetime.date.today().year:
        raise fail(f"报告年度无效：{year}，应在 2019 年至今年之间（条例 2019 年修订施行）。")
    return agency, year


def output_files(options, forms) -> dict[str, str]:
    """The files asked for (form → path), refused before any work when a folder is missing."""
    targets = {form: options[form] for form in forms if options.get(form)}
    for form, name in targets.items():
        folder = Path(name).expanduser().resolve().parent
        if not folder.is_dir():
            raise fail(f"无法写出 {form.upper()}：文件夹不存在：{folder}")
    return targets
