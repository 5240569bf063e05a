"""How one checked report is shown on the checker's pages and the annual report page: the
verdict and the findings in the reader's language (:meth:`Finding.localized` with Django's
``gettext``), repeated findings grouped (:func:`results.grouped`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.reportengine.figures import Severity
from gongkai.reportengine.messages import code_title
from gongkai.reportengine.results import (
    VERDICT_CLEAN,
    VERDICT_ERRORS,
    VERDICT_UNREAD,
    VERDICT_UNREADABLE,
    Outcome,
    grouped,
    verdict,
)

SEVERITY_LABELS = {
    Severity.ERROR: _("错误"),
    Severity.WARNING: _("警告"),
    Severity.NOTICE: _("提示"),
    Severity.UNREAD: _("未能读取"),
}

VERDICT_KEYS = {
    VERDICT_ERRORS: "errors",
    VERDICT_UNREAD: "unread",
    VERDICT_CLEAN: "clean",
    VERDICT_UNREADABLE: "unreadable",
}


def localized(findings) -> list:
    """The findings in the active language (docs/report-checks.md, Languages)."""
    return [f.localized(gettext) for f in findings]


@dataclass
class Row:
    """One line of the findings table: a finding, or a group of findings of one code."""

    label: str
    severity: str
    code: str
    title: str  # the code's meaning in the reader's language
    wheres: list[str]
    message: str
    hint: str

    @property
    def count(self) -> int:
        return len(self.wheres)


@dataclass
class Result:
    """One checked file as the templates show it."""

    outcome: Outcome

    @property
    def figures(self):
        return self.outcome.figures

    @property
    def verdict(self) -> str:
        """The engine's verdict as a key for the template."""
        return VERDICT_KEYS[verdict(self.figures)]

    def findings(self) -> list[Row]:
        rows = []
        for group in grouped(localized(self.figures.findings)):
            title = code_title(group.code)
            rows.append(
                Row(
                    label=SEVERITY_LABELS[group.severity],
                    severity=str(group.severity),
                    code=group.code,
                    title=gettext(title) if title else "",
                    wheres=group.wheres,
                    message=group.messages[0],
                    hint=group.hint,
                )
            )
        return rows

    def totals(self) -> dict[str, object]:
        """The few figures a reader checks first (总计 column of table 三, table 四 totals)."""
        fig = self.figures
        return {
            "received": fig.cell("1", 6),
            "carried_in": fig.cell("2", 6),
            "handled": fig.cell("3.7", 6),
            "carried_out": fig.cell("4", 6),
            "review": fig.table4[4],
            "litigation": (
                None
                if fig.table4[9] is None or fig.table4[14] is None
                else fig.table4[9] + fig.table4[14]
            ),
        }
