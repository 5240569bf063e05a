"""Number tokens: normalising a line and reading the cells at its end.

Every form reduces a table row to "label text, then the cells". Cells are read from the END of
a line (a PDF row is ``label 3001 53 0 0 61 4 3119``; a vertical heading character or a group
label may stand before the label, never after the numbers), so the label's own ordinal
("1.属于国家秘密") is never taken for a number.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .document import Line

# --- Normalisation ---------------------------------------------------------------------------

# NFKC folds full-width digits, brackets, commas and colons to ASCII (「３，１１９」→ "3,119",
# 「（一）」→ "(一)"); these are the few it leaves that matter to us.
_EXTRA = str.maketrans(
    {
        "〔": "(",
        "〕": ")",
        "【": "(",
        "】": ")",
        "．": ".",
        "－": "-",
        "‐": "-",
        "−": "-",
        "\u00a0": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)
_WS = re.compile(r"\s+")


@lru_cache(maxsize=8192)  # cells and labels repeat across rows and reports: "0", row labels
def norm(text: str) -> str:
    """The line folded to ASCII digits and brackets, runs of whitespace as one space."""
    if text.isascii():
        return _WS.sub(" ", text).strip() if "  " in text or "\t" in text else text.strip()
    return _WS.sub(" ", unicodedata.normalize("NFKC", text).translate(_EXTRA)).strip()


def squeeze(text: str) -> str:
    """A normalised label with every space removed (「三、 本年 度办 理结 果」 → 「三、本年度办理结果」)."""
    return text.replace(" ", "")


# --- Tokens ----------------------------------------------------------------------------------

NUM = "n"  # a number
BLANK = "b"  # the publication left the cell empty or printed "/", "—", "-", "无"
BAD = "x"  # something stands in a cell that is not a number (e.g. "1O", "?")

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_BLANK_TOKEN = re.compile(r"(?:/+|[-—–―~]+|无|空|none|null|n/a)", re.IGNORECASE)
_BAD_TOKEN = re.compile(r"(?=.*\d)[\dOolI|,.]+|[?*×xX]+")
_GLUED_DIGITS = re.compile(r"^(.*?[^\d,.\s+-])(\d[\d,]*(?:\.\d+)?)$")


_COUNT_UNITS = frozenset("件个项次条宗人")


class Tok:
    """One cell: ``kind`` is NUM, BLANK or BAD; ``value`` the number; ``text`` as printed."""

    __slots__ = ("kind", "value", "text")

    def __init__(self, kind: str, value, text: str):
        self.kind = kind
        self.value = value
        self.text = text

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Tok({self.kind},{self.text!r})"

    @property
    def digits(self) -> str | None:
        """The token as a bare digit string, when it could be several cells run together."""
        return self.text if self.kind == NUM and self.text.isdigit() else None


def number(text: str) -> int | float | None:
    """The value of a number token (「3,119」 → 3119, 「96171.6」 → 96171.6), else None."""
    if not _NUMBER.fullmatch(text):
        return None
    clean = text.replace(",", "").lstrip("+")
    if "." in clean:
        value = float(clean)
        return int(value) if value.is_integer() and not clean.endswith(".0") else value
    return int(clean)


@lru_cache(maxsize=8192)  # pure; the returned Tok is never mutated, so sharing it is safe
def token(text: str) -> Tok | None:
    """A cell token for ``text`` (already normalised), or None if it is label text."""
    if text == "":
        return Tok(BLANK, None, "")
    value = number(text)
    if value is not None:
        return Tok(NUM, value, text)
    if _BLANK_TOKEN.fullmatch(text):
        return Tok(BLANK, None, text)
    if _BAD_TOKEN.fullmatch(text):
        return Tok(BAD, None, text)
    if text[-1] in _COUNT_UNITS and len(text) > 1:
        # 「550件」: a count with its unit. Money units are never stripped (3940元 in a 万元
        # column is not 3940).
        value = number(text[:-1])
        if value is not None:
            return Tok(NUM, value, text[:-1])
    return None


def run_together(tok: Tok, width: int) -> bool:
    """Whether a lone token where ``width`` cells belong is those cells run together.

    A row of several cells printed as one digit string (「0000000」, 「21710000218」) is
    crawler text without separators (issue 3); the caller recovers the cut or leaves the
    cells None.
    """
    d = tok.digits
    return d is not None and width > 1 and len(d) >= width


class Split:
    """A line cut into label text (spaces removed) and the cell tokens that end it."""

    __slots__ = ("label", "toks", "glued", "raw")

    def __init__(self, label: str, toks: list[Tok], glued: bool, raw: str):
        self.label = label
        self.toks = toks
        self.glued = glued  # the only token was stuck to the label without a space
        self.raw = raw


def split_text(text: str) -> Split:
    """Cut a normalised line into its label and its trailing cells.

    Tokens are read from the end while they look like cells; the rest is the label. A label
    that ends in digits with no space (「…申请数量21710000218」) gives those digits as one
    glued token, for the run-together recovery.
    """
    parts = text.split(" ") if text else []
    if len(parts) > 1 and parts[-1] in _COUNT_UNITS and number(parts[-2]) is not None:
        parts.pop()  # 「12 件」
    toks: list[Tok] = []
    i = len(parts)
    while i > 0:
        tok = token(parts[i - 1])
        if tok is None or (tok.kind == BLANK and tok.text == ""):
            break
        toks.append(tok)
        i -= 1
    toks.reverse()
    label = "".join(parts[:i])
    glued = False
    if label:
        m = _GLUED_DIGITS.match(label)
        value = number(m.group(2)) if m and not m.group(1).endswith(("第", "共")) else None
        if value is not None and (not toks or i == len(parts) - len(toks)):
            # 「…申请数量21710000218」 (one glued run), or a flattened row's first cell stuck
            # to its label: 「…总计0 3 3 0 6」.
            label, glued = m.group(1), not toks
            toks.insert(0, Tok(NUM, value, m.group(2)))
    return Split(label, toks, glued, text)


def split_cells(cells: list[str], raw: str) -> Split:
    """Like :func:`split_text` for a row whose cell boundaries a reader knows.

    Empty cells inside the values are publication blanks; the label is the non-value cells
    joined (repeated spans are harmless: labels are matched by keywords).
    """
    normed = [norm(c) for c in cells]
    toks: list[Tok] = []
    i = len(normed)
    while i > 0:
        tok = token(normed[i - 1])
        if tok is None:
            tok = token(normed[i - 1].replace(" ", ""))
        if tok is None:
            break
        toks.append(tok)
        i -= 1
    toks.reverse()
    label = squeeze("".join(normed[:i]))
    # Empty cells stay: a row of empty cells is a row the publication left blank. Padding
    # beyond the row's width is trimmed where the width is known (align._trim).
    glued = False
    if not toks and label:
        m = _GLUED_DIGITS.match(label)
        value = number(m.group(2)) if m else None
        if value is not None:
            label, toks, glued = m.group(1), [Tok(NUM, value, m.group(2))], True
    return Split(label, toks, glued, raw)


def split_line(line: Line, text: str) -> Split:
    """Split a :class:`Line` (normalised ``text``) using its cells when the reader gave them."""
    if line.cells is not None and len(line.cells) > 1:
        return split_cells(line.cells, text)
    s = split_text(text)
    s.label = squeeze(s.label)
    return s
