"""The annual report as a Word document in the 公文 layout (GB/T 9704-2012 look).

Walks :func:`gongkai.reports.export.report_context`, the same context the HTML and PDF
render. What GB/T 9704 asks and how it is met:

* A4 with margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (text area 156 × 225 mm);
* the title in 2号 小标宋, centred; the body in 3号 仿宋 (16 pt) with a 2-character first-line
  indent and a fixed 28 pt line (22 lines a page); first-level headings (一、…) in 3号 黑体;
* the issuing body and the date at the end, right-aligned;
* page numbers 「— 1 —」 at the foot, outside the main text (the parser does not read them);
* tables in 五号/小五 with fixed column widths adding up to the text width, so they fit.

The faces are settings (``GONGKAI_REPORT_FONTS``): the official ones are not free, the
defaults are installed substitutes (docs/annual-report.md).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.reportengine import render
from gongkai.reportengine.figures import Figures

from .export import (
    BODY_PT,
    COLUMN_MM,
    LINE_PT,
    MARGINS_MM,
    PAGE_MM,
    SMALL_PT,
    TABLE_PT,
    TITLE_PT,
    report_context,
)


def _font(run_or_style, name: str, size: float, *, bold: bool = False) -> None:
    """Set a run's (or style's) face for both Latin and East Asian text, and its size."""
    font = run_or_style.font
    font.name = name
    font.size = Pt(size)
    font.bold = bold
    element = run_or_style.element
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _paragraph(doc, text: str, face: str, size: float, *, align=None, indent=True, bold=False):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT if size <= BODY_PT else size * 1.6)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), face, size, bold=bold)
    return p


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])


def _page_numbers(doc, face: str) -> None:
    """「— N —」 centred in the footer (GB/T 9704 §7.5: 4号 numbers with a dash either side)."""
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), face, 14)
    run = p.add_run()
    _font(run, face, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    _font(p.add_run(" —"), face, 14)


def _table(doc, block, face: str) -> None:
    table = render.add_docx_table(doc, block.rows)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl = table._tbl
    widths = [Mm(w) for w in COLUMN_MM[block.sid]]
    # Fixed layout and the grid's widths: Word and LibreOffice then keep the table on the page.
    tblpr = tbl.tblPr
    tblpr.get_or_add_tblLayout().type = "fixed"
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):  # 0.5 mm: narrow columns keep two characters a line
        margins.append(_element(f"w:{side}", w="28", type="dxa"))
    tblpr.tblLayout.addnext(margins)  # schema order: tblLayout, then tblCellMar
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    size = SMALL_PT if block.small else TABLE_PT
    for tr in tbl.tr_lst:
        tr.get_or_add_trPr().append(_element("w:cantSplit"))  # a row never breaks over pages
        for tc in tr.tc_lst:
            tc.get_or_add_tcPr().append(_element("w:vAlign", val="center"))
    for p in tbl.iter(qn("w:p")):
        p.get_or_add_pPr().append(_element("w:jc", val="center"))
        for run in p.iter(qn("w:r")):
            rpr = run.get_or_add_rPr()
            fonts = _element("w:rFonts")
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attr), face)
            rpr.append(fonts)
            rpr.append(_element("w:sz", val=str(int(size * 2))))


def _element(tag: str, **attrs) -> OxmlElement:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def to_docx(fig: Figures, *, charts: list | None = None) -> bytes:
    """The report as DOCX bytes in the 公文 layout."""
    context = report_context(fig, charts=charts)
    faces = context["fonts"]
    doc = Document()
    _page(doc)
    normal = doc.styles["Normal"]
    _font(normal, faces["body"], BODY_PT)
    title = _paragraph(
        doc, "", faces["title"], TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
    )
    for index, line in enumerate(context["title_lines"]):
        run = title.add_run(line)
        _font(run, faces["title"], TITLE_PT, bold=True)
        if index < len(context["title_lines"]) - 1:
            run.add_break()
    _paragraph(doc, "", faces["body"], BODY_PT, indent=False)  # one blank line under the title
    for block in context["blocks"]:
        if block.kind == "h":
            _paragraph(
                doc, block.text, faces["heading"], BODY_PT
            ).paragraph_format.keep_with_next = True
        elif block.kind == "p":
            _paragraph(doc, block.text, faces["body"], BODY_PT)
        elif block.kind == "sign":
            _paragraph(doc, block.text, faces["body"], BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT)
        elif block.kind == "table":
            _table(doc, block, faces["body"])
    _page_numbers(doc, faces["body"])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
