"""One annual report, rendered every way officials and readers need it (docs/annual-report.md).

:func:`report_context` builds one context from the engine's figures; each form renders it:

* :func:`to_html` — a standalone page (the web page includes the same ``report_body.html``);
* :func:`to_pdf` — WeasyPrint on that same HTML, with the print stylesheet (A4, 公文 margins);
* :func:`to_docx` — python-docx walking the same context, in the 公文 layout of GB/T 9704
  (A4; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; title in a 小标宋-style face,
  body 仿宋 3号 = 16 pt, headings 黑体, tables fitted to the 156 mm text width);
* :func:`to_xlsx` — tables 二, 三 and 四, one sheet each, merged as printed (openpyxl);
* :func:`to_json` — the engine's schema (docs/report-json.md);
* :func:`to_text` — the plain text form.

Every form, read back by :func:`gongkai.reportengine.parsing.parse_report` (JSON by
``Figures.from_json``), gives the same figures (tests/test_export.py). The layout follows the
national template exactly (国办公开办函〔2021〕30号; reference §3.3–3.5) through the engine's
own table models (``render.blocks``). No applicant's identity is ever in the figures (PIPL).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string

from gongkai.reportengine import render
from gongkai.reportengine.figures import Figures

# GB/T 9704-2012 §5.2: A4, text area 156 mm × 225 mm; the margins that give it.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156
# 号 sizes in points: 二号 22 (title), 三号 16 (body), 五号 10.5 and 小五 9 (tables).
TITLE_PT, BODY_PT, TABLE_PT, SMALL_PT = 22, 16, 10.5, 9
LINE_PT = 28  # 固定值 28 磅: 22 lines on the 225 mm text area (GB/T 9704 §5.2.2)

# Column widths (mm) per table's grid, adding up to the text width so tables fit the page.
COLUMN_MM = {
    "2": (60, 32, 32, 32),
    "3": (10, 12, 46) + (12.5,) * 7,
    "4": (10.4,) * 15,
}


@dataclass
class Block:
    """One printed piece of the report: a title, heading, paragraph, signature line or table."""

    kind: str  # "title", "h", "p", "sign", "table"
    text: str = ""
    sid: str = ""  # the section a table belongs to ("2", "3", "4")
    rows: list = field(default_factory=list)  # rows of render.TableCell
    widths: tuple = ()  # percentages of the text width, per grid column

    @property
    def small(self) -> bool:
        """Table 四 has 15 columns: its labels need the smaller 小五."""
        return self.sid == "4"


def fonts() -> dict[str, str]:
    """The export fonts (settings.GONGKAI_REPORT_FONTS; substitutes documented there)."""
    return dict(settings.GONGKAI_REPORT_FONTS)


def report_context(fig: Figures, *, charts: list | None = None) -> dict:
    """The one context every form renders: the report's blocks in reading order."""
    walked = render.blocks(fig)
    signature = (1 if fig.body else 0) + (1 if fig.published_on else 0)
    items: list[Block] = []
    for index, (kind, payload) in enumerate(walked):
        if kind == "table":
            sid, rows = payload
            widths = tuple(round(100 * w / TEXT_WIDTH_MM, 2) for w in COLUMN_MM[sid])
            items.append(Block("table", sid=sid, rows=rows, widths=widths))
        elif kind == "p" and index >= len(walked) - signature:
            items.append(Block("sign", payload))
        else:
            items.append(Block(kind, payload))
    return {
        "figures": fig,
        "title": items[0].text,
        "title_lines": title_lines(fig, items[0].text),
        "blocks": items[1:],
        "fonts": fonts(),
        "charts": charts or [],
    }


def title_lines(fig: Figures, title: str) -> list[str]:
    """The title broken as 公文 titles are (GB/T 9704 §7.3.3: at a meaningful point): the
    body on the first line, 「YYYY年政府信息公开工作年度报告」 on the second."""
    if fig.body and title.startswith(fig.body) and len(title) > 18:
        return [fig.body, title[len(fig.body) :]]
    return [title]


# --- HTML and PDF ------------------------------------------------------------------------


def print_css(context: dict) -> str:
    """The print stylesheet (A4, 公文 margins, the configured fonts), for files and WeasyPrint."""
    return render_to_string(
        "reports/report_print.css",
        {**context, "page": PAGE_MM, "margins": MARGINS_MM, "sizes": _sizes()},
    )


def _sizes() -> dict:
    return {
        "title": TITLE_PT,
        "body": BODY_PT,
        "table": TABLE_PT,
        "small": SMALL_PT,
        "line": LINE_PT,
    }


def to_html(fig: Figures, *, charts: list | None = None) -> str:
    """A standalone HTML file of the report (its stylesheet inside, no scripts)."""
    context = report_context(fig, charts=charts)
    return render_to_string("reports/report_document.html", {**context, "css": print_css(context)})


def to_pdf(fig: Figures, *, charts: list | None = None) -> bytes:
    """The PDF: WeasyPrint on the same HTML (CJK fonts through fontconfig)."""
    from weasyprint import HTML  # imported here: only PDF exports pay for it

    return HTML(string=to_html(fig, charts=charts)).write_pdf()


# --- Plain forms -------------------------------------------------------------------------


def to_json(fig: Figures) -> str:
    """The engine's JSON schema (docs/report-json.md), findings included."""
    return fig.to_json(indent=2)


def to_text(fig: Figures) -> str:
    """The plain text form: one table row per line, as copied from a page."""
    return render.to_text_plain(fig)


# --- XLSX ----------------------------------------------------------------------------------


def to_xlsx(fig: Figures) -> bytes:
    """Tables 二, 三 and 四, one sheet each with the section heading above it and cells
    merged as printed; numbers as numbers, an unknown cell empty."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    context = report_context(fig)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    book = Workbook()
    book.remove(book.active)
    headings = {b.text[:1]: b.text for b in context["blocks"] if b.kind == "h"}
    first = True
    for block in (b for b in context["blocks"] if b.kind == "table"):
        sheet = book.create_sheet(f"表{'二三四'[int(block.sid) - 2]}")
        if first:
            sheet.append([context["title"]])
            sheet["A1"].font = Font(bold=True, size=14)
            first = False
        sheet.append([headings["一二三四五六"[int(block.sid) - 1]]])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        top = sheet.max_row + 1
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(block.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                target = sheet.cell(top + r, c + 1, _xlsx_value(fig, cell))
                target.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
                if cell.rowspan > 1 or cell.colspan > 1:
                    sheet.merge_cells(
                        start_row=top + r,
                        start_column=c + 1,
                        end_row=top + r + cell.rowspan - 1,
                        end_column=c + cell.colspan,
                    )
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                        sheet.cell(top + r + dr, c + dc + 1).border = border
                c += cell.colspan
        for index, width in enumerate(COLUMN_MM[block.sid], start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(width / 1.9, 6)
    for block in (b for b in context["blocks"] if b.kind == "sign"):
        sheet.append([block.text])  # the issuing body and the date, under the last table
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(fig: Figures, cell):
    """A number cell as the number itself (the printed text is its exact form)."""
    if not cell.value:
        return cell.text
    if cell.text == "":
        return None
    number = float(cell.text)
    return int(number) if number.is_integer() and "." not in cell.text else number


# --- DOCX (公文 layout) ----------------------------------------------------------------------

from .export_docx import to_docx  # noqa: E402 - the DOCX writer is long enough for its own module

__all__ = [
    "report_context",
    "to_docx",
    "to_html",
    "to_json",
    "to_pdf",
    "to_text",
    "to_xlsx",
]
