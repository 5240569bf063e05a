"""信息处理费 arithmetic (国办函〔2020〕109号《政府信息公开信息处理费管理办法》), pure Python.

Reference §2.1 (the confirmed tiers), §2.3 and §6.2 (the arithmetic):

* Art. 3: per application (按件) or per volume (按量), each "按照超额累进方式计算"; one method per
  application, never both.
* Art. 4, 按件: the same applicant's cumulative applications in one natural month: 1-10 free,
  11-30 100 元/件, from the 31st "以10件为一档，每增加一档，收费标准提高100元/件" (DERIVED reading:
  31-40 200, 41-50 300, …, reference §2.3). One application with several matters may be split
  "一事一申请" into units.
* Art. 5, 按量 (paper, e-mail, electronic copies): 1-30 pages free, 31-100 10 元/页, 101-200
  20 元/页, 201 and above 40 元/页; per application (no monthly accumulation, reference §2.2).
"""

from __future__ import annotations

from dataclasses import dataclass

BASIS = "国办函〔2020〕109号"

# (first unit, last unit or None, 元 per unit)
PER_CASE_FREE_UNITS = 10  # Art. 4(一): 10件以下（含10件）不收费
PER_CASE_SECOND_TIER = (11, 30, 100)  # Art. 4(二)
PER_CASE_STEP = 10  # Art. 4(三): 以10件为一档
PER_CASE_STEP_INCREASE = 100  # 每增加一档，收费标准提高100元/件
PER_VOLUME_TIERS = ((1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40))  # Art. 5


@dataclass(frozen=True)
class Part:
    first: int
    last: int
    rate: int

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> int:
        return self.count * self.rate


@dataclass(frozen=True)
class Fee:
    method: str  # "per_case" | "per_volume"
    parts: tuple[Part, ...]

    @property
    def amount(self) -> int:
        return sum(p.amount for p in self.parts)

    def lines(self) -> list[str]:
        """Each tier's part in Chinese, as the fee notice and the CLI print them."""
        unit = "件" if self.method == "per_case" else "页"
        return [
            f"第 {p.first}—{p.last} {unit}：{p.count} {unit} × {p.rate} 元 = {p.amount} 元"
            for p in self.parts
        ]


def per_case_rate(k: int) -> int:
    """元 for the k-th application of the applicant's natural month (109号 Art. 4; §2.3)."""
    if k <= PER_CASE_FREE_UNITS:
        return 0
    first, last, rate = PER_CASE_SECOND_TIER
    if k <= last:
        return rate
    return rate + PER_CASE_STEP_INCREASE * (1 + (k - last - 1) // PER_CASE_STEP)


def _check(n: int, what: str, *, minimum: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < minimum:
        raise ValueError(f"{what}应为不小于 {minimum} 的整数")


def per_case_fee(units: int, already: int = 0) -> Fee:
    """按件 (109号 Art. 4): ``units`` now, ``already`` received from the same applicant earlier in
    the same natural month (by receipt date, 条例 Art. 31); progressive over the month's count."""
    _check(units, "件数", minimum=1)
    _check(already, "本月已申请件数", minimum=0)
    parts: list[Part] = []
    for k in range(already + 1, already + units + 1):
        rate = per_case_rate(k)
        if parts and parts[-1].rate == rate:
            parts[-1] = Part(parts[-1].first, k, rate)
        else:
            parts.append(Part(k, k, rate))
    return Fee("per_case", tuple(parts))


def per_volume_fee(pages: int) -> Fee:
    """按量 (109号 Art. 5): progressive over the pages of one application."""
    _check(pages, "页数", minimum=1)
    parts = []
    for first, last, rate in PER_VOLUME_TIERS:
        if pages < first:
            break
        parts.append(Part(first, pages if last is None else min(last, pages), rate))
    return Fee("per_volume", tuple(parts))
