"""Word templates → DOCX (docxtpl) → PDF (LibreOffice headless), and the shipped defaults.

Plain Python (no Django). One template per notice serves both outputs: a body edits it in
Word and the PDF is LibreOffice's rendering of the very DOCX that was filled in (CONTRIBUTING.md
explains the choice and bench/letters_bench.py measures it).

Fonts: the templates name the fonts Chinese offices use (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体,
GB/T 9704-2012 §7.3), which Word on an office PC has. For the PDF, ``fonts.conf`` maps those
names to the free CJK fonts that scripts/sysdeps.sh installs (Noto CJK, AR PL UKai).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import threading
import zipfile
from pathlib import Path

import jinja2
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate

from gongkai.letters.kinds import KINDS, REQUIRED_VARIABLES, Kind, variables_for

HERE = Path(__file__).resolve().parent
DEFAULTS_DIR = HERE / "docx"
FONTS_CONF = HERE / "fonts.conf"

BODY_FONT = "仿宋_GB2312"  # 三号仿宋: GB/T 9704-2012 §7.3
TITLE_FONT = "方正小标宋简体"  # 二号小标宋


class TemplateProblem(ValueError):
    """A template that cannot be used; ``messages`` are Chinese, one per problem."""

    def __init__(self, messages: list[str]):
        super().__init__("；".join(messages))
        self.messages = messages


def _env() -> jinja2.Environment:
    # StrictUndefined: a misspelt variable is an error at upload, never a blank in a letter.
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


def render_docx(template: bytes, context: dict) -> bytes:
    """Fill ``template`` (DOCX bytes with docxtpl tags) with ``context``; DOCX bytes."""
    doc = DocxTemplate(io.BytesIO(template))
    doc.render(context, jinja_env=_env(), autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def check_template(data: bytes, kind: Kind, sample: dict) -> None:
    """Refuse a template a body uploads unless it renders with the documented variables
    (docs/letters.md): a Word file, no unknown variables, the required ones present, and a
    rendering with ``sample`` values. Raises :class:`TemplateProblem` (Chinese messages)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateProblem(
            ["文件不是有效的 Word 文档（.docx）。请在 Word 中“另存为”.docx 格式后上传。"]
        )
    try:
        doc = DocxTemplate(io.BytesIO(data))
        used = doc.get_undeclared_template_variables(jinja_env=_env())
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            [f"模板标记有语法错误：{exc.message}（请检查 {{{{ }}}} 与 {{% %}} 是否成对）。"]
        ) from exc
    except Exception as exc:  # a damaged package: docx/lxml raise many kinds
        raise TemplateProblem([f"无法读取该 Word 文档：{exc.__class__.__name__}。"]) from exc
    allowed = set(variables_for(kind)) | {"p", "item", "loop"}
    problems = []
    unknown = sorted(used - allowed)
    if unknown:
        problems.append(
            "模板使用了未定义的变量：" + "、".join(unknown) + "（可用变量见模板说明）。"
        )
    missing = [v for v in REQUIRED_VARIABLES if v not in used]
    if kind is Kind.ANSWER and "relief" not in used:
        missing.append("relief")
    if missing:
        problems.append(
            "模板缺少必需的变量：" + "、".join("{{ " + v + " }}" for v in missing) + "。"
        )
    if problems:
        raise TemplateProblem(problems)
    try:
        render_docx(data, sample)
    except jinja2.TemplateError as exc:
        raise TemplateProblem([f"模板无法套用示例数据：{exc}"]) from exc


# -- PDF ---------------------------------------------------------------------------------

_soffice_lock = threading.Lock()


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        raise RuntimeError("未安装 LibreOffice（soffice），无法生成 PDF；请运行 make sysdeps。")
    return path


def docx_to_pdf(docx: bytes, *, profile_dir: Path) -> bytes:
    """Convert with ``soffice --headless`` using a profile of our own (``profile_dir``): a
    second soffice on the same profile would hand the job to the first and exit."""
    with _soffice_lock, tempfile.TemporaryDirectory(prefix="gk-letter-") as tmp:
        src = Path(tmp) / "notice.docx"
        src.write_bytes(docx)
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": tmp}
        cmd = [
            soffice(),
            f"-env:UserInstallation={profile_dir.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            tmp,
            str(src),
        ]
        subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
        return (Path(tmp) / "notice.pdf").read_bytes()


# -- the shipped default templates -------------------------------------------------------


def _font(run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _para(doc, text: str, *, font=BODY_FONT, size=16, align=None, indent=False, bold=False):
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(28)  # 22 lines a page at 三号 (GB/T 9704-2012 §5.2.2)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    _font(paragraph.add_run(text), font, size, bold=bold)
    return paragraph


def build_default(kind: Kind) -> bytes:
    """The default template of ``kind``, built in code so it can be rebuilt and diffed
    (``python -m gongkai.letters.render`` writes gongkai/letters/docx/)."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)  # A4
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    _para(doc, "{{ agency }}", font=TITLE_FONT, size=22, align=centre)
    _para(doc, "{{ title }}", font=TITLE_FONT, size=22, align=centre)
    _para(doc, "{{ number }}", align=centre)
    _para(doc, "")
    _para(doc, "{{ addressee }}：")
    _para(doc, "{%p for p in paragraphs %}")
    _para(doc, "{{ p }}", indent=True)
    _para(doc, "{%p endfor %}")
    if kind is Kind.ANSWER:
        _para(doc, "{{ relief }}", indent=True)
    else:
        _para(doc, "{%p if relief %}")
        _para(doc, "{{ relief }}", indent=True)
        _para(doc, "{%p endif %}")
    _para(doc, "")
    _para(doc, "{{ agency }}", align=right)
    _para(doc, "{{ date }}", align=right)
    _para(doc, "")
    _para(doc, "（联系机构：{{ office }}；地址：{{ address }}；电话：{{ phone }}）", size=14)
    out = io.BytesIO()
    doc.core_properties.title = KINDS[kind].title
    doc.core_properties.author = "gongkai"
    doc.save(out)
    return out.getvalue()


def default_template(kind: Kind) -> bytes:
    return (DEFAULTS_DIR / f"{kind.value}.docx").read_bytes()


def write_defaults() -> None:
    DEFAULTS_DIR.mkdir(exist_ok=True)
    for kind in Kind:
        (DEFAULTS_DIR / f"{kind.value}.docx").write_bytes(build_default(kind))


if __name__ == "__main__":
    write_defaults()
