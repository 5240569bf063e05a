"""Plain text → lines: the " |" cell-per-line scrape, "|"-separated rows, bare text.

The scrape (seed 000_d4cf2388c7c6da47.txt) prints each table cell on its own line ending with
" |" and pads rows with lines of bare "|"; those padding lines carry no cell. A line with "|"
between its parts is a row with known cell boundaries (Markdown-looking text is read the same
way, so it never breaks this reader; the Markdown reader proper belongs to the readers).
"""

from __future__ import annotations

import re

from .document import Line

_MD_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")


def text_lines(text: str) -> list[Line]:
    """One :class:`Line` per non-empty line; "|" separators become cells."""
    out: list[Line] = []
    for raw in text.splitlines():
        s = raw.strip()
        if not s:
            continue
        if "|" not in s:
            out.append(Line(s))
            continue
        if s[-1] == "|" and s.count("|") == 1:
            # The scrape's usual line: one cell, then " |" (fast path).
            if len(s) > 1:
                out.append(Line(s[:-1].rstrip()))
            continue
        if not s.strip("|").strip():
            continue  # the scrape's row padding
        if _MD_RULE.match(s):
            continue
        body = s
        if body.endswith("|"):
            body = body[:-1]
        if body.startswith("|"):
            body = body[1:]
        parts = [c.strip() for c in body.split("|")]
        if len(parts) == 1:
            out.append(Line(parts[0]))
        else:
            out.append(Line(" ".join(c for c in parts if c), cells=parts))
    return out
