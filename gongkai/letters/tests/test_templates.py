"""Word templates: the shipped defaults, a body's upload checked in Chinese, the PDF re-read,
and number allocation under concurrency (PostgreSQL)."""

from __future__ import annotations

import io
import threading
import unittest
from datetime import date

import docx
import pdfplumber
from django.db import connection, connections
from django.test import TransactionTestCase

from gongkai.letters import services
from gongkai.letters.kinds import Kind
from gongkai.letters.models import Notice, NumberCounter
from gongkai.letters.render import (
    TemplateProblem,
    build_default,
    check_template,
    default_template,
    render_docx,
)
from gongkai.test import BaseTestCase, create_cast, make_application

RECEIVED = date(2026, 9, 28)


def texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def with_paragraph(text: str) -> bytes:
    """The default 答复书 with one more paragraph, as a clerk would save it from Word."""
    document = docx.Document(io.BytesIO(default_template(Kind.ANSWER)))
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class DefaultTemplatesTestCase(unittest.TestCase):
    def test_the_shipped_files_are_the_builders_output(self):
        for kind in Kind:
            with self.subTest(kind=kind):
                self.assertEqual(texts(default_template(kind)), texts(build_default(kind)))


class UploadCheckTestCase(BaseTestCase):
    def sample(self) -> dict:
        application = make_application(self.agency_a, received_on=RECEIVED)
        notice = services.draft(application, Kind.ANSWER, actor=self.alice, outcome="3.1")
        return services.context(notice)

    def problems(self, data: bytes, kind=Kind.ANSWER) -> list[str]:
        with self.assertRaises(TemplateProblem) as cm:
            check_template(data, kind, self.sample())
        return cm.exception.messages

    def test_a_good_template_passes(self):
        check_template(with_paragraph("特此告知。"), Kind.ANSWER, self.sample())

    def test_it_explains_each_problem_in_chinese(self):
        self.assertEqual(
            self.problems(b"not a word file"),
            ["文件不是有效的 Word 文档（.docx）。请在 Word 中“另存为”.docx 格式后上传。"],
        )
        self.assertEqual(
            self.problems(with_paragraph("{{ applicant_id }}")),
            ["模板使用了未定义的变量：applicant_id（可用变量见模板说明）。"],
        )
        self.assertTrue(
            self.problems(with_paragraph("{{ number "))[0].startswith("模板标记有语法错误")
        )

    def test_an_answer_template_must_print_the_relief_paragraph(self):
        document = docx.Document(io.BytesIO(default_template(Kind.ANSWER)))
        for paragraph in document.paragraphs:
            if "relief" in paragraph.text:
                paragraph.text = ""
        out = io.BytesIO()
        document.save(out)
        self.assertEqual(self.problems(out.getvalue()), ["模板缺少必需的变量：{{ relief }}。"])


class PdfTestCase(BaseTestCase):
    def test_the_pdf_reads_like_the_docx(self):
        application = make_application(self.agency_a, received_on=RECEIVED)
        notice = services.draft(application, Kind.ANSWER, actor=self.alice, outcome="3.3.1")
        services.review(notice, actor=self.alice, secrecy=Notice.Secrecy.CLEAR)
        notice = services.issue(notice, actor=self.adam, on=date(2026, 10, 9))
        pdf = services.pdf_bytes(notice)
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            text = "".join("".join(page.extract_text().split()) for page in document.pages)
        self.assertIn("吾宗肖乡依申告〔2026〕1号", text)
        self.assertIn("2026年10月9日", text)
        self.assertIn("".join(notice.relief_text.split()), text)
        notice.refresh_from_db()
        self.assertTrue(notice.pdf.name)  # kept: the second download does not convert again
        self.assertEqual(services.pdf_bytes(notice), pdf)


class RenderTestCase(unittest.TestCase):
    def test_an_unknown_variable_is_an_error_not_a_blank(self):
        from jinja2 import UndefinedError

        with self.assertRaises(UndefinedError):
            render_docx(default_template(Kind.RECEIPT), {"number": "x"})


@unittest.skipUnless(connection.vendor == "postgresql", "row locks are tested on PostgreSQL")
class ConcurrentNumbersTestCase(TransactionTestCase):
    """Eight signings at once get eight distinct serials (SELECT … FOR UPDATE)."""

    def test_concurrent_allocations_get_distinct_serials(self):
        create_cast(self)
        results, errors = [], []
        barrier = threading.Barrier(8)

        def sign():
            try:
                barrier.wait()
                results.append(NumberCounter.allocate(self.agency_a, Kind.ANSWER, 2026))
            except Exception as exc:  # reported below
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=sign) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(sorted(serial for serial, _ in results), list(range(1, 9)))
        self.assertEqual(len({number for _, number in results}), 8)
