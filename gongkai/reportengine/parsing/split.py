"""Recovering cells that a crawler ran together with no separator.

「一、本年新收政府信息公开申请数量21710000218」 is 217|1|0|0|0|0|218: the only cut of the
digits into seven counts whose first six add up to the seventh (reference §3.6 rule 1). The
table's own arithmetic is the only evidence used; where it does not single out one cut, the
caller leaves the cells None (issue 3: "never invent a number").
"""

from __future__ import annotations

from functools import cache
from itertools import product

MAX_CANDIDATES = 64


def _pieces(digits: str, pos: int, count: int, max_len: int, remaining: int):
    """Cuts of ``digits[pos:]`` into ``count`` counts (no leading zeros) adding to ``remaining``."""
    left = len(digits) - pos
    if count == 0:
        if left == 0 and remaining == 0:
            yield ()
        return
    if left < count or left > count * max_len:
        return
    if digits[pos] == "0":
        lengths = (1,)
    else:
        lengths = range(1, min(max_len, left - count + 1) + 1)
    for length in lengths:
        value = int(digits[pos : pos + length])
        if value > remaining:
            break
        for rest in _pieces(digits, pos + length, count - 1, max_len, remaining - value):
            yield (value, *rest)


def group_splits(digits: str, size: int) -> list[tuple[int, ...]]:
    """Every cut of ``digits`` into ``size`` counts whose first ``size-1`` add up to the last.

    Reference §3.6 rule 1 (table 三: 总计 = six applicant columns) and rule 3 (table 四: each
    group's 总计 = its four parts).
    """
    out: list[tuple[int, ...]] = []
    n = len(digits)
    for total_len in range(1, n - size + 2):
        last = digits[n - total_len :]
        if len(last) > 1 and last[0] == "0":
            continue
        total = int(last)
        for parts in _pieces(digits[: n - total_len], 0, size - 1, total_len, total):
            out.append((*parts, total))
            if len(out) > MAX_CANDIDATES:
                return out
    return out


def row_splits(digits: str, groups: int = 1, size: int = 7) -> list[tuple[int, ...]]:
    """Cuts of ``digits`` into ``groups`` consecutive groups of ``size`` (each adding up).

    Table 三 rows are one group of 7; table 四 is three groups of 5. At most
    ``MAX_CANDIDATES + 1`` cuts are returned (more means "ambiguous" to every caller).
    """

    @cache
    def from_pos(pos: int, g: int) -> tuple[tuple[int, ...], ...]:
        if g == groups:
            return ((),) if pos == len(digits) else ()
        found: list[tuple[int, ...]] = []
        last_end = len(digits) - (groups - g - 1) * size
        for end in range(pos + size, last_end + 1):
            heads = group_splits(digits[pos:end], size)
            if not heads:
                continue
            tails = from_pos(end, g + 1)
            for head, tail in product(heads, tails):
                found.append(head + tail)
                if len(found) > MAX_CANDIDATES:
                    return tuple(found)
        return tuple(found)

    return list(from_pos(0, 0))


def exact_splits(digits: str, width: int) -> list[tuple[int, ...]]:
    """Table 二 has no arithmetic: a run of digits is cut only when each digit is one cell."""
    if width == 1:
        return [(int(digits),)]
    if len(digits) == width:
        return [tuple(int(c) for c in digits)]
    return []
