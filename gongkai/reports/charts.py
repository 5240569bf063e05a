"""Charts of the annual report, drawn on the server as SVG (pygal): no JavaScript, so they
show in every browser, in the PDF and in print.

Each :class:`Chart` carries its own text alternative (WCAG 2.1 1.1.1): a title used as the
image's ``alt`` and the same numbers as a small table that the page prints under it.
The figures come from the report itself (table 三, 条例 Art. 50(二)), never from elsewhere.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

from django.conf import settings

from gongkai.reportengine.figures import Figures, outcome_row_ids

from .compute import table3_for

# Table 三's outcome groups (reference §3.4), each the rows under it.
GROUPS = (
    ("予以公开", ("3.1",)),
    ("部分公开", ("3.2",)),
    ("不予公开", ("3.3.",)),
    ("无法提供", ("3.4.",)),
    ("不予处理", ("3.5.",)),
    ("其他处理", ("3.6",)),
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
KINDS = ("history", "mix")


@dataclass
class Chart:
    kind: str
    title: str
    svg: str
    headers: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    src: str = ""  # where the page or the PDF finds the image

    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _style():
    from pygal.style import Style

    face = settings.GONGKAI_REPORT_FONTS["heading"]
    return Style(
        font_family=f"'{face}', sans-serif",
        background="white",
        plot_background="white",
        foreground="#222",
        foreground_strong="#111",
        foreground_subtle="#555",
        colors=("#9b1c1c", "#0b4f8a", "#5b6b2f", "#92400e", "#4b5563", "#7c3aed"),
        title_font_size=18,
        label_font_size=13,
        legend_font_size=13,
        major_label_font_size=13,
        value_font_size=12,
    )


def _render(chart) -> str:
    # pygal always writes a config <script>; an SVG shown as an image never runs it, and we
    # drop it so that nothing executable is ever served.
    return _SCRIPT.sub("", chart.render(is_unicode=True))


def outcome_mix(fig: Figures) -> Chart:
    """How the applications closed in the year ended (table 三 总计 column, grouped)."""
    import pygal

    outcomes = outcome_row_ids(fig.template)
    rows = []
    for label, prefixes in GROUPS:
        ids = [rid for rid in outcomes if rid.startswith(prefixes)]
        rows.append([label, sum(fig.cell(rid, 6) or 0 for rid in ids)])
    title = f"{fig.year}年办理结果构成（件）"
    chart = pygal.HorizontalBar(
        title=title, style=_style(), width=720, height=360, show_legend=False,
        disable_xml_declaration=True, js=[], print_values=True,
    )  # fmt: skip
    chart.x_labels = [label for label, _ in rows]
    chart.add("件数", [n for _, n in rows])
    return Chart("mix", title, _render(chart), ["办理结果", "件数"], rows)


def history(agency, year: int, *, span: int = 5) -> Chart:
    """Applications received and closed per year, the last ``span`` years (one query each)."""
    import pygal

    years = list(range(year - span + 1, year + 1))
    rows = []
    for y in years:
        table = table3_for([agency.pk], y)[agency.pk]
        rows.append([str(y), table["1"][6], table["3.7"][6], table["4"][6]])
    title = f"{years[0]}—{year}年政府信息公开申请（件）"
    chart = pygal.Bar(
        title=title, style=_style(), width=720, height=360, legend_at_bottom=True,
        disable_xml_declaration=True, js=[], print_values=True,
    )  # fmt: skip
    chart.x_labels = [r[0] for r in rows]
    chart.add("本年新收", [r[1] for r in rows])
    chart.add("本年办结", [r[2] for r in rows])
    chart.add("结转下年", [r[3] for r in rows])
    return Chart(
        "history", title, _render(chart), ["年度", "本年新收", "本年办结", "结转下年"], rows
    )


def report_charts(agency, fig: Figures) -> list[Chart]:
    return [history(agency, fig.year), outcome_mix(fig)]
