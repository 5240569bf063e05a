"""The numbers of the drafted wording, written and checked from one definition.

Every number the draft writes goes through :func:`say` with a phrase of :data:`PHRASES`
(e.g. ``"予以公开{n}件"``). The same phrase, turned into a pattern, finds the number in the
text as saved — after the clerk's edits — and :func:`check_texts` compares it with the value
the figures and records give now (practice §4.3 consequence 1: "generate the report text's
numbers from the same dataset as the tables"):

* R302 (error): a number in the drafted wording contradicts tables 三/四 (the engine's R301
  covers the plain 收到/结转/复议/诉讼 statements; R302 the outcome rows and 办结/结转下年度);
* R303 (warning): a count from the other records (catalog items, channel posts, fees) differs;
* R304 (error): a placeholder 〔请…〕 of the draft has not been completed.

A sentence that compares with another year is skipped, as R301 does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gongkai.reportengine.checks.common import fmt
from gongkai.reportengine.checks.narrative import COMPARISON, normalise, sentences
from gongkai.reportengine.figures import TEMPLATE_2019, Figures, Severity

from .draft_facts import RecordFacts

# 〔请…〕: the draft's prompts. Not every 〔〕: document numbers use them (国办函〔2020〕109号).
PLACEHOLDER = re.compile(r"〔请[^〕]{0,200}〕")


def _row_total(fig: Figures, *prefixes: str) -> int | float | None:
    """Sum of the 总计 column over table 三 rows starting with one of ``prefixes``."""
    rows = [
        cells[6]
        for rid, cells in fig.table3.items()
        if any(rid == p or rid.startswith(p + ".") for p in prefixes)
        and not (fig.template != TEMPLATE_2019 and rid == "3.6" and "3.6.1" in fig.table3)
    ]
    if any(not isinstance(v, int | float) for v in rows):
        return None
    return sum(rows)


@dataclass(frozen=True)
class Phrase:
    template: str  # "予以公开{n}件"; {n} the number (optionally followed by 余)
    source: str  # "table" (R302) or "records" (R303)
    value: Callable[[Figures, RecordFacts | None], object]
    what: str  # what the number is, for the message

    @property
    def pattern(self) -> re.Pattern:
        before, after = self.template.split("{n}")
        return re.compile(re.escape(before) + r"(?P<n>\d+(?:\.\d+)?)(?P<approx>余)?" +
                          re.escape(after))  # fmt: skip


PHRASES: dict[str, Phrase] = {
    "closed": Phrase("办结{n}件", "table", lambda f, _: _row_total(f, "3.7"), "表三（七）总计"),
    "open": Phrase("予以公开{n}件", "table", lambda f, _: _row_total(f, "3.1"), "表三（一）予以公开"),
    "partly": Phrase("部分公开{n}件", "table", lambda f, _: _row_total(f, "3.2"),
                     "表三（二）部分公开"),
    "withheld": Phrase("不予公开{n}件", "table", lambda f, _: _row_total(f, "3.3"),
                       "表三（三）不予公开"),
    "unable": Phrase("无法提供{n}件", "table", lambda f, _: _row_total(f, "3.4"),
                     "表三（四）无法提供"),
    "not_handled": Phrase("不予处理{n}件", "table", lambda f, _: _row_total(f, "3.5"),
                          "表三（五）不予处理"),
    "other": Phrase("其他处理{n}件", "table", lambda f, _: _row_total(f, "3.6"),
                    "表三（六）其他处理"),
    "forward": Phrase("结转下年度继续办理{n}件", "table", lambda f, _: _row_total(f, "4"),
                      "表三 四、结转下年度继续办理"),
    "items": Phrase("主动公开政府信息{n}条", "records",
                    lambda _f, r: r.published_items if r else None, "政府信息公开目录中本年发布的信息"),
    "posts": Phrase("发布各类信息{n}篇", "records",
                    lambda _f, r: r.posts_total if r else None, "公开渠道登记的本年发布数"),
    "fee_notices": Phrase("发出收费通知{n}件", "records",
                          lambda _f, r: r.fee_notices if r else None, "本年发出的收费通知"),
    "fees": Phrase("收取信息处理费共计{n}元", "records",
                   lambda _f, r: r.fees_collected if r else None, "本年实收信息处理费（元）"),
    "late": Phrase("超期未答复的申请{n}件", "records",
                   lambda _f, r: r.overdue_closed + r.overdue_open if r else None,
                   "平台记录的超期答复申请"),
    "problems": Phrase("自查发现问题{n}个", "records",
                       lambda _f, r: r.problems_found if r else None, "自查记录的问题数"),
}  # fmt: skip


def say(key: str, value, *, approximate: bool = False) -> str:
    """The phrase ``key`` with its number: ``say("open", 3)`` → ``"予以公开3件"``."""
    number = fmt(value) + ("余" if approximate else "")
    return PHRASES[key].template.replace("{n}", number)


@dataclass(frozen=True)
class Mention:
    key: str
    sid: str
    number: float
    quote: str


def mentions(fig: Figures) -> Iterator[Mention]:
    year = str(fig.year) if fig.year else None
    # Longer phrases first, so that 部分公开3件 is not also read as 公开3件.
    ordered = sorted(PHRASES.items(), key=lambda kv: -len(kv[1].template))
    for sid in ("1", "5", "6"):
        text = fig.sections.get(sid)
        if not isinstance(text, str) or not text:
            continue
        for sentence in sentences(normalise(text)):
            if COMPARISON.search(sentence):
                continue
            if year and any(y != year for y in re.findall(r"((?:19|20)\d\d)年", sentence)):
                continue
            taken: list[tuple[int, int]] = []
            for key, phrase in ordered:
                for m in phrase.pattern.finditer(sentence):
                    if any(a <= m.start() < b for a, b in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    yield Mention(key, sid, float(m["n"]), m.group(0))


def check_texts(fig: Figures, facts: RecordFacts | None) -> None:
    """Add R302/R303/R304 to ``fig`` (see the module docstring)."""
    for m in mentions(fig):
        phrase = PHRASES[m.key]
        value = phrase.value(fig, facts)
        if not isinstance(value, int | float) or float(value) == m.number:
            continue
        table = phrase.source == "table"
        fig.add(
            "R302" if table else "R303",
            Severity.ERROR if table else Severity.WARNING,
            f"section{m.sid}",
            f"第{'一二三四五六'[int(m.sid) - 1]}部分“{m.quote}”与{phrase.what}（{fmt(value)}）不一致",
            "正文中的数字应与表格和平台记录一致；可点“按记录起草”重新生成该部分。",
        )
    for sid in ("1", "5", "6"):
        text = fig.sections.get(sid)
        found = PLACEHOLDER.search(text) if isinstance(text, str) else None
        if found:
            fig.add(
                "R304",
                Severity.ERROR,
                f"section{sid}",
                f"第{'一二三四五六'[int(sid) - 1]}部分还有待填写的内容：{found.group(0)}",
                "起草稿中〔〕内为提示，请据实填写后删去括号。",
            )
