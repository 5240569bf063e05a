"""Load or refresh the directory of bodies from a CSV file (``gongkai import_bodies``).

The command only opens the file; everything else is here. Format: docs/agencies.md.

1. Read: UTF-8 with or without BOM; a file that cannot be read at all raises FileRefused with
   one line.
2. Check every row on its own (name, kind, USCC, e-mail, website, lengths — through the model's
   own validators) and then the rows together (duplicates, parents, cycles, clashes with bodies
   already in the database). Every problem is collected with its line number.
3. Any problem: RowsRefused with all of them, and nothing is written. Otherwise all rows are
   written in one transaction, parents before children, each body found by its USCC or, when
   it has none, by its name.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from stdnum.cn import uscc as stdnum_uscc

from .models import Agency, validate_uscc

# CSV column -> model field. The order is the documented order of the columns.
COLUMNS = {
    "name": "name",
    "short_name": "short_name",
    "kind": "kind",
    "parent": "parent",
    "uscc": "uscc",
    "office_name": "office_name",
    "address": "address",
    "hours": "office_hours",
    "phone": "phone",
    "fax": "fax",
    "email": "email",
    "website": "website",
    "slug": "slug",  # optional; derived from the USCC (or the name) when absent
}
REQUIRED_COLUMNS = ("name", "kind")
SLUG_MAX = Agency._meta.get_field("slug").max_length
# Levels of bodies (国务院部门 → 省 → 市 → 县 → 乡 → 村 is six). The materialised path must
# fit its column (255 characters: 25 levels of pks up to 9 digits) and PostgreSQL's index.
MAX_DEPTH = 25
# Fields a row sets as given (a blank cell clears them): the file is the truth for these.
PLAIN_FIELDS = ("name", "short_name", "kind", *Agency.GUIDE_FIELDS)


class FileRefused(Exception):
    """The file as a whole cannot be read; the message is one line in Chinese."""


class RowsRefused(Exception):
    """Some rows are bad; ``errors`` holds one Chinese line per problem, with line numbers."""

    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} 处错误")
        self.errors = errors


@dataclass
class Row:
    line: int
    values: dict[str, str]
    kind: str = ""
    uscc: str = ""
    parent_ref: str = ""
    parent_row: Row | None = None
    parent_agency: Agency | None = None
    existing: Agency | None = None
    slug: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.values.get("name", "")

    def error(self, message: str) -> None:
        self.errors.append(f"第 {self.line} 行：{message}")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"新建 {self.created}，更新 {self.updated}，未变 {self.unchanged}"


def import_bodies(path: str | Path) -> ImportResult:
    rows = read_rows(path)
    errors = check_rows(rows)
    if errors:
        raise RowsRefused(errors)
    return write_rows(rows)


# -- 1. reading ---------------------------------------------------------------------------------


def read_rows(path: str | Path) -> list[Row]:
    path = Path(path)
    if not path.is_file():
        raise FileRefused(f"找不到文件：{path}")
    data = path.read_bytes()
    if not data.strip():
        raise FileRefused(f"文件为空：{path}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if b"\0" not in data:
            try:
                data.decode("gb18030")
            except UnicodeDecodeError:
                pass
            else:
                raise FileRefused(
                    f"文件不是 UTF-8 编码（看起来是 GBK/GB18030）：{path}；请另存为 UTF-8 后再导入"
                ) from None
        raise FileRefused(f"不是 UTF-8 编码的 CSV 文本文件：{path}") from None
    if "\0" in text:
        raise FileRefused(f"不是 CSV 文本文件（含有二进制内容）：{path}")

    # strict: a quote left open runs to the end of the file instead of swallowing it silently.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    record_start = 1  # the line the record being read starts on
    try:
        header = [cell.strip().lower() for cell in next(reader)]
        columns = _check_header(header)
        rows = []
        record_start = reader.line_num + 1
        for cells in reader:
            line = record_start
            record_start = reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # blank lines are allowed anywhere
            row = Row(line=line, values={})
            if len(cells) > len(columns):
                row.error(f"有 {len(cells)} 列，多于表头的 {len(columns)} 列（是否少了引号？）")
            row.values = {col: cell.strip() for col, cell in zip(columns, cells, strict=False)}
            rows.append(row)
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise FileRefused(
                f'第 {record_start} 行：引号没有闭合（该行有一个以英文引号 " 开始的单元格，'
                "直到文件末尾也没有结束的引号）"
            ) from None
        raise FileRefused(f"第 {reader.line_num} 行：CSV 格式错误：{exc}") from None
    if not rows:
        raise FileRefused(f"文件只有表头，没有数据行：{path}")
    return rows


def _check_header(header: list[str]) -> list[str]:
    known = "、".join(COLUMNS)
    missing = [col for col in REQUIRED_COLUMNS if col not in header]
    if missing:
        raise FileRefused(
            f"不是机关名录 CSV：第 1 行缺少列 {'、'.join(missing)}（第 1 行应为列名：{known}）"
        )
    unknown = [col for col in header if col and col not in COLUMNS]
    if unknown:
        raise FileRefused(f"第 1 行：未知的列「{'、'.join(unknown)}」（可用的列：{known}）")
    repeated = sorted({col for col in header if col and header.count(col) > 1})
    if repeated:
        raise FileRefused(f"第 1 行：列「{'、'.join(repeated)}」出现了不止一次")
    return header


# -- 2. checking --------------------------------------------------------------------------------

_KINDS = {
    **{value: value for value in Agency.Kind.values},
    **{str(label): value for value, label in Agency.Kind.choices},
    "县级市人民政府": Agency.Kind.COUNTY,
    "市辖区人民政府": Agency.Kind.COUNTY,
}


def check_rows(rows: list[Row]) -> list[str]:
    """Check every row, then the rows together; return all error lines (empty when fine)."""
    for row in rows:
        _check_row(row)
    _check_together(rows)
    errors = [error for row in rows for error in row.errors]
    return sorted(errors, key=lambda e: int(e.split(" ")[1]))


def _check_row(row: Row) -> None:
    values = row.values
    if not row.name:
        row.error("名称（name）不能为空")
    kind = values.get("kind", "")
    row.kind = _KINDS.get(kind) or _KINDS.get(kind.lower(), "")
    if not row.kind:
        labels = "、".join(str(label) for label in Agency.Kind.labels)
        row.error(f"未知的机关类别「{kind}」（可用：{labels}）" if kind else "类别（kind）不能为空")
    if values.get("uscc"):
        row.uscc = stdnum_uscc.compact(values["uscc"])
        try:
            validate_uscc(row.uscc)
        except ValidationError as exc:
            row.error(exc.messages[0])
    if values.get("slug"):
        try:
            validate_slug(values["slug"])
        except ValidationError:
            row.error(f"网址标识（slug）「{values['slug']}」只能包含字母、数字、连字符和下划线")
        if len(values["slug"]) > SLUG_MAX:
            row.error(f"网址标识（slug）「{values['slug']}」过长（最多 {SLUG_MAX} 个字符）")
    row.parent_ref = values.get("parent", "")
    # The model's own validators check lengths, e-mail and website, with Django's messages.
    probe = Agency(**{f: values.get(col, "") for col, f in COLUMNS.items() if f in PLAIN_FIELDS})
    probe.kind = row.kind or Agency.Kind.OTHER
    try:
        # Uniqueness is checked for all rows at once (_check_together), never a query per row.
        probe.full_clean(
            exclude=["name", "kind", "parent", "slug", "uscc"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for field_name, messages in exc.message_dict.items():
            label = Agency._meta.get_field(field_name).verbose_name
            column = next(c for c, f in COLUMNS.items() if f == field_name)
            for message in messages:
                row.error(f"{label}（{column}）：{message}")
    if len(row.name) > Agency._meta.get_field("name").max_length:
        row.error(f"名称过长（最多 {Agency._meta.get_field('name').max_length} 个字）")


def _check_together(rows: list[Row]) -> None:
    by_name: dict[str, Row] = {}
    by_uscc: dict[str, Row] = {}
    for row in rows:
        if row.name in by_name:
            row.error(f"名称「{row.name}」与第 {by_name[row.name].line} 行重复")
        elif row.name:
            by_name[row.name] = row
        if row.uscc in by_uscc:
            row.error(f"统一社会信用代码 {row.uscc} 与第 {by_uscc[row.uscc].line} 行重复")
        elif row.uscc:
            by_uscc[row.uscc] = row

    db_by_uscc = {a.uscc: a for a in Agency.objects.exclude(uscc="")}
    db_by_name = {a.name: a for a in Agency.objects.all()}
    for row in rows:
        _match_existing(row, db_by_uscc, db_by_name)
    _check_renames(rows, db_by_name)
    for row in rows:
        _resolve_parent(row, by_name, by_uscc, db_by_uscc, db_by_name)
    _check_cycles(rows)
    _check_tree(rows)
    _check_slugs(rows)


def _check_tree(rows: list[Row]) -> None:
    """Where each row lands in the hierarchy, found once per row (memoised walks):

    * a body already in the system may not end up below one of its own descendants (the rule
      of Agency.clean): its nearest ancestor outside the file must not lie in its subtree;
    * no body may lie deeper than MAX_DEPTH levels (the first row of a branch past it is named).
    """
    if any(row.errors for row in rows):
        return  # cycles or unknown parents: the walk below assumes a clean tree
    outside: dict[int, Agency | None] = {}
    level: dict[int, int] = {}
    for start in rows:
        chain, current = [], start
        while current is not None and id(current) not in level:
            chain.append(current)
            current = current.parent_row
        for row in reversed(chain):
            if row.parent_row is None:
                outside[id(row)] = row.parent_agency
                # A stored body's level from its path: "/1/4/" is level 1.
                above = row.parent_agency.path.count("/") - 2 if row.parent_agency else -1
                level[id(row)] = above + 1
            else:
                outside[id(row)] = outside[id(row.parent_row)]
                level[id(row)] = level[id(row.parent_row)] + 1
    for row in rows:
        ancestor = outside[id(row)]
        if row.existing and ancestor and ancestor.path.startswith(row.existing.path):
            row.error(f"上级机关不能是本机关的下级机关（「{ancestor.name}」在本机关之下）")
        if level[id(row)] == MAX_DEPTH:
            row.error(
                f"层级过深：本行是第 {MAX_DEPTH + 1} 级，最多 {MAX_DEPTH} 级"
                "（其下各行同样过深，不再逐行列出）"
            )


def _final_slug(row: Row) -> str:
    """The slug the body will have: the row's, else the one it has, else the derived one."""
    if row.values.get("slug"):
        return row.values["slug"]
    if row.existing and row.existing.slug:
        return row.existing.slug
    return Agency(name=row.name, uscc=row.uscc).default_slug()


def _check_slugs(rows: list[Row]) -> None:
    """Slugs are unique: within the file and against the bodies not in it (named, with the
    line or the body that has it)."""
    db_by_slug = dict(Agency.objects.values_list("slug", "pk"))
    names = dict(Agency.objects.values_list("pk", "name"))
    mine = {row.existing.pk for row in rows if row.existing}
    by_slug: dict[str, Row] = {}
    for row in rows:
        row.slug = _final_slug(row)
        if row.errors and not row.values.get("slug"):
            continue  # a derived slug clashes because the name or USCC does: said already
        if row.slug in by_slug:
            row.error(f"网址标识（slug）「{row.slug}」与第 {by_slug[row.slug].line} 行重复")
            continue
        by_slug[row.slug] = row
        holder = db_by_slug.get(row.slug)
        if holder is not None and holder not in mine:
            row.error(f"网址标识（slug）「{row.slug}」已被系统中的「{names[holder]}」使用")


def _match_existing(row: Row, db_by_uscc: dict, db_by_name: dict) -> None:
    """Key: the USCC; a body without one is found by its name."""
    if row.uscc and row.uscc in db_by_uscc:
        row.existing = db_by_uscc[row.uscc]
        return
    named = db_by_name.get(row.name)
    if named is None:
        return
    if row.uscc and named.uscc:
        row.error(
            f"名称「{row.name}」在系统中已属于统一社会信用代码为 {named.uscc} 的机关，"
            f"与本行的 {row.uscc} 不符"
        )
        return
    row.existing = named


def _check_renames(rows: list[Row], db_by_name: dict) -> None:
    """A body found by its USCC may be renamed, but not onto another body's name."""
    matched = {row.existing.pk for row in rows if row.existing}
    for row in rows:
        other = db_by_name.get(row.name)
        if row.existing and other and other.pk != row.existing.pk:
            row.error(f"名称「{row.name}」已被系统中的另一机关使用")
        elif not row.existing and other and other.pk in matched:
            row.error(f"名称「{row.name}」已被本文件中改名的机关使用")


def _resolve_parent(row: Row, by_name, by_uscc, db_by_uscc, db_by_name) -> None:
    ref = row.parent_ref
    if not ref:
        return
    compact = stdnum_uscc.compact(ref)
    row.parent_row = by_uscc.get(compact) or by_name.get(ref)
    if row.parent_row is None:
        row.parent_agency = db_by_uscc.get(compact) or db_by_name.get(ref)
        if row.parent_agency is None:
            row.error(f"找不到上级机关「{ref}」（既不在本文件中，也不在系统中）")
    elif row.parent_row is row:
        row.error("上级机关不能是本机关")
        row.parent_row = None


def _check_cycles(rows: list[Row]) -> None:
    """Mark every row on a cycle of parents, visiting each row once (linear in the rows,
    whatever the depth: a chain of 5,000 is one walk)."""
    state: dict[int, str] = {}  # id(row) -> "walking" | "done"
    for start in rows:
        path: list[Row] = []
        current = start
        while current is not None and id(current) not in state:
            state[id(current)] = "walking"
            path.append(current)
            current = current.parent_row
        if current is not None and state[id(current)] == "walking":
            # The walk came back to a row of its own path: from there on, a cycle.
            for row in path[path.index(current) :]:
                row.error("上级机关关系形成循环")
        for row in path:
            state[id(row)] = "done"


# -- 3. writing ---------------------------------------------------------------------------------


def _depths(rows: list[Row]) -> dict[int, int]:
    """id(row) -> its depth in the file's own tree, each computed once (rows are acyclic)."""
    depth: dict[int, int] = {}
    for start in rows:
        chain, current = [], start
        while current is not None and id(current) not in depth:
            chain.append(current)
            current = current.parent_row
        base = depth[id(current)] if current is not None else -1
        for row in reversed(chain):
            base += 1
            depth[id(row)] = base
    return depth


def write_rows(rows: list[Row]) -> ImportResult:
    """Create or refresh every body in one transaction, parents first, in bulk.

    New bodies are inserted one depth level at a time (a level needs its parents' pks), and
    their materialised paths are computed from their parents' (models.py) — two queries per
    level, never one per row. Changed bodies are updated in bulk; one that moves to another
    parent is saved on its own, so that the paths below it follow (rare: a reorganisation).
    """
    result = ImportResult()
    depth = _depths(rows)
    saved: dict[int, Agency] = {}  # id(row) -> its body
    before: dict[int, tuple] = {}
    levels: dict[int, list[Row]] = {}
    for row in sorted(rows, key=lambda r: depth[id(r)]):
        agency = row.existing or Agency()
        before[id(row)] = _snapshot(agency)
        for column, field_name in COLUMNS.items():
            if field_name in PLAIN_FIELDS:
                setattr(agency, field_name, row.values.get(column, ""))
        agency.kind = row.kind
        if row.uscc:
            agency.uscc = row.uscc
        agency.slug = row.slug
        saved[id(row)] = agency
        if agency.pk is None:
            levels.setdefault(depth[id(row)], []).append(row)

    def parent_of(row: Row) -> Agency | None:
        return saved[id(row.parent_row)] if row.parent_row else row.parent_agency

    with transaction.atomic():
        for level in sorted(levels):
            batch = [saved[id(row)] for row in levels[level]]
            for row, agency in zip(levels[level], batch, strict=True):
                agency.parent = parent_of(row)
            Agency.objects.bulk_create(batch, batch_size=BATCH)
            # The new bodies of this level are the only ones without a path yet; the
            # database computes them from their parents' in one UPDATE.
            Agency.objects.filter(path="").update(path=_PATH_FROM_PARENT)
            result.created += len(batch)
        changed, moved = [], []
        for row in rows:
            if not row.existing:
                continue
            agency = saved[id(row)]
            agency.parent = parent_of(row)
            if _snapshot(agency) == before[id(row)]:
                result.unchanged += 1
            elif agency.parent_id != before[id(row)][len(PLAIN_FIELDS)]:
                moved.append(agency)
            else:
                changed.append(agency)
        Agency.objects.bulk_update(changed, [*PLAIN_FIELDS, "uscc", "slug"], batch_size=BATCH)
        if moved:  # the parents in memory may be new: read the paths the database computed
            paths = dict(Agency.objects.values_list("pk", "path"))
            for agency in saved.values():
                agency.path = paths[agency.pk]
        for agency in moved:
            agency.save()  # rewrites the paths below it (models.Agency._move_descendants)
        result.updated = len(changed) + len(moved)
    return result


# Rows per INSERT/UPDATE statement: SQLite allows 32,766 variables, PostgreSQL 65,535.
BATCH = 500
# "/<root pk>/…/<own pk>/" (models.Agency.path): the parent's path and the body's own pk.
_PATH_FROM_PARENT = Concat(
    Coalesce(
        Subquery(Agency.objects.filter(pk=OuterRef("parent_id")).values("path")[:1]), Value("/")
    ),
    Cast("pk", CharField()),
    Value("/"),
)


def _snapshot(agency: Agency) -> tuple:
    return (
        *(getattr(agency, f) for f in PLAIN_FIELDS),
        agency.parent_id,
        agency.uscc,
        agency.slug,
    )
