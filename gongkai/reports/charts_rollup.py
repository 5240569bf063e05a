"""Charts of the roll-up and of the supervisor's dashboard (pygal, server-side SVG, no JS).

Same rules as :mod:`.charts`: each :class:`~.charts.Chart` has a title for ``alt`` and its
numbers as a table (WCAG 2.1 1.1.1). The figures are the roll-up's own (table 三 per body,
条例 Art. 50(二)) and the channels register's post counts (``supervision.dashboard``).
"""

from __future__ import annotations

from .charts import Chart, _render, _style, outcome_mix
from .compute import table3_for

TOP = 15  # bodies drawn by name; the rest are one bar


def _cjk_margin(labels) -> int:
    """Extra left margin: pygal measures labels as if Latin, CJK characters are about twice
    as wide, so long names would be cut at the left edge."""
    return 7 * max((len(label) for label in labels), default=0)


def by_body(rows, year: int) -> Chart:
    """Applications received and closed in ``year`` per body (``rows``: rollup.BodyReport)."""
    import pygal

    ranked = sorted(rows, key=lambda r: (-r.received, r.body.path))
    data = [[r.body.short_name or r.body.name, r.received, r.closed] for r in ranked[:TOP]]
    rest = ranked[TOP:]
    if rest:
        data.append(
            [f"其他{len(rest)}个单位", sum(r.received for r in rest), sum(r.closed for r in rest)]
        )
    title = f"{year}年各单位政府信息公开申请（件）"
    height = max(300, 60 + 34 * len(data))
    chart = pygal.HorizontalBar(
        title=title, style=_style(), width=720, height=height, legend_at_bottom=True,
        disable_xml_declaration=True, js=[], print_values=True,
        margin_left=_cjk_margin(d[0] for d in data),
    )  # fmt: skip
    drawn = data[::-1]  # pygal draws the first bar at the bottom: the busiest on top
    chart.x_labels = [d[0] for d in drawn]
    chart.add("本年新收", [d[1] for d in drawn])
    chart.add("本年办结", [d[2] for d in drawn])
    return Chart("bodies", title, _render(chart), ["单位", "本年新收", "本年办结"], data)


def history(ids, year: int, *, span: int = 5) -> Chart:
    """Received, closed and carried over per year for all the bodies together (one query a
    year, whatever the number of bodies)."""
    import pygal

    years = list(range(year - span + 1, year + 1))
    data = []
    for y in years:
        tables = table3_for(ids, y).values()
        data.append([str(y)] + [sum(t[rid][6] for t in tables) for rid in ("1", "3.7", "4")])
    title = f"{years[0]}—{year}年政府信息公开申请汇总（件）"
    chart = pygal.Bar(
        title=title, style=_style(), width=720, height=360, legend_at_bottom=True,
        disable_xml_declaration=True, js=[], print_values=True,
    )  # fmt: skip
    chart.x_labels = [d[0] for d in data]
    for i, label in enumerate(("本年新收", "本年办结", "结转下年"), start=1):
        chart.add(label, [d[i] for d in data])
    return Chart(
        "history", title, _render(chart), ["年度", "本年新收", "本年办结", "结转下年"], data
    )


def channels(posts: list[tuple[str, int]], year: int) -> Chart:
    """Posts in ``year`` per kind of channel (channels register; 条例 Art. 23–24)."""
    import pygal

    title = f"{year}年各类渠道发布信息（篇）"
    chart = pygal.HorizontalBar(
        title=title, style=_style(), width=720, height=max(300, 60 + 34 * len(posts)),
        show_legend=False, disable_xml_declaration=True, js=[], print_values=True,
        margin_left=_cjk_margin(label for label, _ in posts),
    )  # fmt: skip
    drawn = posts[::-1]
    chart.x_labels = [label for label, _ in drawn]
    chart.add("篇数", [n for _, n in drawn])
    return Chart("channels", title, _render(chart), ["渠道", "篇数"], [list(p) for p in posts])


def rollup_charts(result) -> list[Chart]:
    """The roll-up page's and PDF's charts: by body, by year, the outcome mix."""
    ids = [b.body.pk for b in result.everyone]
    return [
        by_body(result.everyone, result.year),
        history(ids, result.year),
        outcome_mix(result.figures),
    ]


def dashboard_charts(dash) -> list[Chart]:
    """The dashboard's charts, over the bodies the user may read only."""
    from gongkai.reportengine.figures import Figures, template_for_year

    reports = [r.report for r in dash.rows]
    mix = Figures.zeros(template_for_year(dash.year), year=dash.year)
    mix.table3 = {
        rid: [sum(b.table3[rid][c] for b in reports) for c in range(7)] for rid in mix.table3
    }
    items = [
        by_body(reports, dash.year),
        history([r.body.pk for r in reports], dash.year),
        outcome_mix(mix),
    ]
    if dash.channel_posts:
        items.append(channels(dash.channel_posts, dash.year))
    return items
