"""``gongkai check_report PATH...``: read published annual reports and check them.

Pure Python (no Django), so it also runs as ``python -m gongkai.reportengine``. Exit status
(see docs/report-checks.md):

* 0: every report was read and none has an error;
* 1: some report has an error (the published report itself is wrong);
* 2: some input could not be read as a report (missing file, scanned PDF, internal error…);
  this wins over 1, since a report we could not read may hide further errors.

Big folders (docs/report-checker.md): files are checked by ``--jobs`` worker processes, each
file within the budget of :mod:`.limits`, and results are written as they come, a window of
:data:`PAIR_WINDOW` files at a time (consecutive years of one body are paired within it), so
memory stays flat however many files there are. The options are declared once, in
:func:`add_options`, for this module and for the Django management command alike.
"""

from __future__ import annotations

import argparse
import csv
import errno
import itertools
import json
import os
import re
import sys
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from . import limits
from .checks.dates import NATIONAL_DEADLINES
from .figures import Figures
from .limits import REPORT_SUFFIXES
from .messages import LANGUAGES, catalog_translate, language_from_environment, untranslated
from .results import (
    CSV_COLUMNS,
    Options,
    Outcome,
    as_json,
    check_outcomes,
    csv_values,
    default_parse,
    guarded,
    one_line,
    pair_years,
    summary,
    verdict,
    verdict_line,
)
from .textview import view

__all__ = ["REPORT_SUFFIXES", "add_options", "build_parser", "main"]

# Files checked (and paired by body and year) before their results are written.
PAIR_WINDOW = 1000


# --- Inputs ------------------------------------------------------------------------------


def collect(arguments: Sequence[str]) -> Iterator[Outcome]:
    """Files to read, in argument order; folders are walked recursively for report files in
    path order, and a ``.zip`` is read as a folder (its members within :mod:`.limits`).

    A generator: a folder of 100,000 files is walked, not listed, so memory stays flat.
    """
    for argument in arguments:
        try:
            yield from collect_one(argument)
        except OSError as exc:
            yield Outcome(argument, problem=open_problem(exc))


def open_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "符号链接循环，无法打开"
    if exc.errno == errno.ENOENT:
        return "文件不存在"
    return f"无法打开（{exc.strerror or type(exc).__name__}）"


def walk_reports(folder: str) -> Iterator[str]:
    """Report files under ``folder`` (hidden entries skipped) in the order of their full paths.

    Entries are sorted by name with "/" after a folder's name, so "a.txt" comes before
    "a/b.txt", as a sort of the whole paths would put them.
    """
    # Only the names are kept (the one list a walk cannot avoid: the largest folder's names).
    names: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    names.append(entry.name + "/" if entry.is_dir() else entry.name)
                except OSError:
                    continue
    except OSError:
        return
    names.sort()
    for name in names:
        if name.endswith("/"):
            yield from walk_reports(os.path.join(folder, name[:-1]))
        elif os.path.splitext(name)[1].lower() in REPORT_SUFFIXES:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                yield path


def collect_one(argument: str) -> Iterator[Outcome]:
    """One argument: a file, a folder's or a zip's report files, or a problem."""
    path = Path(argument)
    try:
        path.stat()  # follows links: a loop raises ELOOP, a dangling one ENOENT
    except OSError as exc:
        yield Outcome(argument, problem=open_problem(exc))
        return
    if path.is_dir():
        found = False
        for report in walk_reports(argument):
            found = True
            yield Outcome(report)
        if not found:
            kinds = " ".join(REPORT_SUFFIXES)
            yield Outcome(argument, problem=f"文件夹中没有报告文件（{kinds}）")
    elif not path.is_file():
        yield Outcome(argument, problem="不是普通文件")
    elif path.suffix.lower() == ".zip":
        yield from collect_zip(argument)
    else:
        yield Outcome(argument)


def collect_zip(argument: str) -> list[Outcome]:
    """A zip of reports read as a folder: one outcome per report member."""
    try:
        with zipfile.ZipFile(argument) as archive:
            members = limits.zip_reports(archive, limit=None)
    except zipfile.BadZipFile:
        return [Outcome(argument, problem="压缩包已损坏，无法读取")]
    except limits.LimitExceeded as exc:
        return [Outcome(argument, problem=str(exc))]
    if not members:
        kinds = " ".join(REPORT_SUFFIXES)
        return [Outcome(argument, problem=f"压缩包中没有报告文件（{kinds}）")]
    return [Outcome(f"{argument}/{m}", archive=argument, member=m) for m in members]


def done_sources(path: str) -> set[str]:
    """The sources already in a JSON Lines results file (``--skip-done``); a line cut short
    by an interrupted run is ignored, so that file is checked again."""
    sources: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("source"), str):
                sources.add(record["source"])
    return sources


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


# --- Options (declared once: this CLI and `gongkai check_report` share them) --------------


class UsageError(Exception):
    pass


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数：{text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text!r}")
    return value


def body_kind_option(text: str) -> str:
    if text not in NATIONAL_DEADLINES:
        raise argparse.ArgumentTypeError(
            f"未知的机关类型：{text}（应为 {'、'.join(NATIONAL_DEADLINES)}）"
        )
    return text


def add_options(parser: argparse.ArgumentParser) -> None:
    """Every option of the checker, for :func:`build_parser` and the management command."""
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="报告文件、文件夹（递归查找）或 zip 压缩包"
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON（多个文件时为数组）")
    parser.add_argument("--jsonl", action="store_true", help="输出 JSON Lines：每份报告一行 JSON")
    parser.add_argument("--csv", metavar="FILE", help="另写一份每份报告一行的 CSV 汇总")
    parser.add_argument("-q", "--quiet", action="store_true", help="每份报告只输出一行结论")
    parser.add_argument(
        "--jobs",
        type=positive_int,
        default=os.cpu_count() or 1,
        metavar="N",
        help=f"同时检查的进程数（默认为全部 CPU 核心，本机 {os.cpu_count() or 1}）",
    )
    parser.add_argument(
        "--skip-done",
        metavar="RESULTS.jsonl",
        help="跳过此 JSON Lines 结果文件中已有的报告（中断后续查）",
    )
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
        "--lang",
        choices=LANGUAGES,
        help="终端输出（检查结果说明、结论）的语言：zh 中文，en 英文；默认按环境变量 LANGUAGE、"
        "LC_ALL、LC_MESSAGES、LANG 判断（以 en 开头为英文，否则中文）。JSON 与 CSV 始终为中文",
    )
    parser.add_argument(
        "--body-kind",
        type=body_kind_option,
        metavar="KIND",
        help=f"指定所有报告的机关类型（{kinds}；无法从机关名称判断时，用于核对公布期限）",
    )


DESCRIPTION = "检查政府信息公开工作年度报告（文本、Markdown、HTML、DOCX、PDF，或其 zip 压缩包）。"
EPILOG = "退出状态：0 未发现错误；1 有报告存在错误；2 有文件无法作为年度报告读取。"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai check_report", description=DESCRIPTION, epilog=EPILOG
    )
    add_options(parser)
    return parser


# argparse's own messages, in the language of the rest of the CLI.
_ARGPARSE_MESSAGES = (
    (re.compile(r"the following arguments are required: (.*)"), "缺少参数：{0}"),
    (re.compile(r"unrecognized arguments: (.*)"), "无法识别的参数：{0}"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 需要一个值"),
    (
        re.compile(r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)"),
        "参数 {0} 的值 {1} 无效（可选：{2}）",
    ),
    (re.compile(r"argument (\S+): (.*)"), "参数 {0}：{1}"),
    (re.compile(r"ambiguous option: (\S+).*"), "选项不明确：{0}"),
)


def chinese_usage(message: str) -> str:
    for pattern, template in _ARGPARSE_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return template.format(*match.groups())
    return message


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = build_parser()

    def fail(message: str) -> None:
        raise UsageError(chinese_usage(message))

    parser.error = fail  # type: ignore[method-assign]  # one line, exit 2, no usage dump
    options = parser.parse_args(list(argv))
    if any(not p.strip() for p in options.paths):
        raise UsageError("路径不能为空")
    if options.json and options.jsonl:
        raise UsageError("--json 与 --jsonl 只能选一个")
    options.lang = options.lang or language_from_environment(os.environ)
    return options


# --- Main ---------------------------------------------------------------------------------


def main(
    argv: Sequence[str] | None = None,
    *,
    parse: Callable[[str], Figures] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    today: date | None = None,
) -> int:
    """Run the command; returns the exit status (0, 1 or 2) instead of exiting.

    ``parse(path)`` stands in for the engine's parser (tests); it reads plain files only.
    """
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
    reader = default_parse if parse is None else (lambda item: parse(item.path))
    try:
        return run(options, reader, out, err, today or date.today())
    except UsageError as exc:
        err.write(f"gongkai check_report: {exc}\n")
        return 2
    except KeyboardInterrupt:
        err.write("\n已中断\n")
        return 130
    except BrokenPipeError:  # e.g. piped into `head`
        return 0


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def inputs(options) -> Callable[[], Iterator[Outcome]]:
    """A function giving the inputs afresh (walked twice: once to count them for the
    progress bar and the JSON form, once to check them), after the checks that refuse the
    whole run before any work: a CSV file that is an input, an unreadable --skip-done."""
    done: set[str] = set()
    if options.skip_done:
        try:
            done = done_sources(options.skip_done)
        except OSError as exc:
            raise UsageError(
                f"无法读取 --skip-done 文件 {options.skip_done}（{exc.strerror or exc}）"
            ) from None
    csv_name = (
        os.path.basename(options.csv) if options.csv and os.path.exists(options.csv) else None
    )

    def items() -> Iterator[Outcome]:
        for item in collect(options.paths):
            if item.path in done:
                continue
            if (
                csv_name
                and item.member is None
                and os.path.basename(item.path) == csv_name
                and same_file(options.csv, item.path)
            ):
                raise UsageError(f"--csv 不能写到要检查的报告文件：{options.csv}")
            yield item

    return items


class Writer:
    """Writes each outcome as it comes: terminal text, a JSON array or JSON Lines, and CSV."""

    def __init__(self, options, out: TextIO, err: TextIO, total: int):
        self.options, self.out, self.err, self.total = options, out, err, total
        try:
            self.translate = catalog_translate(options.lang)
        except OSError:  # an installation without locale/: still a useful, Chinese, view
            err.write(f"gongkai check_report: 没有 {options.lang} 语言的翻译文件，以中文输出\n")
            self.translate = untranslated
        self.written = 0
        self.tally: dict[str, int] = defaultdict(int)
        self.unreadable = self.errors = False
        self.csv_handle = self.csv = None
        if options.csv:
            try:
                # UTF-8 with BOM so that Excel opens the Chinese text correctly.
                self.csv_handle = open(options.csv, "w", encoding="utf-8-sig", newline="")
            except OSError as exc:
                raise UsageError(
                    f"{options.csv}: 无法写入 CSV（{exc.strerror or one_line(exc)}）"
                ) from None
            self.csv = csv.writer(self.csv_handle)
            self.csv.writerow(CSV_COLUMNS)

    def batch(self, items: Sequence[Outcome]) -> None:
        for item in items:
            self.one(item)
        for item in items:
            if item.problem is not None:
                self.err.write(f"{item.path}: {item.problem}\n")
        self.out.flush()

    def one(self, item: Outcome) -> None:
        options = self.options
        if options.json or options.jsonl:
            data = guarded(item, as_json) or as_json(item)
            if options.jsonl:
                self.out.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
            else:
                text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
                if self.total > 1:
                    text = ("[\n" if self.written == 0 else ",\n") + text
                self.out.write(text)
        elif item.figures is not None:
            if options.quiet:
                text = guarded(
                    item, lambda i: f"{i.path}: {verdict_line(i.figures, self.translate)}"
                )
            else:
                text = guarded(item, lambda i: view(i.figures, self.translate) + "\n")
            if text is not None:
                self.out.write(text + "\n")
        if self.csv is not None:
            self.csv.writerow(csv_values(item))
        self.written += 1
        self.tally[verdict(item.figures)] += 1
        self.unreadable |= item.problem is not None
        self.errors |= item.figures is not None and item.figures.has_errors

    def close(self) -> int:
        options = self.options
        if options.json:
            self.out.write(("\n]" if self.total > 1 else "") + "\n" if self.written else "[]\n")
        elif not options.jsonl and self.total > 1:
            self.out.write(summary(self.tally, self.translate) + "\n")
        if self.csv_handle is not None:
            self.csv_handle.close()
        if self.unreadable:
            return 2
        return 1 if self.errors else 0


def windows(items: Iterable[Outcome], size: int) -> Iterator[list[Outcome]]:
    iterator = iter(items)
    while window := list(itertools.islice(iterator, size)):
        yield window


def run(options, parse, out: TextIO, err: TextIO, today: date) -> int:
    items = inputs(options)
    total = to_read = 0
    for item in items():  # counted before anything is written (a refusal writes nothing)
        total += 1
        to_read += item.problem is None
    check = Options(
        today=today, deadlines=dict(options.deadline) or None, body_kind=options.body_kind
    )
    writer = Writer(options, out, err, total)
    progress = Progress(to_read, err)
    done = 0
    for window in windows(items(), PAIR_WINDOW):
        checked: list[Outcome] = list(window)
        for index, outcome in check_outcomes(window, parse, check, jobs=options.jobs):
            checked[index] = outcome
            if outcome.problem is None or window[index].problem is None:
                done += 1
                progress.show(done, outcome.path)
        try:
            pair_years(checked)
        except Exception as exc:  # pairing is an extra; never lose the single-report results
            err.write(f"跨年度核对: 内部错误（{type(exc).__name__}: {one_line(exc)[:200]}）\n")
        progress.close()
        writer.batch(checked)
    progress.close()
    if options.skip_done and not total:
        err.write("没有需要检查的报告（都已在 --skip-done 文件中）\n")
    return writer.close()
