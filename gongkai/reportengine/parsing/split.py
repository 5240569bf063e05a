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


def group_splits(digits: str, size: int) -> list[tuple[int, ...]]:
    """Every cut of ``digits`` into ``size`` counts whose first ``size-1`` add up to the last.

    Reference §3.6 rule 1 (table 三: 总计 = six applicant columns) and rule 3 (table 四: each
    group's 总计 = its four parts). Counts have no leading zeros (except "0" itself). At most
    ``MAX_CANDIDATES + 1`` cuts are returned.
    """
    out: list[tuple[int, ...]] = []
    n = len(digits)
    for total_len in range(1, n - size + 2):
        last = digits[n - total_len :]
        if len(last) > 1 and last[0] == "0":
            continue
        head, total, pieces = digits[: n - total_len], int(last), size - 1
        # Cheap bounds before the exact search: some piece has ceil(len/pieces) digits, and
        # none more than total_len (each part is at most the total).
        longest_min = -(-len(head) // pieces)
        if len(head) < pieces or longest_min > total_len:
            continue
        if longest_min > 1 and total < 10 ** (longest_min - 1):
            continue
        if total > pieces * 10 ** min(total_len, len(head) - pieces + 1):
            continue
        for parts in _pieces(head, pieces, total_len, total):
            out.append((*parts, total))
            if len(out) > MAX_CANDIDATES:
                return out
    return out


def _pieces(digits: str, count: int, max_len: int, total: int) -> tuple[tuple[int, ...], ...]:
    """Cuts of ``digits`` into ``count`` counts of at most ``max_len`` digits adding to ``total``.

    The least and greatest sums any cut of each tail can reach are computed first, so the
    search only enters tails that can still reach the sum left; then it is memoised.
    """
    n = len(digits)
    inf = float("inf")
    # low[c][pos] / high[c][pos]: least / greatest sum of digits[pos:] cut into c counts.
    low = [[inf] * (n + 1) for _ in range(count + 1)]
    high = [[-1] * (n + 1) for _ in range(count + 1)]
    low[0][n] = high[0][n] = 0
    for c in range(1, count + 1):
        for pos in range(n - 1, -1, -1):
            top = 1 if digits[pos] == "0" else min(max_len, n - pos)
            for length in range(1, top + 1):
                nxt = pos + length
                if high[c - 1][nxt] < 0:
                    continue
                value = int(digits[pos:nxt])
                low[c][pos] = min(low[c][pos], value + low[c - 1][nxt])
                high[c][pos] = max(high[c][pos], value + high[c - 1][nxt])

    @cache
    def rest(pos: int, left_count: int, remaining: int) -> tuple[tuple[int, ...], ...]:
        if left_count == 0:
            return ((),) if pos == n and remaining == 0 else ()
        if not low[left_count][pos] <= remaining <= high[left_count][pos]:
            return ()
        found: list[tuple[int, ...]] = []
        top = 1 if digits[pos] == "0" else min(max_len, n - pos)
        for length in range(1, top + 1):
            value = int(digits[pos : pos + length])
            if value > remaining:
                break
            for tail in rest(pos + length, left_count - 1, remaining - value):
                found.append((value, *tail))
                if len(found) > MAX_CANDIDATES:
                    return tuple(found)
        return tuple(found)

    return rest(0, count, total)


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
        first_end = last_end if g == groups - 1 else pos + size  # the last group ends the run
        for end in range(first_end, last_end + 1):
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
