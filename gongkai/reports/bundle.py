"""The defence bundle of a 行政复议/行政诉讼 case: one zip for the body's 答复 or 答辩.

The 被申请人 answers in writing and submits **all** the evidence and documents on which the act
was based within 10 working days (5 in the 简易程序) of receiving the copy of the application
(2023 行政复议法 Art. 48, 54, 88; late → the act counts as having no evidence, Art. 70); a
court asks the 被告 the same (行政诉讼法 Art. 67: 答辩状 and evidence within 15 days). So the
bundle holds, each as its own numbered file (practice.md §3.7, §3.8):

1. the application as received (条例 Art. 29: applicant, information sought, form wanted) and
   the files that came with it;
2. the proof of its receipt date (条例 Art. 31: 受理编号, channel, how the date was fixed);
3. the search log (最高人民法院指导案例101号: where, what terms, who, when, the result);
4. every notice signed (告知书, as PDF) followed by its 送达 record (国办公开办函〔2016〕235号:
   method, dates, tracking number, who signed);
5. the timeline (the application's append-only event log);

and ``00-目录.pdf``, the index a 复议机关 or court expects (序号, 材料名称, 日期, 证明内容, 页数).
The generated parts are one WeasyPrint layout split into files by page (one pass, page counts
for free); notices come from their stored DOCX (converted once and kept, letters.services).
Files beyond ``settings.GONGKAI_DEFENCE_BUNDLE_MAX_BYTES`` are left out and named in the index.

The bundle holds the applicant's identity (the review body needs it): only the body's own
staff may take it (the view asks ``write=True``), and each export is logged on the
application as a view of personal data (PIPL).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .export import fonts

# Page anchors of the generated parts (the template gives each part's first block this id).
GENERATED = ("application", "receipt", "search", "timeline")


@dataclass
class Part:
    """One file of the bundle and its line in the index."""

    name: str  # file name inside the zip (without the number)
    title: str  # 材料名称
    on: datetime.date | None  # the date it bears
    proves: str  # 证明内容
    data: bytes | None = None
    pages: int | None = None
    note: str = ""  # why it is missing or replaced
    number: int = 0
    optional: bool = False  # an uploaded file: left out past the size limit

    @property
    def file_name(self) -> str:
        return f"{self.number:02d}-{self.name}" if self.data is not None else ""


@dataclass
class Bundle:
    case: object
    parts: list[Part] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data: bytes = b""

    @property
    def file_name(self) -> str:
        return f"{safe_name(self.case.case_number)}-答复材料.zip"


def safe_name(text: str) -> str:
    """A file name without path separators or control characters (a 案号 may hold '/')."""
    return re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", "_", text).strip(" ._") or "case"


def max_bytes() -> int:
    return int(getattr(settings, "GONGKAI_DEFENCE_BUNDLE_MAX_BYTES", 50 * 1024 * 1024))


def _pdf_pages(data: bytes) -> int | None:
    import pypdfium2

    try:
        return len(pypdfium2.PdfDocument(data))
    except pypdfium2.PdfiumError:
        return None


def _notice_file(notice) -> tuple[str, bytes, str]:
    """The notice as PDF (kept after the first conversion); the signed DOCX itself when
    LibreOffice cannot convert it here, with a note saying so."""
    from gongkai.letters import services

    try:
        return "pdf", services.pdf_bytes(notice), ""
    except Exception:  # noqa: BLE001 - soffice missing, failing or timing out: keep the original
        with notice.docx.open("rb") as fh:
            return "docx", fh.read(), "未能转换为 PDF，附签发的 Word 原件"


def _context(case, application, notices, today) -> dict:
    from gongkai.applications.models import Event

    ctx = {"case": case, "agency": case.agency, "app": application, "today": today}
    ctx["fonts"] = fonts()
    if application is None:
        return ctx
    events = list(
        application.events.exclude(kind=Event.Kind.PERSONAL_DATA_VIEWED).select_related("actor")
    )
    ctx.update(
        items=list(application.items.all()),
        attachments=list(application.attachments.all()),
        searches=list(application.searches.all()),
        events=events,
        receipt_events=[e for e in events if e.kind in (Event.Kind.SUBMITTED, Event.Kind.RECEIVED)],
        notices=notices,
    )
    return ctx


def _split(document, anchors: list[str]) -> dict[str, tuple[bytes, int]]:
    """Each part's pages of one WeasyPrint document, as its own PDF (a part starts on the
    page that holds its anchor and runs to the next part's first page)."""
    starts = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor in anchors and anchor not in starts:
                starts[anchor] = index
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    out = {}
    for i, (anchor, start) in enumerate(ordered):
        end = ordered[i + 1][1] if i + 1 < len(ordered) else len(document.pages)
        out[anchor] = (document.copy(document.pages[start:end]).write_pdf(), end - start)
    return out


def build_bundle(case, *, actor=None, today: datetime.date | None = None) -> Bundle:
    """The defence bundle of ``case`` (module docstring; 行政复议法 Art. 48, 54; 指导案例101号;
    235号), as zip bytes in ``Bundle.data``; logs the export on the application (PIPL).
    Always in Chinese, whatever the language of the staff page: it goes to a Chinese 复议机关
    or court."""
    with translation.override("zh-hans"):
        return _build(case, actor=actor, today=today)


def _build(case, *, actor, today) -> Bundle:
    from weasyprint import HTML  # imported here: only bundles pay for it

    from gongkai.applications.models import Event
    from gongkai.letters.models import Notice

    today = today or timezone.localdate()
    application = case.application
    bundle = Bundle(case=case)
    notices = []
    if application is not None:
        notices = list(
            Notice.objects.filter(
                application=application,
                status__in=(Notice.Status.ISSUED, Notice.Status.SERVED),
            )
            .select_related("issued_by", "service", "service__recorded_by")
            .order_by("issued_on", "pk")
        )
    ctx = _context(case, application, notices, today)
    if application is None:
        bundle.notes.append(
            "本案未关联政府信息公开申请，材料目录只列案件信息；请在案件台账中填写受理编号。"
        )
        ctx["anchors"] = []
    else:
        anchors = ["application", "receipt", "search"]
        anchors += [f"service-{n.pk}" for n in notices if hasattr(n, "service")]
        anchors.append("timeline")
        ctx["anchors"] = anchors
    generated = {}
    if application is not None:
        html = render_to_string("reports/bundle_parts.html", ctx)
        generated = _split(HTML(string=html).render(), ctx["anchors"])

    def add(part: Part) -> None:
        bundle.parts.append(part)

    if application is not None:
        app_pdf, app_pages = generated["application"]
        add(
            Part(
                "政府信息公开申请.pdf",
                "政府信息公开申请（申请人、所需信息、获取方式，按收到时记载）",
                application.arrived_on,
                "申请人于该日提出申请及其申请内容（《政府信息公开条例》第二十九条）",
                app_pdf,
                app_pages,
            )
        )
        for attachment in ctx["attachments"]:
            add(
                Part(
                    f"申请附件-{safe_name(attachment.original_name)}",
                    f"申请附件：{attachment.original_name}",
                    timezone.localdate(attachment.uploaded_at),
                    "申请时提交的材料（原件的电子文件，SHA-256 见申请）",
                    _read(attachment),
                    optional=True,
                )
            )
        receipt_pdf, receipt_pages = generated["receipt"]
        add(
            Part(
                "收到申请凭证.pdf",
                f"收到申请凭证（受理编号 {application.receipt_number}）",
                application.received_on,
                "本机关收到申请的日期及其确定方式，答复期限自此起算（条例第三十一条、第三十三条）",
                receipt_pdf,
                receipt_pages,
            )
        )
        search_pdf, search_pages = generated["search"]
        add(
            Part(
                "检索记录.pdf",
                f"检索记录（{len(ctx['searches'])} 次）",
                ctx["searches"][-1].searched_on if ctx["searches"] else None,
                "本机关已尽充分、合理的检索义务（最高人民法院指导案例101号）",
                search_pdf,
                search_pages,
            )
        )
        if not ctx["searches"]:
            bundle.notes.append(
                "本案没有检索记录；以“本机关不掌握相关政府信息”答复的，须有检索记录。"
            )
        for notice in notices:
            ext, data, note = _notice_file(notice)
            add(
                Part(
                    f"{safe_name(notice.file_name(ext))}",
                    f"{notice.title}（{notice.number}）",
                    notice.issued_on,
                    f"本机关于该日签发{notice.title}及其内容",
                    data,
                    _pdf_pages(data) if ext == "pdf" else None,
                    note,
                )
            )
            service = getattr(notice, "service", None)
            if service is None:
                bundle.notes.append(f"{notice.title}（{notice.number}）已签发，尚未记录送达。")
                continue
            pdf, pages = generated[f"service-{notice.pk}"]
            add(
                Part(
                    f"送达记录（{safe_name(notice.number)}）.pdf",
                    f"送达记录：{notice.title}（{notice.number}）",
                    service.served_on,
                    f"{notice.title}以{service.get_method_display()}送达及送达日期"
                    "（国办公开办函〔2016〕235号）",
                    pdf,
                    pages,
                )
            )
        timeline_pdf, timeline_pages = generated["timeline"]
        add(
            Part(
                "办理记录.pdf",
                f"办理记录（{len(ctx['events'])} 条，系统自动记录，不可修改）",
                ctx["events"][-1].on or timezone.localdate(ctx["events"][-1].at)
                if ctx["events"]
                else None,
                "申请的办理过程及各环节日期",
                timeline_pdf,
                timeline_pages,
            )
        )
    _limit(bundle)
    index_html = render_to_string(
        "reports/bundle_index.html",
        {**ctx, "parts": bundle.parts, "notes": bundle.notes, "paged": True},
    )
    index = HTML(string=index_html).write_pdf()
    bundle.data = _zip(bundle, index)
    if application is not None:
        application.record(
            Event.Kind.PERSONAL_DATA_VIEWED, actor=actor, note=f"导出答复材料（{case.case_number}）"
        )
    return bundle


def _read(attachment) -> bytes:
    with attachment.file.open("rb") as fh:
        return fh.read()


def _limit(bundle: Bundle) -> None:
    """Number the parts. The records the platform made are always in; an uploaded file that
    would take the bundle past the size limit is left out, and the index says so."""
    budget = max_bytes()
    used = sum(len(p.data) for p in bundle.parts if p.data is not None and not p.optional)
    for number, part in enumerate(bundle.parts, start=1):
        part.number = number
        if part.data is None or not part.optional:
            continue
        if used + len(part.data) > budget:
            part.note = f"未收入（超过答复材料大小上限 {budget / 1048576:.1f} MB），请另行提交"
            part.data = None
            continue
        used += len(part.data)


def _zip(bundle: Bundle, index: bytes) -> bytes:
    folder = bundle.file_name.removesuffix(".zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}/00-目录.pdf", index)
        for part in bundle.parts:
            if part.data is not None:
                archive.writestr(f"{folder}/{part.file_name}", part.data)
    return buffer.getvalue()
