import datetime

from django.test import SimpleTestCase

from gongkai.catalog import search, segment, workflow
from gongkai.catalog.attachments import add_attachment
from gongkai.catalog.models import Category, Genre, Validity
from gongkai.catalog.samplepdf import make_pdf
from gongkai.test import BaseTestCase, make_item

D = datetime.date
HOSTILE = [
    "",
    " ",
    "\x00",
    "低保\x00对象",
    '"',
    "'",
    "''; DROP TABLE catalog_catalogitem; --",
    'NEAR(低保 对象) OR "x" AND NOT y*',
    "title:低保",
    "^低保",
    "(((",
    "a & b | !c <-> d",
    "💥🀄",
    "低保" * 5000,
    "x" * 10_000,
    "%_\\",
]


class SegmentTestCase(SimpleTestCase):
    def test_query_tokens_hold_only_word_characters(self):
        self.assertEqual(segment.query_tokens('"低保" OR 对象*'), ["低保", "or", "对象"])
        self.assertEqual(segment.query_tokens("\x00;--"), [])
        self.assertLessEqual(len(segment.query_tokens("字" * 10_000)), segment.MAX_QUERY_TOKENS)

    def test_full_width_forms_are_folded(self):
        self.assertEqual(segment.query_tokens("２０２６"), ["2026"])


class SearchTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.welfare = Category.objects.get(name="社会福利")
        cls.water = make_item(
            cls.agency_a,
            publish=True,
            title="关于高效节水灌溉项目建设情况的公告",
            summary="公告项目建设地点、规模和资金。",
            category=Category.objects.get(name="水利、水务"),
            published_on=D(2025, 5, 20),
            written_on=D(2025, 5, 11),
        )
        cls.welfare_item = make_item(
            cls.agency_a,
            publish=True,
            title="农村最低生活保障工作实施方案",
            summary="明确低保申请条件和审核程序。",
            doc_no="吾乡政发〔2026〕3号",
            category=cls.welfare,
            genre=Genre.NORMATIVE,
            validity=Validity.VALID,
        )
        cls.other_body = make_item(cls.agency_b, publish=True, title="拉依喀乡低保对象公示")
        cls.draft = make_item(cls.agency_a, title="尚未公开的低保草稿")

    def pks(self, query, **filters):
        return [hit.item.pk for hit in search.search(query, **filters).hits]

    def test_it_finds_words_in_titles_summaries_and_document_numbers(self):
        self.assertEqual(self.pks("节水灌溉"), [self.water.pk])
        self.assertEqual(self.pks("审核程序"), [self.welfare_item.pk])
        self.assertEqual(self.pks("政发〔2026〕3号"), [self.welfare_item.pk])

    def test_drafts_never_show(self):
        self.assertNotIn(self.draft.pk, self.pks("低保"))

    def test_a_word_inside_an_attached_pdf_finds_its_item(self):
        item = make_item(self.agency_a, title="2026年部门预算公开说明")
        data = make_pdf(["一般公共预算财政拨款支出合计856.3万元", "其中三公经费4.2万元"])
        add_attachment(item, actor=self.alice, name="预算.pdf", data=data)
        self.assertEqual(self.pks("财政拨款"), [])  # not public yet
        workflow.submit_item(item, actor=self.alice)
        workflow.approve_item(item, actor=self.adam, secrecy_note="同意")
        result = search.search("财政拨款")
        self.assertEqual([h.item.pk for h in result.hits], [item.pk])
        self.assertIn("<mark>财政拨款</mark>", result.hits[0].snippet)

    def test_it_filters_by_body_category_year_and_validity(self):
        self.assertEqual(set(self.pks("低保")), {self.welfare_item.pk, self.other_body.pk})
        self.assertEqual(self.pks("低保", agency=self.agency_b), [self.other_body.pk])
        self.assertEqual(self.pks("低保", category=self.welfare), [self.welfare_item.pk])
        self.assertEqual(self.pks("低保", category=self.welfare.parent), [self.welfare_item.pk])
        self.assertEqual(self.pks("公告", year=2025), [self.water.pk])
        self.assertEqual(self.pks("公告", year=2026), [])
        self.assertEqual(self.pks("低保", validity=Validity.VALID), [self.welfare_item.pk])

    def test_it_ranks_a_title_match_first(self):
        make_item(self.agency_a, publish=True, title="村务公开栏更新", summary="含灌溉用水安排。")
        self.assertEqual(self.pks("灌溉")[0], self.water.pk)

    def test_it_highlights_and_escapes(self):
        make_item(self.agency_a, publish=True, title="<script>alert(1)</script>低保名单")
        hit = search.search("低保 名单").hits[0]
        self.assertIn("&lt;script&gt;", hit.title)
        self.assertIn("<mark>低保</mark>", hit.title)
        self.assertNotIn("<script>", hit.title)

    def test_a_part_of_a_long_word_matches(self):
        make_item(self.agency_a, publish=True, title="中华人民共和国政府信息公开条例解读")
        self.assertEqual(len(self.pks("中华人民共和国")), 1)
        self.assertEqual(len(self.pks("人民")), 1)

    def test_no_query_ever_errors(self):
        for query in HOSTILE:
            with self.subTest(query=query[:20]):
                result = search.search(query, page=10**9)
                self.assertIsInstance(result.total, int)

    def test_the_public_page_never_errors(self):
        for query in HOSTILE:
            with self.subTest(query=query[:20]):
                response = self.client.get(
                    "/xxgk/search/",
                    {"q": query, "year": "x", "category": "'", "page": "-1", "body": query},
                )
                self.assertEqual(response.status_code, 200)

    def test_a_rebuild_is_idempotent(self):
        self.assertEqual(search.rebuild_index(), 3)
        self.assertEqual(search.rebuild_index(), 3)
        self.assertEqual(set(self.pks("低保")), {self.welfare_item.pk, self.other_body.pk})
