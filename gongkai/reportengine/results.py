"""Checking reports for callers: one outcome per input, its verdict, JSON and CSV rows.

The engine API that the CLI (:mod:`.cli`), the web checker and the background worker share
(so that a verdict, a CSV column or the JSON of an unreadable file is defined once):

* :class:`Outcome` — one input (a file, or a member of a zip of reports) and, once checked,
  its figures or the one-line reason it could not be read;
* :func:`check_outcome` — parse and check one outcome, never raising;
* :func:`check_outcomes` — the same for many, in budgeted worker processes (:mod:`.workers`);
* :func:`verdict`, :func:`verdict_line`, :func:`as_json`, :func:`csv_row`, :func:`pair_years`;
* :func:`grouped` — repeated findings as one group naming every place (terminal and web
  views; JSON keeps each finding).

Exit statuses and verdicts are documented in docs/report-checks.md.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from . import limits
from .checks import analyse, check_pair
from .figures import SCHEMA_VERSION, Figures, Finding, Severity
from .messages import Translate, gettext_noop, render, untranslated
from .workers import Budget, run_budgeted

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.NOTICE, Severity.UNREAD)
SEVERITY_NAMES = {
    Severity.ERROR: gettext_noop("错误"),
    Severity.WARNING: gettext_noop("警告"),
    Severity.NOTICE: gettext_noop("提示"),
    Severity.UNREAD: gettext_noop("未能读取"),
}

# The verdicts as CSV writes them (always Chinese); the terminal translates them (--lang).
VERDICT_ERRORS = gettext_noop("有错误")
VERDICT_UNREAD = gettext_noop("部分内容未能读取")
VERDICT_CLEAN = gettext_noop("未发现错误")
VERDICT_UNREADABLE = gettext_noop("无法读取")
VERDICTS = (VERDICT_ERRORS, VERDICT_UNREAD, VERDICT_CLEAN, VERDICT_UNREADABLE)


@dataclass
class Outcome:
    """One input: its figures once read and checked, or the one-line reason it could not be.

    ``member`` names a report inside the zip ``archive`` (a zip of reports read as a folder);
    ``path`` is then ``archive/member`` for display. ``data`` holds the bytes of an input
    that is not a file (an upload); it is dropped once read.
    """

    path: str
    figures: Figures | None = None
    problem: str | None = None
    archive: str | None = None
    member: str | None = None
    data: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Options:
    """What a check needs besides the file: the day it runs and local deadline rules."""

    today: date | None = None
    deadlines: dict[str, tuple[int, int]] | None = None
    body_kind: str | None = None


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


def counts(figures: Figures) -> dict[Severity, int]:
    result = dict.fromkeys(SEVERITY_ORDER, 0)
    for f in figures.findings:
        result[f.severity] = result.get(f.severity, 0) + 1
    return result


LIST_SEPARATOR = gettext_noop("，")
COUNTED = {
    Severity.ERROR: gettext_noop("{n} 个错误"),
    Severity.WARNING: gettext_noop("{n} 个警告"),
    Severity.NOTICE: gettext_noop("{n} 个提示"),
    Severity.UNREAD: gettext_noop("{n} 处未能读取"),
}


def verdict_line(figures: Figures, translate: Translate = untranslated) -> str:
    """E.g. 「有错误（1 个错误，2 个警告）」, in the language of ``translate``."""
    n = counts(figures)
    detail = render(LIST_SEPARATOR, {}, translate).join(
        render(COUNTED[s], {"n": n[s]}, translate) for s in SEVERITY_ORDER if n[s]
    )
    line = render(verdict(figures), {}, translate)
    return line + (
        render(gettext_noop("（{detail}）"), {"detail": detail}, translate) if detail else ""
    )


def internal_error(exc: Exception) -> str:
    return f"内部错误（{type(exc).__name__}: {one_line(exc)[:200]}），请报告此问题"


def guarded(item: Outcome, make: Callable[[Outcome], object]):
    """``make(item)``; should it fail on odd figures, the item becomes an internal error."""
    try:
        return make(item)
    except Exception as exc:
        item.figures, item.problem = None, internal_error(exc)
        return None


# --- Reading one input -------------------------------------------------------------------


def default_parse(item: Outcome) -> Figures:
    """The engine's parser on a file or on a zip member (read within the limits)."""
    from .parsing import parse_report

    if item.data is not None:
        return parse_report(item.data, name=item.path)
    if item.member is not None:
        with zipfile.ZipFile(item.archive) as archive:
            data = limits.read_member(archive, item.member, limits.MAX_FILE_BYTES)
        return parse_report(data, name=item.path)
    return parse_report(item.path)


def check_outcome(
    item: Outcome,
    parse: Callable[[Outcome], Figures] = default_parse,
    options: Options = Options(),
) -> Outcome:
    """Parse and check one input; any failure becomes ``item.problem``, never a traceback."""
    from .parsing import ReportUnreadable

    try:
        figures = parse(item)
        if not isinstance(figures, Figures):
            raise TypeError(f"parser returned {type(figures).__name__}")
        if not figures.source:
            figures.source = item.path
        if options.body_kind:
            figures.body_kind = options.body_kind
        item.figures = analyse(figures, today=options.today, deadlines=options.deadlines)
    except ReportUnreadable as exc:
        item.problem = one_line(exc) or "无法作为年度报告读取"
    except OSError as exc:  # permission denied, vanished file, I/O error: not our bug
        item.problem = f"无法打开文件（{exc.strerror or type(exc).__name__}）"
    except zipfile.BadZipFile:
        item.problem = "压缩包已损坏，无法读取"
    except MemoryError:
        raise  # the worker reports the memory budget
    except Exception as exc:  # one bad file must not stop the others
        item.problem = internal_error(exc)
    item.data = None  # results travel back from the worker without the input
    return item


def _failed(item: Outcome, message: str) -> Outcome:
    item.figures, item.problem = None, message
    return item


def check_outcomes(
    items: Iterable[Outcome],
    parse: Callable[[Outcome], Figures] = default_parse,
    options: Options = Options(),
    *,
    jobs: int = 1,
    budget: Budget | None = None,
    deadline: float | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[int, Outcome]]:
    """``(index, checked outcome)`` as they finish, each in a budgeted worker process.

    Items that already carry a problem (e.g. a missing file) are passed through unread.
    """

    def work(item: Outcome) -> Outcome:
        if item.problem is not None:
            return item
        return check_outcome(item, parse, options)

    yield from run_budgeted(
        items,
        work,
        _failed,
        jobs=jobs,
        budget=budget,
        deadline=deadline,
        should_stop=should_stop,
    )


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


# --- Grouping repeated findings ----------------------------------------------------------


@dataclass
class FindingGroup:
    """Findings of one code, severity and hint: shown once, naming every place."""

    first: Finding
    wheres: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.first.code

    @property
    def severity(self) -> Severity:
        return self.first.severity

    @property
    def count(self) -> int:
        return len(self.wheres)

    @property
    def hint(self) -> str:
        return self.first.hint


def grouped(findings: Iterable[Finding], *, at_least: int = 3) -> list[FindingGroup]:
    """Findings in severity order; ``at_least`` or more of one code, severity and hint are
    one group (e.g. 125 blank cells of the 法人 columns, R131), fewer stay one per finding."""
    buckets: dict[tuple, list[Finding]] = defaultdict(list)
    for f in findings:
        buckets[(f.severity, f.code, f.hint)].append(f)
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    groups: list[FindingGroup] = []
    for (_severity, _code, _hint), members in buckets.items():
        parts = [members] if len(members) >= at_least else [[m] for m in members]
        for part in parts:
            groups.append(FindingGroup(part[0], [m.where for m in part], [m.message for m in part]))
    return sorted(groups, key=lambda g: rank[g.severity])


# --- JSON and CSV -------------------------------------------------------------------------


def as_json(item: Outcome) -> dict:
    if item.figures is not None:
        return item.figures.to_dict()
    return {"schema_version": SCHEMA_VERSION, "source": item.path, "unreadable": item.problem}


def from_json(data: dict) -> Outcome:
    """The outcome back from :func:`as_json` (results stored by the background checker)."""
    if "unreadable" in data:
        return Outcome(data.get("source") or "", problem=data["unreadable"])
    figures = Figures.from_dict(data)
    return Outcome(figures.source or "", figures=figures)


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


def csv_values(item: Outcome) -> list[object]:
    """One CSV line's values in :data:`CSV_COLUMNS` order, escaped."""
    row = guarded(item, csv_row) or csv_row(item)
    return [csv_safe(row.get(k)) for k in CSV_COLUMNS]


def summary(tally: dict[str, int], translate: Translate = untranslated) -> str:
    """「共 N 份：有错误 a 份，…」 from a count per verdict."""
    parts = [
        render(
            gettext_noop("{verdict} {n} 份"),
            {"verdict": render(name, {}, translate), "n": tally[name]},
            translate,
        )
        for name in VERDICTS
        if tally.get(name)
    ]
    head = render(gettext_noop("共 {n} 份："), {"n": sum(tally.values())}, translate)
    return head + render(LIST_SEPARATOR, {}, translate).join(parts)
