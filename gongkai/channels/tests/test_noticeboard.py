import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

import pdfplumber
import zxingcpp
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_item

SITE = "https://gk.example.gov.cn"


def page_images(pdf: bytes) -> list[Image.Image]:
    """Each page as a 150 dpi PNG (poppler's pdftoppm), to decode the QR code from pixels."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "n.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "150", "-png", "n.pdf", "p"], cwd=tmp, check=True)
        return [Image.open(p).copy() for p in sorted(Path(tmp).glob("p-*.png"))]


@override_settings(GONGKAI_SITE_URL=SITE)
class NoticeboardPrintTestCase(QuietRefusalsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.first = make_item(
            self.agency_a, publish=True, title="关于2026年农村低保对象名单的公示"
        )
        self.second = make_item(
            self.agency_a, publish=True, title="2026年耕地地力保护补贴发放结果公示"
        )
        self.url = reverse("channels:print", kwargs={"slug": "wuzongxiao"})

    def test_it_prints_each_item_with_a_qr_code_to_its_public_page(self):
        self.client.force_login(self.alice)
        response = self.client.get(
            self.url, {"item": [self.first.pk, self.second.pk], "paper": "A4"}
        )
        self.assertEqual(response["Content-Type"], "application/pdf")
        pdf = response.content
        with pdfplumber.open(BytesIO(pdf)) as doc:
            self.assertEqual(len(doc.pages), 2)
            texts = [page.extract_text() for page in doc.pages]
            width_mm = doc.pages[0].width / 72 * 25.4
        self.assertAlmostEqual(width_mm, 210, delta=1)  # A4
        expected = [SITE + f"/xxgk/wuzongxiao/items/{i.pk}/" for i in (self.first, self.second)]
        for text, item, url in zip(texts, (self.first, self.second), expected, strict=True):
            self.assertIn(item.title, text.replace("\n", ""))
            self.assertIn(item.index_no, text)
            self.assertIn(url, text.replace("\n", ""))  # printed for those who cannot scan
            self.assertIn("扫描二维码", text)
            self.assertIn("和田县吾宗肖乡人民政府 · 政府信息公开", text)
        decoded = [[b.text for b in zxingcpp.read_barcodes(img)] for img in page_images(pdf)]
        self.assertEqual(decoded, [[expected[0]], [expected[1]]])

    def test_a3_is_a3(self):
        self.client.force_login(self.alice)
        response = self.client.get(self.url, {"item": [self.first.pk], "paper": "A3"})
        with pdfplumber.open(BytesIO(response.content)) as doc:
            self.assertAlmostEqual(doc.pages[0].width / 72 * 25.4, 297, delta=1)

    def test_only_published_items_of_the_body_can_be_printed(self):
        draft = make_item(self.agency_a, title="草稿")
        other = make_item(self.agency_b, publish=True, title="他乡公示")
        self.client.force_login(self.alice)
        page = self.client.get(self.url)
        self.assertContains(page, "2026年耕地地力保护补贴发放结果公示")
        self.assertNotContains(page, "草稿")
        self.assertNotContains(page, "他乡公示")
        for pk in (draft.pk, other.pk):
            response = self.client.get(self.url, {"item": [pk], "paper": "A4"})
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, f"{pk} 不在可用的选项中")

    def test_a_bad_paper_or_no_item_is_refused_at_the_field(self):
        self.client.force_login(self.alice)
        response = self.client.get(self.url, {"item": [self.first.pk], "paper": "B5"})
        self.assertContains(response, "B5 不在可用的选项中")
        response = self.client.get(self.url, {"paper": "A4"})
        self.assertContains(response, "这个字段是必填项")

    def test_another_bodys_officer_gets_404(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(self.url, {"item": [self.first.pk]}).status_code, 404)
