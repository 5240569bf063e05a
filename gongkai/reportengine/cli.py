"""``gongkai check_report PATH...``: read published annual reports and check them.

Pure Python (no Django), so it also runs as ``python -m gongkai.reportengine``. Exit status
(see docs/report-checks.md):

* 0: every report was read and none has an error;
* 1: some report has an error (the published report itself is wrong);
* 2: some input could not be read as a report (missing file, scanned PDF, internal error…);
  this wins over 1, since a report we could not read may hide further errors.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from .checks import analyse, check_pair
from .checks.dates import NATIONAL_DEADLINES
from .checks.labels import (
    BODY_KIND_LABELS,
    ROW_SHORT,
    TABLE4_PART_SHORT,
    template_label,
)
from .figures import (
    SCHEMA_VERSION,
    TABLE4_GROUPS,
    Figures,
    Severity,
    table2_layout,
)

REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
GRID_COLUMNS = ("自然人", "商业企业", "科研机构", "公益组织", "法律服务", "其他", "总计")
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.NOTICE, Severity.UNREAD)
SEVERITY_NAMES = {
    Severity.ERROR: "错误",
    Severity.WARNING: "警告",
    Severity.NOTICE: "提示",
    Severity.UNREAD: "未能读取",
}
MARKS = {Severity.ERROR: "!", Severity.WARNING: "*", Severity.NOTICE: "*", Severity.UNREAD: "?"}
EMPTY = "—"

VERDICT_ERRORS = "有错误"
VERDICT_UNREAD = "部分内容未能读取"
VERDICT_CLEAN = "未发现错误"
VERDICT_UNREADABLE = "无法读取"


@dataclass
class Outcome:
    """One input: its figures once read and checked, or the one-line reason it could not be."""

    path: str
    figures: Figures | None = None
    problem: str | None = None


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def verdict(figures: Figures | None) -> str:
    """Error beats unread: a report with a proven error is wrong whatever we could not read."""
    if figures is None:
        return VERDICT_UNREADABLE
    severities = {f.severity for f in figures.findings}
    if Severity.ERROR in severities:
        return VERDICT_ERRORS
    if Severity.UNREAD in severities:
        return VERDICT_UNREAD
    return VERDICT_CLEAN


# --- Inputs ------------------------------------------------------------------------------


def collect(arguments: Sequence[str]) -> list[Outcome]:
    """Files to read, in argument order; folders are searched recursively for report files."""
    items: list[Outcome] = []
    for argument in arguments:
        try:
            items.extend(collect_one(argument))
        except OSError as exc:
            items.append(
                Outcome(argument, problem=f"无法打开（{exc.strerror or type(exc).__name__}）")
            )
    return items


def collect_one(argument: str) -> list[Outcome]:
    """One argument: a file, or a folder's report files (hidden ones skipped), or a problem."""
    path = Path(argument)
    if path.is_dir():
        found = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in REPORT_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not found:
            kinds = " ".join(REPORT_SUFFIXES)
            return [Outcome(argument, problem=f"文件夹中没有报告文件（{kinds}）")]
        return [Outcome(str(p)) for p in found]
    if path.is_file():
        return [Outcome(argument)]
    if path.exists():
        return [Outcome(argument, problem="不是普通文件")]
    return [Outcome(argument, problem="文件不存在")]


def default_parse(path: str) -> Figures:
    from .parsing import parse_report

    return parse_report(path)


def internal_error(exc: Exception) -> str:
    return f"内部错误（{type(exc).__name__}: {one_line(exc)[:200]}），请报告此问题"


def guarded(item: Outcome, make: Callable[[Outcome], object]):
    """``make(item)``; should it fail on odd figures, the item becomes an internal error."""
    try:
        return make(item)
    except Exception as exc:
        item.figures, item.problem = None, internal_error(exc)
        return None


def read(
    item: Outcome,
    parse: Callable[[str], Figures],
    today: date | None,
    *,
    deadlines: dict[str, tuple[int, int]] | None = None,
    body_kind: str | None = None,
) -> None:
    """Parse and check one file; any failure becomes ``item.problem``, never a traceback."""
    from .parsing import ReportUnreadable

    try:
        figures = parse(item.path)
        if not isinstance(figures, Figures):
            raise TypeError(f"parser returned {type(figures).__name__}")
        if not figures.source:
            figures.source = item.path
        if body_kind:
            figures.body_kind = body_kind
        item.figures = analyse(figures, today=today, deadlines=deadlines)
    except ReportUnreadable as exc:
        item.problem = one_line(exc) or "无法作为年度报告读取"
    except OSError as exc:  # permission denied, vanished file, I/O error: not our bug
        item.problem = f"无法打开文件（{exc.strerror or type(exc).__name__}）"
    except Exception as exc:  # one bad file must not stop the others
        item.problem = internal_error(exc)


def pair_years(items: Sequence[Outcome]) -> None:
    """Run :func:`check_pair` for each body with reports for consecutive years.

    Reports are matched by body name (spaces ignored). A body-year with two reports is
    ambiguous and skipped. The pair's findings go to the later report.
    """
    by_body: dict[str, dict[int, list[Figures]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        fig = item.figures
        if fig and fig.body and isinstance(fig.year, int):
            by_body["".join(fig.body.split())][fig.year].append(fig)
    for years in by_body.values():
        for year, reports in years.items():
            later = years.get(year + 1)
            if len(reports) == 1 and later and len(later) == 1:
                later[0].findings.extend(check_pair(reports[0], later[0]))


# --- Terminal view ------------------------------------------------------------------------


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ljust(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def rjust(text: str, size: int) -> str:
    return " " * max(0, size - width(text)) + text


def number(value: object) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def marks_by_where(figures: Figures) -> dict[str, str]:
    """The mark of the worst finding at each ``where`` (error ! / warning, notice * / unread ?)."""
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    worst: dict[str, Severity] = {}
    for f in figures.findings:
        if f.where not in worst or rank[f.severity] < rank[worst[f.where]]:
            worst[f.where] = f.severity
    return {where: MARKS[s] for where, s in worst.items()}


def marked(value: object, *wheres: str, marks: dict[str, str]) -> str:
    mark = next((marks[w] for w in wheres if w in marks), " ")
    return number(value) + mark


def grid(labels: list[str], headers: Sequence[str], rows: list[list[str]]) -> list[str]:
    label_width = max(width(x) for x in labels) + 2
    sizes = [max(width(h), *(width(r[i]) for r in rows)) + 2 for i, h in enumerate(headers)]
    lines = [
        ljust("", label_width) + "".join(rjust(h, s) for h, s in zip(headers, sizes, strict=True))
    ]
    for label, row in zip(labels, rows, strict=True):
        lines.append(
            ljust(label, label_width)
            + "".join(rjust(c, s) for c, s in zip(row, sizes, strict=True))
        )
    return lines


def render(figures: Figures) -> str:
    """A readable view of one report: title, the three tables with marks, findings, verdict."""
    marks = marks_by_where(figures)
    title = " · ".join(
        x
        for x in (
            figures.body or "（未识别发布机关）",
            f"{figures.year} 年度" if figures.year else "（未识别年度）",
            template_label(figures.template),
        )
    )
    lines = [f"━━ {title}"]
    meta = [f"来源：{figures.source or '—'}"]
    meta.append(f"发布日期：{figures.published_on.isoformat() if figures.published_on else '—'}")
    if figures.body_kind:
        meta.append(f"机关类型：{BODY_KIND_LABELS.get(figures.body_kind, figures.body_kind)}")
    lines.append("　".join(meta))

    # Table 二, compactly: one entry per row of the template.
    entries = []
    for key, (label, columns) in table2_layout(figures.template).items():
        value = figures.table2.get(key) if isinstance(figures.table2, dict) else None
        if len(columns) == 1:
            shown = marked(value, f"table2.{key}", "table2", marks=marks).rstrip()
        else:
            cells = value if isinstance(value, list) else [None] * len(columns)
            shown = "/".join(
                marked(v, f"table2.{key}[{i}]", f"table2.{key}", "table2", marks=marks).rstrip()
                for i, v in enumerate(cells)
            )
        entries.append(f"{label} {shown}")
    lines.append("")
    lines.append("表二 主动公开：" + "　".join(entries))

    # Table 三 as an aligned grid.
    row_ids = list(figures.table3) or []
    labels, rows = [], []
    for rid in row_ids:
        cells = figures.table3.get(rid) or [None] * 7
        labels.append(ROW_SHORT.get(rid, rid))
        rows.append(
            [
                marked(v, f"table3.{rid}[{c}]", f"table3.{rid}", "table3", marks=marks)
                for c, v in enumerate((list(cells) + [None] * 7)[:7])
            ]
        )
    lines.append("")
    lines.append("表三 收到和处理政府信息公开申请情况")
    if rows:
        lines.extend(grid(labels, GRID_COLUMNS, rows))
    else:
        lines.append("  （无数据）")

    # Table 四: three groups of five.
    cells = (list(figures.table4 or []) + [None] * 15)[:15]
    rows4 = [
        [marked(cells[g * 5 + p], f"table4[{g * 5 + p}]", "table4", marks=marks) for p in range(5)]
        for g in range(3)
    ]
    lines.append("")
    lines.append("表四 行政复议、行政诉讼情况")
    lines.extend(grid(list(TABLE4_GROUPS), TABLE4_PART_SHORT, rows4))
    lines.append(f"  标记：! 错误　* 警告或提示　? 未能读取　{EMPTY} 空")

    # Findings by severity.
    for severity in SEVERITY_ORDER:
        group = [f for f in figures.findings if f.severity == severity]
        if not group:
            continue
        lines.append("")
        lines.append(f"{SEVERITY_NAMES[severity]}（{len(group)}）")
        for f in group:
            lines.append(f"  {f.code}  {f.where}  {f.message}")
            if f.hint:
                lines.append(f"        → {f.hint}")
    lines.append("")
    lines.append(f"结论：{verdict_line(figures)}")
    return "\n".join(lines)


def counts(figures: Figures) -> dict[Severity, int]:
    result = dict.fromkeys(SEVERITY_ORDER, 0)
    for f in figures.findings:
        result[f.severity] = result.get(f.severity, 0) + 1
    return result


def verdict_line(figures: Figures) -> str:
    n = counts(figures)
    detail = "，".join(
        f"{n[s]} 处{SEVERITY_NAMES[s]}" if s == Severity.UNREAD else f"{n[s]} 个{SEVERITY_NAMES[s]}"
        for s in SEVERITY_ORDER
        if n[s]
    )
    return verdict(figures) + (f"（{detail}）" if detail else "")


# --- JSON and CSV -------------------------------------------------------------------------


def as_json(item: Outcome) -> dict:
    if item.figures is not None:
        return item.figures.to_dict()
    return {"schema_version": SCHEMA_VERSION, "source": item.path, "unreadable": item.problem}


CSV_COLUMNS = (
    "source", "body", "year", "template", "published_on", "body_kind", "verdict",
    "errors", "warnings", "notices", "unread", "error_codes", "codes",
    "row1_total", "row2_total", "row3_7_total", "row4_total",
    "review_total", "litigation_direct_total", "litigation_after_review_total",
    "unreadable_reason",
)  # fmt: skip


def csv_safe(value: object) -> object:
    """Formula-injection escaping: a text cell starting with = + - @ (or tab, CR) gets a '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def csv_row(item: Outcome) -> dict:
    fig = item.figures
    if fig is None:
        return {
            "source": item.path,
            "verdict": VERDICT_UNREADABLE,
            "unreadable_reason": item.problem,
        }
    n = counts(fig)
    t4 = (list(fig.table4 or []) + [None] * 15)[:15]

    def total_of(rid: str) -> object:
        row = fig.table3.get(rid) or [None] * 7
        return row[6] if len(row) > 6 else None

    return {
        "source": fig.source or item.path,
        "body": fig.body,
        "year": fig.year,
        "template": fig.template,
        "published_on": fig.published_on.isoformat() if fig.published_on else None,
        "body_kind": fig.body_kind,
        "verdict": verdict(fig),
        "errors": n[Severity.ERROR],
        "warnings": n[Severity.WARNING],
        "notices": n[Severity.NOTICE],
        "unread": n[Severity.UNREAD],
        "error_codes": " ".join(
            sorted({f.code for f in fig.findings if f.severity == Severity.ERROR})
        ),
        "codes": " ".join(sorted({f.code for f in fig.findings})),
        "row1_total": total_of("1"),
        "row2_total": total_of("2"),
        "row3_7_total": total_of("3.7"),
        "row4_total": total_of("4"),
        "review_total": t4[4],
        "litigation_direct_total": t4[9],
        "litigation_after_review_total": t4[14],
    }


def write_csv(path: str, items: Sequence[Outcome]) -> None:
    # UTF-8 with BOM so that Excel opens the Chinese text correctly.
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for item in items:
            row = guarded(item, csv_row) or csv_row(item)
            writer.writerow({k: csv_safe(row.get(k)) for k in CSV_COLUMNS})


# --- Progress -----------------------------------------------------------------------------


class Progress:
    """A one-line progress bar on a terminal's stderr; silent otherwise."""

    def __init__(self, total: int, stream: TextIO):
        self.total = total
        self.stream = stream
        self.active = total > 1 and getattr(stream, "isatty", lambda: False)()

    def show(self, done: int, name: str) -> None:
        if not self.active:
            return
        filled = 30 * done // self.total
        label = Path(name).name[:30]
        self.stream.write(
            f"\r\033[K检查 [{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total} {label}"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r\033[K")
            self.stream.flush()


# --- Main ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai check_report",
        description="检查政府信息公开工作年度报告（文本、Markdown、HTML、DOCX、PDF）。",
        epilog="退出状态：0 未发现错误；1 有报告存在错误；2 有文件无法作为年度报告读取。",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹（递归查找）")
    parser.add_argument("--json", action="store_true", help="输出 JSON（多个文件时为数组）")
    parser.add_argument("--csv", metavar="FILE", help="另写一份每份报告一行的 CSV 汇总")
    parser.add_argument("-q", "--quiet", action="store_true", help="每份报告只输出一行结论")
    kinds = "、".join(NATIONAL_DEADLINES)
    parser.add_argument(
        "--deadline",
        action="append",
        default=[],
        metavar="KIND=MM-DD",
        type=deadline_option,
        help=f"本地更早的公布期限（次年月日），可重复；KIND 为 {kinds}，例如 township=01-25",
    )
    parser.add_argument(
        "--body-kind",
        choices=tuple(NATIONAL_DEADLINES),
        help="指定所有报告的机关类型（无法从机关名称判断时，用于核对公布期限）",
    )
    return parser


def deadline_option(text: str) -> tuple[str, tuple[int, int]]:
    """``township=01-25`` → ("township", (1, 25)): a local deadline earlier than the national
    bound of 条例 Art. 49 / 30号 二 (reference §1.4 asks for them to be configurable)."""
    kind, _, when = text.partition("=")
    if kind not in NATIONAL_DEADLINES:
        raise argparse.ArgumentTypeError(
            f"未知的机关类型：{kind}（应为 {'、'.join(NATIONAL_DEADLINES)}）"
        )
    try:
        month, day = (int(part) for part in when.split("-"))
        date(2001, month, day)  # a real month and day (not 02-29: deadlines never fall there)
    except ValueError:
        raise argparse.ArgumentTypeError(f"期限应为 MM-DD 格式，例如 01-25：{when!r}") from None
    if (month, day) > NATIONAL_DEADLINES[kind]:
        raise argparse.ArgumentTypeError(
            f"{kind} 的期限不能晚于全国规定的 "
            f"{NATIONAL_DEADLINES[kind][0]:02d}-{NATIONAL_DEADLINES[kind][1]:02d}"
        )
    return kind, (month, day)


class UsageError(Exception):
    pass


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = build_parser()

    def fail(message: str) -> None:
        raise UsageError(message)

    parser.error = fail  # type: ignore[method-assign]  # one line, exit 2, no usage dump
    return parser.parse_args(list(argv))


def main(
    argv: Sequence[str] | None = None,
    *,
    parse: Callable[[str], Figures] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    today: date | None = None,
) -> int:
    """Run the command; returns the exit status (0, 1 or 2) instead of exiting."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    for stream in {out, err} & {sys.stdout, sys.stderr}:
        # A terminal that cannot show Chinese gets escapes, not a UnicodeEncodeError.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        options = parse_arguments(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        err.write(f"gongkai check_report: {exc}\n")
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        return run(options, parse or default_parse, out, err, today or date.today())
    except KeyboardInterrupt:
        err.write("\n已中断\n")
        return 130
    except BrokenPipeError:  # e.g. piped into `head`
        return 0


def run(options, parse, out: TextIO, err: TextIO, today: date) -> int:
    items = collect(options.paths)
    progress = Progress(sum(1 for i in items if i.problem is None), err)
    done = 0
    for item in items:
        if item.problem is None:
            read(
                item,
                parse,
                today,
                deadlines=dict(options.deadline) or None,
                body_kind=options.body_kind,
            )
            done += 1
            progress.show(done, item.path)
    progress.close()
    try:
        pair_years(items)
    except Exception as exc:  # pairing is an extra; never lose the single-report results
        err.write(f"跨年度核对: 内部错误（{type(exc).__name__}: {one_line(exc)[:200]}）\n")

    if options.json:
        data = [guarded(item, as_json) or as_json(item) for item in items]
        out.write(
            json.dumps(
                data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2, default=str
            )
        )
        out.write("\n")
    else:
        for item in items:
            if item.figures is None:
                continue
            if options.quiet:
                text = guarded(item, lambda i: f"{i.path}: {verdict_line(i.figures)}")
            else:
                text = guarded(item, lambda i: render(i.figures) + "\n")
            if text is not None:
                out.write(text + "\n")
        if len(items) > 1:
            out.write(summary(items) + "\n")
    for item in items:
        if item.problem is not None:
            err.write(f"{item.path}: {item.problem}\n")
    if options.csv:
        try:
            write_csv(options.csv, items)
        except OSError as exc:
            err.write(f"{options.csv}: 无法写入 CSV（{exc.strerror or one_line(exc)}）\n")
            return 2
    if any(i.problem is not None for i in items):
        return 2
    if any(i.figures is not None and i.figures.has_errors for i in items):
        return 1
    return 0


def summary(items: Sequence[Outcome]) -> str:
    tally: dict[str, int] = defaultdict(int)
    for item in items:
        tally[verdict(item.figures)] += 1
    parts = [
        f"{name} {tally[name]} 份"
        for name in (VERDICT_ERRORS, VERDICT_UNREAD, VERDICT_CLEAN, VERDICT_UNREADABLE)
        if tally[name]
    ]
    return f"共 {len(items)} 份：" + "，".join(parts)
