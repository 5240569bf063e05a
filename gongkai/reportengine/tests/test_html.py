"""HTML reader: spans expanded into a grid, furniture dropped, encodings (issue 3 item 3)."""

from __future__ import annotations

import unittest
from pathlib import Path

from gongkai.reportengine.figures import Figures
from gongkai.reportengine.parsing.html import decode_html, html_lines
from gongkai.reportengine.render import to_html

FIXTURES = Path(__file__).parent / "fixtures"


def rows(lines):
    return [line.cells for line in lines if line.cells is not None]


def texts(lines):
    return [line.text for line in lines if line.cells is None]


class HtmlGridTestCase(unittest.TestCase):
    def test_it_repeats_a_rowspan_label_on_every_row_it_covers(self):
        page = """<table>
        <tr><td rowspan="3">三、本年度办理结果</td><td rowspan="2">（三）不予公开</td>
            <td>1.属于国家秘密</td><td>4</td></tr>
        <tr><td>2.其他法律行政法规禁止公开</td><td>5</td></tr>
        <tr><td colspan="2">（七）总计</td><td>9</td></tr>
        </table>"""
        self.assertEqual(
            rows(html_lines(page)),
            [
                ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "4"],
                ["三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开", "5"],
                ["三、本年度办理结果", "（七）总计", "（七）总计", "9"],
            ],
        )

    def test_it_never_repeats_a_number_across_a_colspan(self):
        page = """<table><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
        <tr><td>行政许可</td><td colspan="3">550</td></tr></table>"""
        self.assertEqual(
            rows(html_lines(page)),
            [
                ["信息内容", "本年处理决定数量", "本年处理决定数量", "本年处理决定数量"],
                ["行政许可", "550", "", ""],
            ],
        )

    def test_it_counts_a_spanned_label_once_in_the_line_text(self):
        page = '<table><tr><td colspan="3">四、结转下年度继续办理</td><td>0</td><td>0</td></tr></table>'
        line = [ln for ln in html_lines(page) if ln.cells][0]
        self.assertEqual(line.text, "四、结转下年度继续办理 0 0")
        self.assertEqual(len(line.cells), 5)

    def test_it_gives_the_official_table_three_layout_a_full_grid(self):
        fig = Figures.zeros(body="某县人民政府", year=2023)
        fig.table3["3.3.8"] = [1, 2, 3, 4, 5, 6, 21]
        grid = rows(html_lines(to_html(fig)))
        row = next(r for r in grid if "8.属于行政查询事项" in r)
        self.assertEqual(
            row,
            ["三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"]
            + ["1", "2", "3", "4", "5", "6", "21"],
        )
        header = next(r for r in grid if "商业企业" in r)
        self.assertEqual(
            header[3:],
            ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
        )
        self.assertEqual(sum(1 for r in grid if r[0] == "三、本年度办理结果"), 22)
        self.assertTrue(all(len(r) == 10 for r in grid if r[0] == "三、本年度办理结果"))

    def test_it_reads_word_exported_html(self):
        page = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
        <table class=MsoNormalTable border=1><tr>
        <td width=120 rowspan=2><p class=MsoNormal align=center><span>四、结转下年度<span
        lang=EN-US><br></span>继续办理<o:p></o:p></span></p></td>
        <td><p class=MsoNormal><span lang=EN-US>1<o:p></o:p></span></p></td>
        <td><p class=MsoNormal><span lang=EN-US>2</span><span lang=EN-US>3<o:p>&nbsp;</o:p></span>
        </p></td></tr>
        <tr><td>4</td><td><![if !supportMisalignedColumns]>5<![endif]></td></tr></table>
        </body></html>"""
        self.assertEqual(
            rows(html_lines(page.encode("gb2312"))),
            [["四、结转下年度 继续办理", "1", "23"], ["四、结转下年度 继续办理", "4", "5"]],
        )

    def test_it_reads_th_cells_and_thead_tbody(self):
        page = """<table><thead><tr><th>行政复议</th><th>行政诉讼</th></tr></thead>
        <tbody><tr><td>1</td><td>2</td></tr></tbody></table>"""
        self.assertEqual(rows(html_lines(page)), [["行政复议", "行政诉讼"], ["1", "2"]])

    def test_it_turns_nbsp_and_br_inside_cells_into_single_spaces(self):
        page = """<table><tr><td><span>（二）部分公开<br/>（区分处理的）</span></td>
        <td>&nbsp;12&nbsp;</td><td><p>3</p></td></tr></table>"""
        self.assertEqual(rows(html_lines(page)), [["（二）部分公开 （区分处理的）", "12", "3"]])

    def test_it_reads_a_layout_table_as_a_container_of_the_report_table(self):
        page = """<table class="main"><tr><td><p>标题：某县2023年报告</p>
        <table><tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr></table>
        </td></tr></table>"""
        lines = html_lines(page)
        self.assertEqual(texts(lines), ["标题：某县2023年报告"])
        self.assertEqual(rows(lines), [["规章", "1", "2", "3"]])


class HtmlFurnitureTestCase(unittest.TestCase):
    PAGE = """<html><head><title>某县2023年政府信息公开工作年度报告</title>
    <script>var x = "一、总体情况";</script><style>p {color: red}</style></head>
    <body><div class="nav">首页 政务公开</div>
    <div class="breadcrumb">当前位置：首页 &gt; 年报</div>
    <div class="info">发布时间：2024-01-19&nbsp;&nbsp;来源：某县人民政府</div>
    <div id="zoom"><p>一、总体情况</p><p>第一段<br>第二段</p></div>
    <footer>版权所有 苏ICP备05001234号</footer>
    <div class="footer">网站标识码 3208130001</div></body></html>"""

    def test_it_keeps_the_title_first_and_the_publication_date(self):
        lines = texts(html_lines(self.PAGE))
        self.assertEqual(lines[0], "某县2023年政府信息公开工作年度报告")
        self.assertIn("发布时间：2024-01-19 来源：某县人民政府", lines)

    def test_it_drops_navigation_scripts_styles_and_footer(self):
        joined = "\n".join(texts(html_lines(self.PAGE)))
        for furniture in ("首页 政务公开", "当前位置", "var x", "color: red", "ICP", "网站标识码"):
            self.assertNotIn(furniture, joined)

    def test_it_splits_paragraphs_at_br(self):
        self.assertEqual(texts(html_lines(self.PAGE))[-3:], ["一、总体情况", "第一段", "第二段"])

    def test_it_reads_the_report_when_it_sits_in_a_container_named_like_furniture(self):
        page = '<div class="side-content"><table><tr><td>规章</td><td>7</td></tr></table></div>'
        self.assertEqual(rows(html_lines(page)), [["规章", "7"]])


class HtmlEncodingTestCase(unittest.TestCase):
    BODY = "<p>收到和处理政府信息公开申请情况</p>"

    def page(self, charset):
        return f'<html><head><meta charset="{charset}"></head><body>{self.BODY}</body></html>'

    def test_it_decodes_a_page_declared_gbk(self):
        data = self.page("gbk").encode("gbk")
        self.assertEqual(texts(html_lines(data)), ["收到和处理政府信息公开申请情况"])

    def test_it_reads_gb2312_pages_that_use_gbk_only_characters(self):
        # 「镕」 is in GBK but not in GB2312: pages declare gb2312 and use it anyway.
        data = self.page("gb2312").replace("申请", "镕").encode("gbk")
        self.assertEqual(texts(html_lines(data)), ["收到和处理政府信息公开镕情况"])

    def test_it_reads_the_old_http_equiv_meta(self):
        data = (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=GB2312">'
            f"</head><body>{self.BODY}</body></html>"
        ).encode("gb2312")
        self.assertEqual(decode_html(data).count("收到和处理"), 1)

    def test_it_sniffs_an_undeclared_gbk_page(self):
        data = f"<html><body>{self.BODY}</body></html>".encode("gbk")
        self.assertEqual(texts(html_lines(data)), ["收到和处理政府信息公开申请情况"])

    def test_it_trusts_a_utf8_bom_over_a_wrong_declaration(self):
        data = b"\xef\xbb\xbf" + self.page("gbk").encode("utf-8")
        self.assertEqual(texts(html_lines(data)), ["收到和处理政府信息公开申请情况"])

    def test_it_reads_an_xhtml_page_with_an_xml_declaration(self):
        data = ('<?xml version="1.0" encoding="utf-8"?>' + self.page("utf-8")).encode()
        self.assertEqual(texts(html_lines(data)), ["收到和处理政府信息公开申请情况"])

    def test_it_returns_no_lines_for_an_empty_page(self):
        self.assertEqual(html_lines(b"   "), [])


class HtmlFixtureTestCase(unittest.TestCase):
    def test_it_reads_the_gbk_portal_fixture_with_every_table_three_row(self):
        lines = html_lines((FIXTURES / "html_portal_gbk_2023.html").read_bytes())
        self.assertIn("发布时间：2024-01-26", " ".join(texts(lines)))
        grid = rows(lines)
        outcome_rows = [r for r in grid if r and r[0].replace(" ", "") == "三、本年度办理结果"]
        self.assertEqual(len(outcome_rows), 22)
        self.assertNotIn("ICP", " ".join(texts(lines)))
        self.assertEqual(texts(lines)[0], "盱眙县财政局2023年政府信息公开工作年度报告")
