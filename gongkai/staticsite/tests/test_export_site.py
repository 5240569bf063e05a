import datetime
import re
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import override_settings

from gongkai.catalog import workflow
from gongkai.catalog.attachments import add_attachment
from gongkai.catalog.samplepdf import make_pdf
from gongkai.staticsite.export import ExportRefused, export_site
from gongkai.test import BaseTestCase, make_item

SITE = "https://gk.example.gov.cn"


def make_column(agency, actor=None):
    """Three public items of ``agency``, one with a PDF whose text names 棉花补贴."""
    first = make_item(agency, title="关于2026年农村低保对象名单的公示", summary="新增低保对象12户")
    add_attachment(
        first, actor=actor, name="名单.pdf", data=make_pdf(["2026年棉花补贴发放名单", "共12户"])
    )
    workflow.submit_item(first, actor=actor)
    workflow.approve_item(
        first, actor=actor, secrecy_note="不涉密", published_on=datetime.date(2026, 3, 10)
    )
    second = make_item(agency, publish=True, title="吾宗肖乡2026年部门预算公开")
    third = make_item(agency, publish=True, title="2026年耕地地力保护补贴发放结果公示")
    return first, second, third


class ExportSiteTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.media = tempfile.TemporaryDirectory()
        self.out = tempfile.TemporaryDirectory()
        self.enterContext(override_settings(MEDIA_ROOT=self.media.name, GONGKAI_SITE_URL=SITE))
        self.addCleanup(self.media.cleanup)
        self.addCleanup(self.out.cleanup)
        self.first, self.second, self.third = make_column(self.agency_a, self.alice)
        make_item(self.agency_b, publish=True, title="他乡的公示")
        self.root = Path(self.out.name) / "site"

    def read(self, path):
        return (self.root / path).read_text(encoding="utf-8")

    def test_it_writes_the_whole_column_with_relative_links(self):
        result = export_site(self.agency_a, self.root)
        for path in (
            "index.html",
            "guide/index.html",
            "rules/index.html",
            "items/index.html",
            "reports/index.html",
            "search/index.html",
            "search-index.js",
            "static/css/site.css",
            "static/js/column-search.js",
            f"items/{self.first.pk}/index.html",
            f"items/{self.first.pk}/files/{self.first.attachments.get().pk}.pdf",
        ):
            self.assertTrue((self.root / path).is_file(), path)
        self.assertEqual(result.deleted, 0)
        self.assertEqual(result.unchanged, 0)
        self.assertEqual(result.written, len(result.files))
        page = self.read(f"items/{self.first.pk}/index.html")
        links = set(re.findall(r'(?:href|src)="([^"]+)"', page))
        self.assertIn("../../guide/index.html", links)
        self.assertIn(f"files/{self.first.attachments.get().pk}.pdf", links)
        self.assertIn("../../static/css/site.css", links)
        served = [link for link in links if link.startswith("/")]
        self.assertEqual(served, [], "no server-absolute link may remain")
        self.assertNotIn("<form", page.replace('<form class="column-search static-search"', ""))
        self.assertNotIn("他乡的公示", self.read("items/index.html"))
        self.assertIn("关于2026年农村低保对象名单的公示", self.read("items/index.html"))
        self.assertEqual(
            (
                self.root / f"items/{self.first.pk}/files/{self.first.attachments.get().pk}.pdf"
            ).read_bytes()[:5],
            b"%PDF-",
        )

    def test_the_index_holds_the_attachment_words_pre_segmented(self):
        export_site(self.agency_a, self.root)
        index = self.read("search-index.js")
        self.assertTrue(index.startswith("window.GONGKAI_SEARCH={"))
        self.assertIn('"棉花"', index)
        self.assertNotIn("他乡", index)

    def test_a_second_run_with_nothing_changed_writes_nothing(self):
        first = export_site(self.agency_a, self.root)
        again = export_site(self.agency_a, self.root)
        self.assertEqual((again.written, again.unchanged, again.deleted), (0, len(first.files), 0))

    def test_a_correction_rewrites_only_what_shows_it(self):
        export_site(self.agency_a, self.root)
        workflow.correct_item(
            self.second, actor=self.alice, note="更正标题", title="吾宗肖乡2026年部门预算（更正）"
        )
        again = export_site(self.agency_a, self.root)
        # The item page, the list page showing it, the body page (latest items), the index.
        self.assertEqual(again.written, 4)
        self.assertEqual(again.deleted, 0)
        self.assertIn("（更正）", self.read(f"items/{self.second.pk}/index.html"))

    def test_a_removed_item_is_deleted_and_nothing_else(self):
        export_site(self.agency_a, self.root)
        (self.root / "notes.txt").write_text("not ours", encoding="utf-8")
        pk = self.third.pk
        self.third.delete()
        again = export_site(self.agency_a, self.root)
        self.assertEqual(again.deleted, 1)
        self.assertFalse((self.root / f"items/{pk}/index.html").exists())
        self.assertTrue((self.root / "notes.txt").exists())

    def test_a_withdrawn_item_keeps_its_page_with_the_note(self):
        workflow.withdraw_item(self.third, actor=self.alice, note="政策已调整")
        export_site(self.agency_a, self.root)
        self.assertIn("政策已调整", self.read(f"items/{self.third.pk}/index.html"))
        self.assertNotIn("2026年耕地地力保护补贴发放结果公示", self.read("items/index.html"))

    def test_it_refuses_a_folder_that_is_not_an_export(self):
        self.root.mkdir()
        (self.root / "keep.txt").write_text("x", encoding="utf-8")
        with self.assertRaises(ExportRefused):
            export_site(self.agency_a, self.root)

    def test_the_command_prints_counts_and_refuses_in_one_line(self):
        out = StringIO()
        call_command("export_site", "wuzongxiao", str(self.root), stdout=out)
        self.assertRegex(
            out.getvalue(), r"和田县吾宗肖乡人民政府：写入 \d+ 个文件，未变 0 个，删除 0 个"
        )
        with self.assertRaises(CommandError) as caught:
            call_command("export_site", "nowhere", str(self.root))
        self.assertEqual(caught.exception.returncode, 2)
        self.assertEqual(str(caught.exception), "没有网址标识为 'nowhere' 的机关。")
