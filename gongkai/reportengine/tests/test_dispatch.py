"""parse_report: form sniffing, text decoding, unreadable inputs (issue 3 items 3 and 4)."""

from __future__ import annotations

import io
import tempfile
import unittest
import zipfile
from pathlib import Path

from gongkai.reportengine.figures import Figures
from gongkai.reportengine.parsing import (
    EMPTY,
    NOT_A_REPORT,
    ReportUnreadable,
    _sniff,
    decode_text,
    parse_report,
)
from gongkai.reportengine.render import to_docx, to_html, to_markdown, to_text_cells
from gongkai.reportengine.tests.shared import BLANK, SEED


def scanned_pdf() -> bytes:
    """An image-only PDF, as a scanner makes it: no text layer at all."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 300), outline="black", width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=72.0)
    return buffer.getvalue()


class SniffTestCase(unittest.TestCase):
    def test_it_tells_the_form_by_content_first(self):
        fig = Figures.zeros(year=2023)
        self.assertEqual(_sniff(b"%PDF-1.7\n...", ".txt"), "pdf")
        self.assertEqual(_sniff(to_docx(fig), ".pdf"), "zip")
        self.assertEqual(_sniff(to_html(fig).encode(), ".txt"), "html")
        self.assertEqual(_sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>", ""), "html")
        self.assertEqual(_sniff(b"<table><tr><td>1</td></tr></table>", ".md"), "html")
        self.assertEqual(_sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", ".docx"), "ole")
        self.assertEqual(_sniff(to_text_cells(fig).encode(), ""), "text")

    def test_it_falls_back_on_the_extension_for_text_content(self):
        self.assertEqual(_sniff("一、总体情况".encode(), ".htm"), "html")
        self.assertEqual(_sniff("一、总体情况".encode(), ".md"), "markdown")
        self.assertEqual(_sniff("一、总体情况".encode(), ".txt"), "text")


class DecodeTestCase(unittest.TestCase):
    TEXT = "三、收到和处理政府信息公开申请情况"

    def test_it_decodes_utf8_with_and_without_bom(self):
        self.assertEqual(decode_text(self.TEXT.encode("utf-8")), self.TEXT)
        self.assertEqual(decode_text(b"\xef\xbb\xbf" + self.TEXT.encode("utf-8")), self.TEXT)

    def test_it_decodes_gbk_and_gb18030(self):
        self.assertEqual(decode_text(self.TEXT.encode("gbk")), self.TEXT)
        self.assertEqual(decode_text(("𠀀" + self.TEXT).encode("gb18030")), "𠀀" + self.TEXT)

    def test_it_decodes_utf16_with_bom(self):
        self.assertEqual(decode_text(self.TEXT.encode("utf-16")), self.TEXT)

    def test_it_refuses_binary_data(self):
        with self.assertRaisesMessage(ReportUnreadable, "无法识别的文件格式（二进制文件）"):
            decode_text(bytes(range(256)) * 4)

    def assertRaisesMessage(self, exc, message):  # noqa: N802 - unittest style
        return self.assertRaisesRegex(exc, "^" + message.replace("（", "\\（") + "$")


class UnreadableTestCase(unittest.TestCase):
    def assertUnreadable(self, source, message, **kwargs):  # noqa: N802 - unittest style
        with self.assertRaises(ReportUnreadable) as caught:
            parse_report(source, **kwargs)
        self.assertEqual(str(caught.exception), message)
        self.assertNotIn("\n", str(caught.exception))

    def test_it_refuses_an_empty_file(self):
        self.assertUnreadable(b"", EMPTY)
        self.assertUnreadable(b" \r\n\t ", "文件为空")

    def test_it_refuses_binary_garbage(self):
        self.assertUnreadable(bytes(range(256)) * 8, "无法识别的文件格式（二进制文件）")

    def test_it_refuses_a_zip_that_is_not_a_word_document(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("content.xml", "<office/>")
        self.assertUnreadable(buffer.getvalue(), "无法识别的文件格式：压缩包不是 Word（.docx）文档")

    def test_it_refuses_a_damaged_workbook(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
        self.assertUnreadable(buffer.getvalue(), "无法识别的文件格式：Excel（.xlsx）文件已损坏")

    def test_it_refuses_an_old_binary_word_file(self):
        self.assertUnreadable(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            "无法识别的文件格式：旧版 Word/Excel 文件，请另存为 .docx 或 PDF",
        )

    def test_it_refuses_text_that_is_not_an_annual_report(self):
        self.assertEqual(NOT_A_REPORT, "不是政府信息公开年度报告：未找到年度报告的章节标题或统计表")
        self.assertUnreadable(
            "关于做好春节期间安全生产工作的通知\n各乡镇：……".encode(), NOT_A_REPORT
        )
        page = "<html><body><p>网站地图</p><table><tr><td>首页</td></tr></table></body></html>"
        self.assertUnreadable(page.encode(), NOT_A_REPORT)

    def test_it_refuses_a_scanned_pdf_without_a_text_layer(self):
        self.assertUnreadable(scanned_pdf(), "PDF 没有文字层（可能是扫描件），无法读取文字")

    def test_it_refuses_a_broken_pdf_in_one_line(self):
        with self.assertRaises(ReportUnreadable) as caught:
            parse_report(b"%PDF-1.4\n%garbage with no objects\n")
        self.assertRegex(str(caught.exception), r"^[^\n]*PDF[^\n]*损坏[^\n]*$")

    def test_it_names_a_missing_file_and_a_folder(self):
        with tempfile.TemporaryDirectory() as folder:
            self.assertUnreadable(Path(folder), f"是文件夹而不是文件：{folder}")
            missing = Path(folder) / "无.txt"
            self.assertUnreadable(str(missing), f"文件不存在：{missing}")


class DispatchTestCase(unittest.TestCase):
    def setUp(self):
        self.fig = Figures.zeros(year=2023, body="和田县吾宗肖乡人民政府")
        self.fig.table3["1"] = [3, 1, 0, 0, 0, 0, 4]
        self.fig.table3["3.1"] = [3, 1, 0, 0, 0, 0, 4]
        self.fig.table3["3.7"] = [3, 1, 0, 0, 0, 0, 4]

    def test_it_reads_every_structured_form_to_the_same_table(self):
        forms = {
            "html": to_html(self.fig).encode("utf-8"),
            "gbk-html": to_html(self.fig, charset="gbk").encode("gbk"),
            "markdown": to_markdown(self.fig).encode("utf-8"),
            "docx": to_docx(self.fig),
            "text": to_text_cells(self.fig).encode("utf-8"),
            "gbk-text": to_text_cells(self.fig).encode("gb18030"),
        }
        for form, data in forms.items():
            with self.subTest(form=form):
                parsed = parse_report(data, name=f"x.{form}")
                self.assertEqual(parsed.table3, self.fig.table3)
                self.assertEqual(parsed.source, f"x.{form}")

    def test_it_sets_the_source_to_the_path_it_was_given(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "report.md"
            path.write_text(to_markdown(self.fig), encoding="utf-8")
            self.assertEqual(parse_report(path).source, str(path))
            self.assertEqual(parse_report(str(path), name="上传.md").source, "上传.md")

    def test_it_reads_the_seed_alike_in_utf8_and_gb18030(self):
        utf8 = parse_report(SEED)
        gbk = parse_report(SEED.read_text(encoding="utf-8").encode("gb18030"), name=SEED.name)
        self.assertEqual(utf8.table3, gbk.table3)
        self.assertEqual(utf8.table3["1"], [0] * 7)
        self.assertEqual(utf8.source, str(SEED))

    def test_it_reads_the_blank_template_as_blank_cells_with_p010(self):
        fig = parse_report(BLANK)
        self.assertEqual(fig.template, "2021")
        self.assertTrue(all(v is None for row in fig.table3.values() for v in row))
        self.assertTrue(all(v is None for v in fig.table4))
        codes = {f.where: f.code for f in fig.findings}
        self.assertEqual(codes.get("table3.3.7[6]") or codes.get("table3.3.7"), "P010")


class DamagedInputTestCase(unittest.TestCase):
    """Damaged files give figures or a one-line ReportUnreadable, never a traceback."""

    def test_it_never_raises_anything_but_report_unreadable(self):
        import random

        from gongkai.reportengine.corpus import generate

        rng = random.Random(0)
        outcomes = set()
        for sample in generate(2, seed=5):
            for _ in range(12):
                data = bytearray(sample.data)
                for _ in range(rng.randint(1, 8)):
                    i = rng.randrange(len(data))
                    operation = rng.choice(("delete", "insert", "flip", "duplicate"))
                    if operation == "delete":
                        del data[i : i + rng.randint(1, 40)]
                    elif operation == "insert":
                        data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
                    elif operation == "flip":
                        data[i] = rng.randrange(256)
                    else:
                        data[i:i] = data[i : i + rng.randint(1, 200)]
                try:
                    parse_report(bytes(data), name=sample.name)
                    outcomes.add("figures")
                except ReportUnreadable as exc:
                    self.assertNotIn("\n", str(exc))
                    outcomes.add("unreadable")
        self.assertEqual(outcomes, {"figures", "unreadable"})

    def test_it_reads_a_text_with_a_stray_nul_and_a_broken_byte(self):
        text = to_text_cells(Figures.zeros(year=2023)).encode("utf-8")
        damaged = text[:200] + b"\x00" + text[200:400] + b"\xff" + text[400:]
        self.assertEqual(parse_report(damaged).table3["1"], [0] * 7)
