"""Write the readers' fixtures (``html_``, ``md_``, ``docx_``, ``gen_`` files) and their truth.

Run ``.venv/bin/python -m gongkai.reportengine.tests.make_fixtures`` to rebuild them; the
files are committed so that the tests read fixed documents. Each ``NAME`` gets a
``NAME.expected.json``: ``{"truth": <figures JSON>, "expect": [where, ...]}`` — the figures
the document prints, and the ``where`` of each finding its deliberate error must raise.
"""

from __future__ import annotations

import json
import random
import re
from datetime import date
from pathlib import Path

from ..corpus import random_figures, wrap_page
from ..figures import TEMPLATE_2019, Figures
from ..render import Style, to_docx, to_html, to_markdown, to_text_cells, to_text_plain

FIXTURES = Path(__file__).parent / "fixtures"


def _base(seed: int, year: int, body: str, kind: str, published: date) -> Figures:
    fig = random_figures(random.Random(seed), year=year)
    # The texts name the generated body; name the fixture's instead.
    for sid, text in fig.sections.items():
        fig.sections[sid] = text.replace(fig.body, body)
    fig.body, fig.body_kind, fig.published_on = body, kind, published
    return fig


def _portal_html(fig: Figures) -> bytes:
    """A GBK portal page the way content systems emit it: a layout table around the article,
    styled spans in every cell, ``&nbsp;`` padding, ``<br>`` inside long labels."""
    page = to_html(fig, charset="gb2312")
    page = page.replace("<td", '<td valign="middle" style="border:1px solid #000;padding:0 5px"')
    page = re.sub(
        r"(<td[^>]*>)([^<]*)</td>",
        lambda m: (
            f'{m.group(1)}<p style="text-align:center"><span style="font-size:14px">'
            f"&nbsp;{m.group(2)}&nbsp;</span></p></td>"
        ),
        page,
    )
    page = page.replace("（二）部分公开（区分处理的", "（二）部分公开<br/>（区分处理的")
    page = page.replace("三、本年度办理结果", "三、本年<br>度办理结果")
    page = page.replace("<h1>", '<div class="title"><h1>').replace("</h1>", "</h1></div>")
    page = wrap_page(page, fig)
    page = page.replace(
        '<div class="content" id="zoom">',
        '<table class="main-layout" width="100%"><tr><td class="left-col">'
        '<div class="TRS_Editor" id="zoom">',
    ).replace('</div>\n<div class="share">', '</div></td></tr></table>\n<div class="share">')
    return page.encode("gb18030")


def _write(name: str, data: bytes | str, truth: Figures, expect: list[str]) -> None:
    path = FIXTURES / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    doc = {"truth": truth.to_dict(), "expect": expect}
    (FIXTURES / f"{name}.expected.json").write_text(
        json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def build() -> list[str]:
    """Write every fixture; return their names."""
    FIXTURES.mkdir(exist_ok=True)
    written: list[str] = []

    def emit(name, data, fig, expect=()):
        _write(name, data, fig, list(expect))
        written.append(name)

    # Clean documents, one per form and template.
    fig = _base(11, 2023, "盱眙县财政局", "department", date(2024, 1, 26))
    emit("html_portal_gbk_2023.html", _portal_html(fig), fig)
    fig = _base(12, 2020, "南通市生态环境局", "department", date(2021, 1, 22))
    emit("html_utf8_2020.html", wrap_page(to_html(fig), fig).encode("utf-8"), fig)
    fig = _base(13, 2024, "江油市人民政府", "county", date(2025, 2, 14))
    emit("md_report_2024.md", to_markdown(fig, Style(page_header=True)), fig)
    fig = _base(14, 2022, "孟津区马厂镇人民政府", "township", date(2023, 1, 18))
    variant = Style(label=lambda t: "规范性文件" if t == "行政规范性文件" else t)
    emit("docx_report_2022.docx", to_docx(fig, variant), fig)
    fig = _base(15, 2019, "沅陵县人民政府", "county", date(2020, 2, 10))
    emit("docx_report_2019.docx", to_docx(fig), fig)
    fig = _base(16, 2019, "怀化市自然资源和规划局", "department", date(2020, 1, 20))
    emit("gen_template2019_2019.txt", to_text_cells(fig), fig)

    # One deliberate error each (the kinds the checks know, issue 3 item 2).
    fig = _base(21, 2023, "洪泽区教育局", "department", date(2024, 1, 20))
    fig.table3["3.1"][6] += 1
    emit("gen_err_row_total.txt", to_text_cells(fig), fig, ["table3.3.1[6]"])

    fig = _base(22, 2023, "淮安市人民政府", "prefecture", date(2024, 3, 1))
    fig.table3["3.7"][0] += 2
    fig.table3["3.7"][6] += 2
    emit("gen_err_outcome_sum.html", to_html(fig).encode(), fig, ["table3.3.7[0]"])

    fig = _base(23, 2022, "如皋市人民政府", "county", date(2023, 2, 10))
    fig.table3["4"][0] += 3
    fig.table3["4"][6] += 3
    emit("gen_err_balance.md", to_markdown(fig), fig, ["table3.4[0]"])

    fig = _base(24, 2024, "绵阳市住房和城乡建设局", "department", date(2025, 1, 15))
    fig.table4[0:5] = [3, 1, 0, 1, 4]
    emit("gen_err_table4_total.txt", to_text_plain(fig), fig, ["table4[4]"])

    fig = _base(25, 2023, "南通市市场监督管理局", "department", date(2024, 1, 10))
    fig.table3["2"][0] = -1
    fig.table3["2"][6] = sum(fig.table3["2"][:6])
    fig.table3["1"][0] += 1
    fig.table3["1"][6] += 1
    emit("gen_err_negative.html", to_html(fig).encode(), fig, ["table3.2[0]"])

    fig = _base(26, 2023, "洪泽区老子山镇人民政府", "township", date(2024, 1, 12))
    fig.table3["3.3.2"][1] = None
    emit("gen_err_missing_cell.docx", to_docx(fig), fig, ["table3.3.3.2[1]"])

    fig = _base(27, 2022, "江油市教育局", "department", date(2023, 1, 16))
    fig.section_order = ["1", "2", "3", "4", "6"]
    del fig.sections["5"]
    emit("gen_err_missing_section.txt", to_text_cells(fig), fig, ["section5"])

    fig = _base(28, 2021, "洛阳市人民政府", "prefecture", date(2022, 3, 2))
    fig.section_order = ["1", "2", "3", "5", "4", "6"]
    emit("gen_err_section_order.md", to_markdown(fig), fig, ["section"])

    fig = _base(29, 2019, "盱眙县人民政府", "county", date(2024, 2, 1))
    fig.year = 2023  # a 2023 report printed in the 试行 template of 2019
    fig.template = TEMPLATE_2019
    emit("gen_err_template_year.html", to_html(fig).encode(), fig, ["meta.template"])

    fig = _base(30, 2023, "和田县人民政府", "county", date(2024, 2, 8))
    n = fig.table3["1"][6]
    fig.sections["1"] = fig.sections["1"].replace(
        f"共收到政府信息公开申请{n}件", f"共收到政府信息公开申请{n + 7}件"
    )
    emit("gen_err_narrative.txt", to_text_cells(fig), fig, ["narrative"])

    fig = _base(31, 2023, "洪泽区自然资源和规划局", "department", date(2024, 1, 25))
    fig.sections["1"] += "\n本年度依法收取信息处理费300元。"
    fig.sections["6"] = "本年度无其他需要报告的事项。"
    emit("gen_err_fee_not_reported.txt", to_text_cells(fig), fig, ["section6"])

    fig = _base(32, 2023, "淮安市财政局", "department", date(2024, 3, 15))
    emit(
        "gen_err_late.html",
        to_html(fig, Style(page_header=True)).encode(),
        fig,
        ["meta.published_on"],
    )
    return written


if __name__ == "__main__":
    for name in build():
        print(name)
