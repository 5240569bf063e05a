import io

import docx
import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, override_settings

from gongkai.catalog import workflow
from gongkai.catalog.attachments import (
    UploadRefused,
    add_attachment,
    detect_kind,
    extract_text,
    neutral_name,
    read_upload,
    remove_attachment,
)
from gongkai.catalog.samplepdf import make_pdf
from gongkai.test import BaseTestCase, make_item

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def docx_bytes(text):
    document = docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "表格里的村名"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes():
    book = openpyxl.Workbook()
    book.active.append(["村名", "补贴金额"])
    book.active.append(["托万巴格村", 1200])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class DetectionTestCase(SimpleTestCase):
    def test_it_tells_the_type_from_the_bytes(self):
        self.assertEqual(detect_kind(b"%PDF-1.4\n"), "pdf")
        self.assertEqual(detect_kind(PNG[:16]), "png")
        self.assertEqual(detect_kind(b"\xff\xd8\xff\xe0\0\x10JFIF"), "jpeg")
        data = docx_bytes("x")
        self.assertEqual(detect_kind(data[:16], data), "docx")
        data = xlsx_bytes()
        self.assertEqual(detect_kind(data[:16], data), "xlsx")

    def test_it_refuses_what_only_pretends(self):
        self.assertIsNone(detect_kind(b"MZ\x90\0", b"MZ\x90\0"))  # an .exe named .pdf
        self.assertIsNone(detect_kind(b"<html><script>", b"<html><script>"))
        self.assertIsNone(detect_kind(b"PK\x03\x04junk", b"PK\x03\x04junk"))  # broken zip

    def test_it_neutralises_hostile_names(self):
        self.assertEqual(neutral_name("../../etc/passwd", "pdf"), "passwd.pdf")
        self.assertEqual(neutral_name("C:\\tmp\\a<script>.exe", "pdf"), "a_script.pdf")
        self.assertEqual(
            neutral_name("报告\x00;rm -rf $HOME.docx", "docx"), "报告_rm -rf _HOME.docx"
        )
        self.assertEqual(neutral_name("...", "png"), "附件.png")
        self.assertEqual(len(neutral_name("长" * 500 + ".pdf", "pdf")), 84)

    def test_it_extracts_text_from_each_kind(self):
        self.assertIn("农村低保", extract_text("pdf", make_pdf(["2026年农村低保标准"])))
        text = extract_text("docx", docx_bytes("高效节水灌溉项目"))
        self.assertIn("高效节水灌溉项目", text)
        self.assertIn("表格里的村名", text)
        self.assertIn("托万巴格村 1200", extract_text("xlsx", xlsx_bytes()))
        with self.assertLogs("gongkai.catalog.attachments", "WARNING"):
            self.assertEqual(extract_text("pdf", b"%PDF-1.4 broken"), "")  # damaged: no error

    @override_settings(GONGKAI_ATTACHMENT_MAX_BYTES=1000)
    def test_it_refuses_a_large_file_before_reading_it(self):
        class Upload:
            size = 2000

            def read(self, *args):
                raise AssertionError("read before the size was checked")

        with self.assertRaises(UploadRefused):
            read_upload(Upload())
        # An upload that lies about its size is cut at the limit.
        with self.assertRaises(UploadRefused):
            read_upload(SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 2000))


class AddAttachmentTestCase(BaseTestCase):
    def test_it_stores_under_a_token_outside_the_web_root(self):
        item = make_item(self.agency_a)
        attachment = add_attachment(
            item, actor=self.alice, name="../公示.pdf", data=make_pdf(["公示"])
        )
        self.assertEqual(attachment.name, "公示.pdf")
        self.assertEqual(attachment.kind, "pdf")
        self.assertTrue(attachment.file.name.endswith(f"{attachment.token}.pdf"))
        self.assertNotIn("公示", attachment.file.name)
        with attachment.file.open("rb") as handle:
            self.assertTrue(handle.read().startswith(b"%PDF-"))
        self.assertEqual(item.events.last().kind, "attached")

    def test_it_refuses_a_wrong_type_and_keeps_nothing(self):
        item = make_item(self.agency_a)
        with self.assertRaises(UploadRefused):
            add_attachment(item, actor=self.alice, name="a.pdf", data=b"MZ\x90\0 not a pdf")
        self.assertEqual(item.attachments.count(), 0)

    def test_a_published_item_takes_no_new_files(self):
        item = make_item(self.agency_a, publish=True)
        with self.assertRaises(workflow.StepRefused):
            add_attachment(item, actor=self.alice, name="a.png", data=PNG)

    def test_removing_keeps_a_history_line(self):
        item = make_item(self.agency_a)
        attachment = add_attachment(
            item, actor=self.alice, name="a.png", data=PNG, alt="公示栏照片"
        )
        with self.captureOnCommitCallbacks(execute=True):
            remove_attachment(attachment, actor=self.alice)
        self.assertEqual(item.attachments.count(), 0)
        self.assertEqual(
            list(item.events.values_list("kind", flat=True))[-2:], ["attached", "detached"]
        )
