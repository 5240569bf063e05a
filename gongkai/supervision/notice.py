"""The draft 通报 of the supervisor's dashboard: what the platform found, per body, in the
conventional shape of such notices (practice §4.2: 粤办函〔2010〕249号 lists late
publication, data errors and the bodies still unpublished; practice §4.4 item 6).

:func:`draft_notice` writes plain text (the page shows it in an editable box); every number
and name comes from the :class:`~.dashboard.Dashboard`, never typed. :func:`notice_docx`
lays out that text, as edited, in the 公文 layout of the annual report's DOCX (GB/T 9704 look:
A4 and its margins, title in 小标宋, body in 仿宋 3号, 一、 headings in 黑体, （一） in 楷体,
the issuing office and the date right-aligned, 「— 1 —」 page numbers).
"""

from __future__ import annotations

import datetime
import io
import re

from django.conf import settings

NUMERALS = "一二三四五六七八九十"
INDENT = "\u3000\u3000"  # two full-width spaces: the paragraph indent of the plain text
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）")
LEVEL = {"county": "县", "prefecture": "市", "province": "省"}


def _day(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def addressees(agency, bodies) -> str:
    """主送机关 from the kinds of the bodies the notice concerns, in the usual order."""
    level = LEVEL.get(agency.kind, "")
    labels = {
        "prefecture": "各市（地、州）人民政府",
        "county": "各县（市、区）人民政府",
        "township": "各乡（镇）人民政府",
        "subdistrict": "各街道办事处",
        "agency_office": "各派出机构",
        "department": f"{level}直各部门" if level else "各部门",
        "other": "各有关单位",
    }
    kinds = {b.kind for b in bodies}
    return "、".join(label for kind, label in labels.items() if kind in kinds) or "各有关单位"


def _office(agency) -> str:
    return agency.office_name or agency.name


def draft_notice(dash) -> str:
    """A Chinese document whatever the page's language (channel kinds are translated labels)."""
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return _draft(dash)


def _draft(dash) -> str:
    """The 通报 of ``dash`` (a :class:`~.dashboard.Dashboard`) as plain text, one paragraph a
    line. Legal grounds: 条例 Art. 26 (主动公开 within 20 working days), Art. 33 (answers),
    Art. 49 and 50 (the annual report), 国办公开办函〔2021〕30号, 国办秘函〔2019〕19号 (new media)."""
    agency, year, today = dash.agency, dash.year, dash.today
    office = _office(agency)
    rows = dash.subordinates or dash.rows
    n = len(rows)
    reports = [r.report for r in rows]
    count = {s: sum(1 for b in reports if b.state == s) for s in ("on_time", "late", "overdue")}
    not_due = n - sum(count.values())
    failing = [r for r in rows if r.report.errors]
    apps = [r for r in rows if r.overdue_applications]
    items = [r for r in rows if r.overdue_items or r.late_items]
    stale = [r for r in rows if r.stale_channels]
    days = settings.GONGKAI_CHANNEL_STALE_DAYS
    lines = [
        f"{office}关于{year}年度政府信息公开工作年度报告和日常工作检查情况的通报",
        "",
        f"{addressees(agency, [r.body for r in rows])}：",
        INDENT
        + "根据《中华人民共和国政府信息公开条例》第四十九条、第五十条和《国务院办公厅政府信息与"
        "政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
        f"（国办公开办函〔2021〕30号）要求，依托政府信息公开平台，对{n}个单位{year}年度政府信息"
        "公开工作年度报告公开情况和政府信息公开日常工作进行了检查。现将检查情况通报如下。",
        "一、总体情况",
        INDENT + f"截至{_day(today)}，{n}个单位中，按期公开年度报告{count['on_time']}个，"
        f"逾期公开{count['late']}个，逾期未公开{count['overdue']}个"
        + (f"，未到公开期限尚未公开{not_due}个" if not_due else "")
        + f"；{len(failing)}个单位已公开的年度报告经平台检查存在错误。日常工作方面，"
        f"{len(apps)}个单位有超过答复期限的政府信息公开申请"
        f"（共{sum(r.overdue_applications for r in apps)}件），"
        f"{len(items)}个单位有未在法定期限内公开的主动公开信息"
        f"（共{sum(r.overdue_items + r.late_items for r in items)}条），"
        f"{len(stale)}个单位的政务新媒体{days}天以上未更新"
        f"（共{sum(len(r.stale_channels) for r in stale)}个账号）。",
        "二、存在的问题",
    ]
    problems: list[tuple[str, list[str]]] = []
    unpublished = [b for b in reports if b.state in ("late", "overdue")]
    if unpublished:
        problems.append(
            (
                "年度报告未按时公开",
                [
                    f"{b.body.name}（公开期限{_day(b.due)}，"
                    + (
                        f"{_day(b.first_published)}公开，逾期{(b.first_published - b.due).days}天）"
                        if b.first_published
                        else "至今未公开）"
                    )
                    for b in unpublished
                ],
            )
        )
    if failing:
        problems.append(
            (
                "年度报告数据有误",
                [
                    f"{r.body.name}："
                    + "；".join(f.message for f in r.report.errors[:3])
                    + (f"等{len(r.report.errors)}处错误" if len(r.report.errors) > 3 else "")
                    for r in failing
                ],
            )
        )
    if apps:
        problems.append(
            (
                "政府信息公开申请超过答复期限",
                [f"{r.body.name}{r.overdue_applications}件" for r in apps],
            )
        )
    if items:
        problems.append(
            (
                "主动公开信息未在法定期限内公开",
                [
                    r.body.name
                    + "，".join(
                        part
                        for part in (
                            f"逾期未公开{r.overdue_items}条" if r.overdue_items else "",
                            f"迟延公开{r.late_items}条" if r.late_items else "",
                        )
                        if part
                    )
                    for r in items
                ],
            )
        )
    if stale:
        problems.append(
            (
                "政务新媒体更新不及时",
                [
                    f"{r.body.name}："
                    + "、".join(
                        f"“{s.channel.name}”（{s.channel.get_kind_display()}，{s.message}）"
                        for s in r.stale_channels
                    )
                    for r in stale
                ],
            )
        )
    if problems:
        for i, (title, entries) in enumerate(problems):
            lines.append(f"（{NUMERALS[i]}）{title}。")
            lines.append(INDENT + "；".join(entries) + "。")
    else:
        lines.append(INDENT + "本次检查未发现问题。")
    rectify_by = today + datetime.timedelta(days=settings.GONGKAI_NOTICE_RECTIFY_DAYS)
    lines += [
        "三、工作要求",
        "（一）抓好问题整改。",
        INDENT
        + f"请上述单位对照本通报指出的问题逐项整改，于{_day(rectify_by)}前将整改情况报送{office}。",
        "（二）严格执行年度报告制度。",
        INDENT + "各单位要在条例第四十九条规定的期限内公开年度报告，报告数据须与本机关登记、办理"
        "记录一致，做到“统得出、报得准、可核查”（国办公开办函〔2021〕30号）；报告公开后如需更正，"
        "应公开更正说明。",
        "（三）规范日常公开工作。",
        INDENT
        + "严格按照条例第三十三条规定的期限答复政府信息公开申请；主动公开的政府信息自形成或者"
        "变更之日起20个工作日内予以公开（条例第二十六条）；政务新媒体要保持更新，"
        f"不得出现{days}天以上无更新的情况（国办秘函〔2019〕19号）。",
        "",
        office,
        _day(today),
    ]
    return "\n".join(lines)


def notice_docx(text: str) -> bytes:
    """``text`` (a draft as edited) as DOCX in the 公文 layout: the first line is the title,
    a line ending in ：before the body the 主送机关, the last two lines the office and date."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from gongkai.reports.export import BODY_PT, TITLE_PT, fonts
    from gongkai.reports.export_docx import _font, _page, _page_numbers, _paragraph

    faces = fonts()
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    doc = Document()
    _page(doc)
    _font(doc.styles["Normal"], faces["body"], BODY_PT)
    if not lines:
        lines = [""]
    _paragraph(
        doc, lines[0].strip(), faces["title"], TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False, bold=True,
    )  # fmt: skip
    signature = max(len(lines) - 2, 1)
    for index, raw in enumerate(lines[1:], start=1):
        line = raw.strip("\u3000 ")
        if index >= signature:
            _paragraph(doc, line, faces["body"], BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT)
        elif HEADING.match(line):
            _paragraph(doc, line, faces["heading"], BODY_PT).paragraph_format.keep_with_next = True
        elif SUBHEADING.match(line):
            _paragraph(doc, line, faces["subheading"], BODY_PT)
        else:
            addressee = line.endswith("：") and not raw.startswith("\u3000")
            _paragraph(doc, line, faces["body"], BODY_PT, indent=not addressee and bool(line))
    _page_numbers(doc, faces["body"])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
