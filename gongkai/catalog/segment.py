"""Chinese word segmentation for the search index and for queries (docs/catalog.md, "Search").

Both the indexed text and the query go through the same function, so a word matches whatever
the segmenter makes of it. rjieba (jieba-rs, the Rust port of jieba, same dictionary) was
chosen over jieba after measuring both (bench/segment_bench.py, bench/README.md): about 19×
the throughput, which matters when a million items are indexed. Both load their dictionary on
the first cut (a few hundred milliseconds: rjieba its embedded one, jieba its dict.txt or a
cache file in /tmp), so a new worker's first search pays that once.

``cut_for_search`` also emits the shorter words inside a long one (中华人民共和国 → 中华, 人民,
共和国 …), so a query for a part of a compound still matches.
"""

from __future__ import annotations

import re
import unicodedata

import rjieba

# A token worth indexing: letters, digits or CJK; punctuation and FTS operators never pass.
_WORD = re.compile(r"\w", re.UNICODE)
# Limits enforced before any work (bad input never reaches the segmenter at full size).
MAX_QUERY_CHARS = 100
MAX_QUERY_TOKENS = 12


def normalise(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII), lower case, NUL and controls removed."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in text if ch.isprintable() or ch in " \n\t").lower()


def tokens(text: str) -> list[str]:
    """Search tokens of ``text``: segmented words that contain a letter, digit or CJK char."""
    words = rjieba.cut_for_search(normalise(text))
    return [w for w in (w.strip() for w in words) if w and _WORD.search(w)]


def terms(*texts: str) -> str:
    """The pre-segmented text stored in the index: tokens joined by single spaces."""
    return " ".join(t for text in texts if text for t in tokens(text))


def query_tokens(query: str) -> list[str]:
    """Tokens of a user's query, bounded, deduplicated, each made of word characters only.

    Anything else (quotes, NUL, FTS5 operators such as AND/NEAR/*, ``:``) is dropped here, so
    neither backend ever sees query syntax from the user (Bad input: never an error).
    """
    query = normalise(query[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]
    seen: list[str] = []
    for word in rjieba.cut(query):
        word = "".join(ch for ch in word if _WORD.match(ch) and ch != "_")
        if word and word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_TOKENS]
