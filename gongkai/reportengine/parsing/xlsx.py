"""XLSX → :class:`Line` list: a workbook of the report's tables, sheet by sheet.

Officials hand the tables up as spreadsheets (practice §4.2: 数据报送), and gongkai writes
them as one sheet per table (``gongkai.reports.export.to_xlsx``). Each non-empty row becomes
one Line with its cells, merged ranges expanded as :mod:`.grid` describes (a label spanning
rows or columns is repeated, a value never). A first-column text with nothing else on its row
(the sheet's title, a section heading) is a plain Line, as a paragraph would be.
"""

from __future__ import annotations

import io

from .document import Line
from .grid import is_value, row_line, span_fill


class NotAnXlsx(ValueError):
    """The bytes are not an Excel workbook (no ``xl/workbook.xml``)."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_lines(data: bytes) -> list[Line]:
    """Read every sheet of the workbook in order into Lines."""
    import openpyxl  # imported here: only spreadsheets pay for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign ZIP
        raise NotAnXlsx(str(exc)) from exc
    lines: list[Line] = []
    for sheet in book.worksheets:
        grid = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            top = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    if (r, c) != (merged.min_row - 1, merged.min_col - 1):
                        grid[r][c] = top if c == merged.min_col - 1 else span_fill(top)
        for cells in grid:
            while cells and not cells[-1]:
                cells = cells[:-1]
            if not cells:
                continue
            if len(set(cells)) == 1 and not is_value(cells[0]):  # a title or heading
                lines.append(Line(cells[0]))
            else:
                lines.append(row_line(cells))
    return lines
