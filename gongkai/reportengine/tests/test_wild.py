"""The wild corpus (``wildcorpus``): every real report reads as hand-read, with no false error.

Reports the engine cannot read yet are listed in ``WILD_KNOWN_UNREAD`` with the reason. They
are not skipped: the test asserts that each of them still fails, so a report that starts to
read right fails the suite until its name is taken out of the list (the list only shrinks).
"""

from __future__ import annotations

import unittest

from gongkai.reportengine.tests.wildcorpus import WILD, arithmetic_errors, read, reports

# File name -> why it does not read as hand-read today. Shrink it; never add a silent skip.
WILD_KNOWN_UNREAD: dict[str, str] = {}


class WildCorpusTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reports = reports()
        cls.outcomes = {r.name: read(r) for r in cls.reports}

    def test_it_has_every_report_file_and_an_index_line_for_each_wild_one(self):
        self.assertGreaterEqual(len(self.reports), 4)
        index = (WILD / "INDEX.md").read_text(encoding="utf-8")
        for report in self.reports:
            with self.subTest(report.name):
                self.assertTrue(report.path.is_file(), f"missing report file {report.path}")
                self.assertIn(report.expected["template"], ("2019", "2021"))
                if report.expected_path.parent == WILD:
                    self.assertIn(f"`{report.name}`", index)

    def test_it_has_hand_read_figures_whose_arithmetic_fails_only_at_the_known_errors(self):
        for report in self.reports:
            known = {w for w in report.known_wheres() if w.startswith("table")}
            with self.subTest(report.name):
                self.assertEqual(arithmetic_errors(report), known)

    def test_it_reads_every_wild_report_as_hand_read(self):
        for report in self.reports:
            if report.name in WILD_KNOWN_UNREAD:
                continue
            outcome = self.outcomes[report.name]
            with self.subTest(report.name):
                self.assertTrue(outcome.passes, outcome.summary())
                self.assertEqual(outcome.score.wrong_where, [])

    def test_it_still_fails_on_every_known_unread_report(self):
        for name, reason in WILD_KNOWN_UNREAD.items():
            with self.subTest(name):
                self.assertIn(name, self.outcomes, f"{name} is listed but not in the corpus")
                self.assertFalse(
                    self.outcomes[name].passes,
                    f"{name} now reads as hand-read: remove it from WILD_KNOWN_UNREAD ({reason})",
                )


if __name__ == "__main__":  # pragma: no cover
    unittest.main()
