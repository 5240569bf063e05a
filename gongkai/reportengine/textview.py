"""The terminal view of one checked report: title, the three tables with marks, findings
grouped (:func:`.results.grouped`), verdict. Used by the CLI (:mod:`.cli`).

In the language of a ``translate`` function (``--lang``): the view's own words and the
findings; the report's labels (rows, columns, groups) stay as printed in the report."""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Sequence

from .checks.labels import (
    BODY_KIND_LABELS,
    ROW_SHORT,
    TABLE4_PART_SHORT,
    template_label,
)
from .figures import TABLE4_GROUPS, Figures, Severity, table2_layout
from .messages import Translate, gettext_noop, render, untranslated
from .results import SEVERITY_NAMES, SEVERITY_ORDER, grouped, verdict_line

GRID_COLUMNS = ("自然人", "商业企业", "科研机构", "公益组织", "法律服务", "其他", "总计")
MARKS = {Severity.ERROR: "!", Severity.WARNING: "*", Severity.NOTICE: "*", Severity.UNREAD: "?"}
EMPTY = "—"


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


def view(figures: Figures, translate: Translate = untranslated) -> str:
    """A readable view of one report: title, the three tables with marks, findings, verdict."""

    def say(template: str, **params: object) -> str:
        return render(template, params, translate)

    marks = marks_by_where(figures)
    title = " · ".join(
        x
        for x in (
            figures.body or say(gettext_noop("（未识别发布机关）")),
            say(gettext_noop("{year} 年度"), year=str(figures.year))
            if figures.year
            else say(gettext_noop("（未识别年度）")),
            template_label(figures.template).render(translate),
        )
    )
    lines = [f"━━ {title}"]
    meta = [say(gettext_noop("来源：{source}"), source=figures.source or "—")]
    published = figures.published_on.isoformat() if figures.published_on else "—"
    meta.append(say(gettext_noop("发布日期：{date}"), date=published))
    if figures.body_kind:
        kind = BODY_KIND_LABELS.get(figures.body_kind, figures.body_kind)
        meta.append(say(gettext_noop("机关类型：{kind}"), kind=say(kind)))
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
    lines.append(say(gettext_noop("表二 主动公开：")) + "　".join(entries))

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
    lines.append(say(gettext_noop("表三 收到和处理政府信息公开申请情况")))
    if rows:
        lines.extend(grid(labels, GRID_COLUMNS, rows))
    else:
        lines.append("  " + say(gettext_noop("（无数据）")))

    # Table 四: three groups of five.
    cells = (list(figures.table4 or []) + [None] * 15)[:15]
    rows4 = [
        [marked(cells[g * 5 + p], f"table4[{g * 5 + p}]", "table4", marks=marks) for p in range(5)]
        for g in range(3)
    ]
    lines.append("")
    lines.append(say(gettext_noop("表四 行政复议、行政诉讼情况")))
    lines.extend(grid(list(TABLE4_GROUPS), TABLE4_PART_SHORT, rows4))
    lines.append(
        "  " + say(gettext_noop("标记：! 错误　* 警告或提示　? 未能读取　{empty} 空"), empty=EMPTY)
    )

    # Findings by severity; repeated ones as one group naming every place (grouped in the
    # reader's language: a translation is a function of the Chinese, so the groups are the same).
    groups = grouped(f.localized(translate) for f in figures.findings)
    for severity in SEVERITY_ORDER:
        mine = [g for g in groups if g.severity == severity]
        if not mine:
            continue
        lines.append("")
        lines.append(
            say(
                gettext_noop("{severity}（{count}）"),
                severity=say(SEVERITY_NAMES[severity]),
                count=sum(g.count for g in mine),
            )
        )
        for g in mine:
            if g.count == 1:
                lines.append(f"  {g.code}  {g.wheres[0]}  {g.messages[0]}")
            else:
                lines.append(
                    f"  {g.code}  "
                    + say(
                        gettext_noop("{count} 处，如：{message}"),
                        count=g.count,
                        message=g.messages[0],
                    )
                )
                places = say(gettext_noop("位置："))
                lines.extend(
                    textwrap.wrap(
                        " ".join(g.wheres),
                        width=96,
                        initial_indent="        " + places,
                        subsequent_indent=" " * (8 + width(places)),
                    )
                )
            if g.hint:
                lines.append(f"        → {g.hint}")
    lines.append("")
    lines.append(say(gettext_noop("结论：{verdict}"), verdict=verdict_line(figures, translate)))
    return "\n".join(lines)
