"""The generated corpus and the fixtures: zero wrong numbers, every deliberate error found."""

from __future__ import annotations

import json
import unittest
from pathlib import Path

from gongkai.reportengine.corpus import FORMS, Score, generate, random_figures, score
from gongkai.reportengine.figures import Figures, Severity

FIXTURES = Path(__file__).parent / "fixtures"
READERS_PREFIXES = ("html_", "md_", "docx_", "gen_")


def fixtures():
    for expected in sorted(FIXTURES.glob("*.expected.json")):
        name = expected.name[: -len(".expected.json")]
        if name.startswith(READERS_PREFIXES):
            yield FIXTURES / name, json.loads(expected.read_text(encoding="utf-8"))


class GeneratorTestCase(unittest.TestCase):
    def test_it_generates_consistent_figures(self):
        import random

        rng = random.Random(5)
        for _ in range(50):
            fig = random_figures(rng)
            for row in fig.table3.values():
                self.assertEqual(row[6], sum(row[:6]))
                self.assertTrue(all(isinstance(v, int) and v >= 0 for v in row))
            outcome = [r for r in fig.table3 if r.startswith("3.") and r != "3.7"]
            for c in range(7):
                self.assertEqual(fig.table3["3.7"][c], sum(fig.table3[r][c] for r in outcome))
                self.assertEqual(
                    fig.table3["1"][c] + fig.table3["2"][c],
                    fig.table3["3.7"][c] + fig.table3["4"][c],
                )
            for g in range(3):
                self.assertEqual(fig.table4[g * 5 + 4], sum(fig.table4[g * 5 : g * 5 + 4]))
            self.assertIn(f"共收到政府信息公开申请{fig.table3['1'][6]}件", fig.sections["1"])

    def test_it_is_reproducible_from_its_seed(self):
        first = [(s.name, s.truth.to_json()) for s in generate(2, seed=9, forms=("markdown",))]
        again = [(s.name, s.truth.to_json()) for s in generate(2, seed=9, forms=("markdown",))]
        self.assertEqual(first, again)

    def test_score_counts_wrong_numbers_and_none_with_findings(self):
        truth = Figures.zeros(year=2023)
        parsed = Figures.zeros(year=2023)
        parsed.table3["1"][0] = 5
        parsed.table3["2"][0] = None
        parsed.add("P010", Severity.WARNING, "table3.2[0]", "空")
        parsed.table4[3] = None
        result = score(parsed, truth)
        self.assertEqual((result.cells, result.wrong), (10 + 175 + 15, 1))
        self.assertEqual((result.none_with_finding, result.none_without_finding), (1, 1))
        self.assertEqual(result.correct, 200 - 3)


class CorpusReadTestCase(unittest.TestCase):
    def test_it_reads_a_generated_corpus_with_no_wrong_number(self):
        from gongkai.reportengine.parsing import parse_report

        total = Score()
        for sample in generate(3, seed=31, forms=FORMS):
            total.add(score(parse_report(sample.data, name=sample.name), sample.truth, sample.name))
        self.assertEqual(total.wrong_where, [])
        self.assertEqual(total.none_without_finding, 0)
        self.assertGreater(total.share, 0.95)

    def test_it_reads_every_fixture_with_no_wrong_number(self):
        from gongkai.reportengine.parsing import parse_report

        for path, expected in fixtures():
            with self.subTest(fixture=path.name):
                truth = Figures.from_dict(expected["truth"])
                result = score(parse_report(path), truth, path.name)
                self.assertEqual(result.wrong_where, [])
                self.assertEqual(result.none_without_finding, 0)

    def test_it_finds_each_deliberate_error_and_nothing_wrong_in_clean_fixtures(self):
        from gongkai.reportengine.checks import analyse
        from gongkai.reportengine.parsing import parse_report

        for path, expected in fixtures():
            with self.subTest(fixture=path.name):
                fig = analyse(parse_report(path))
                wheres = [f.where for f in fig.findings if f.severity != Severity.UNREAD]
                for where in expected["expect"]:
                    self.assertTrue(
                        any(w == where or w.startswith(where) for w in wheres),
                        f"{where} not in {wheres}",
                    )
                if not expected["expect"]:
                    self.assertEqual([f for f in fig.findings if f.severity == Severity.ERROR], [])
